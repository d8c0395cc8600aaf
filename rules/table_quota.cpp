#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr size_t kMaxTables = 1000;

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != SchemaChange::Kind::CreateTable || ctx.catalog.table(change.table)) return;
  const size_t live = ctx.catalog.table_count();
  if (live < kMaxTables) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("table {} would be table number {}, and a DSQL database holds at most {}",
                         display_key(change.table), live + 1, kMaxTables))
      .help("drop tables that are no longer used, or move this data to another cluster");
}

const RuleRegistrar kRule{{
    .id = "table-quota",
    .summary = "more than 1,000 tables, counted over the whole history",
    .klass = StatementClass::Unsupported,
    .changes = {SchemaChange::Kind::CreateTable},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
