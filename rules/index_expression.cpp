#include <fmt/format.h>

#include "expression_walk.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index) return;
  const IndexElem* first = nullptr;
  const ListCell* cell;  // walked in place: this runs for every CREATE INDEX
  foreach (cell, index->indexParams) {
    const auto* element = static_cast<const IndexElem*>(lfirst(cell));
    if (!IsA(element, IndexElem) || !element->expr) continue;
    if (!first) first = element;
    if (!ctx.target.supports(Feature::ExpressionIndexes)) break;
    const NonImmutableCall call = first_non_immutable_call(element->expr);
    if (!call.node) continue;
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects the index on table {}: its key calls {}, which is not immutable (42P17)",
                           display_name(index->relation), call.name))
        .at(Span{stmt.offset(call.location), stmt.offset(call.location)})
        .help("index only values that depend on the row alone: store the computed value in a column and index that "
              "column, or drop the clock/random part of the expression");
    return;
  }
  if (!first || ctx.target.supports(Feature::ExpressionIndexes)) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL as of {} has no expression indexes and rejects the index on table {}", ctx.target.name,
                         display_name(index->relation)))
      .at(Span{stmt.offset(expression_location(first->expr)), stmt.offset(expression_location(first->expr))})
      .help(fmt::format("store the expression's value in a column (kept up to date by the application) and index "
                        "that column, or target DSQL from {} on",
                        feature_date(Feature::ExpressionIndexes)));
}

const RuleRegistrar kRule{{
    .id = "index-expression",
    .summary = "expression index key: before 2026-08-13, or calling a function that is not immutable",
    .klass = StatementClass::Unsupported,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
