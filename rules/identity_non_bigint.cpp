#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  // Without sequences, identity-cache-missing reports identity columns as unsupported.
  if (!ctx.target.supports(Feature::Sequences)) return;
  for (const IdentityColumn& column : identity_columns(stmt)) {
    // ADD GENERATED names no type; the column's type is in an earlier statement.
    if (!column.column || !is_narrow_integer_type(column.column->typeName)) continue;
    const Span span = type_span(stmt, column.column->typeName);
    out.report(stmt, StatementClass::Rewrite,
               fmt::format("DSQL rejects identity column {} of table {} because its type is {}, not bigint",
                           column.name, display_name(column.table), stmt.file().slice(span)))
        .at(span)
        .help(
            "declare the column bigint; apply runs it as bigint, and code that reads the value as a 32-bit "
            "integer must widen it")
        .fix(Applicability::Unsafe, "change the type to bigint", {Edit{span, "bigint"}});
  }
}

const RuleRegistrar kRule{{
    .id = "identity-non-bigint",
    .summary = "identity column that is not bigint",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
