#include <fmt/format.h>

#include "expression_walk.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index || !index->indexIncludingParams) return;
  for (const IndexElem* element : list_nodes<IndexElem>(index->indexIncludingParams, T_IndexElem)) {
    if (!element->expr) continue;
    const uint32_t at = stmt.offset(expression_location(element->expr));
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects the index on table {}: its INCLUDE list holds an expression, and INCLUDE "
                           "takes only column names",
                           display_name(index->relation)))
        .at(Span{at, at})
        .help("include plain columns only; to have the index carry a computed value, store it in a column first");
    return;
  }
}

const RuleRegistrar kRule{{
    .id = "index-include-expression",
    .summary = "expression in the INCLUDE list of CREATE INDEX",
    .klass = StatementClass::Unsupported,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
