#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr unsigned kMaxPerTable = 5;

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != SchemaChange::Kind::CreateStatistics) return;
  if (!ctx.target.supports(Feature::Statistics)) {
    out.report(change.span, StatementClass::Unsupported,
               fmt::format("DSQL before {} has no extended statistics, which this statement creates on table {}",
                           feature_date(Feature::Statistics), display_key(change.table)))
        .help("delete the statement, or target a DSQL date that has CREATE STATISTICS");
    return;
  }
  const TableModel* table = ctx.catalog.table(change.table);
  if (!table || table->statistics < kMaxPerTable) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("table {} already has {} extended statistics objects, and DSQL allows at most {}",
                         display_key(change.table), table->statistics, kMaxPerTable))
      .help("drop a statistics object that the planner no longer needs, or combine their columns into one");
}

const RuleRegistrar kRule{{
    .id = "create-statistics",
    .summary = "CREATE STATISTICS before DSQL had it, or more than 5 on one table",
    .klass = StatementClass::Unsupported,
    .changes = {SchemaChange::Kind::CreateStatistics},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
