#include <fmt/format.h>

#include "column_types.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  for_each_declared_type(stmt, [&](const DeclaredType& declared) {
    if (declared.type->arrayBounds == NIL) return;
    const uint32_t at = stmt.offset(declared.type->location);
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects the array type {} of {}: arrays exist only as query-time values, not as "
                           "column types",
                           type_name(declared.type), owner_of(declared)))
        .at(Span{at, at})
        .help(ctx.target.supports(Feature::Jsonb) ? "store the list as jsonb (a JSON array), or as rows of a child table; application code that "
                      "reads the column must change"
                    : "store the list as text (e.g. JSON), or as rows of a child table; application code that reads "
                      "the column must change");
  });
}

const RuleRegistrar kRule{{
    .id = "array-column",
    .summary = "array column type (text[], int ARRAY)",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_AlterTableStmt, T_CreateDomainStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
