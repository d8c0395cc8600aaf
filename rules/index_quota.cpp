#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr size_t kMaxIndexes = 24;

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  const NewIndexes& created = ctx.created;
  if (!created.table || created.indexes.empty()) return;
  const size_t existing = created.table_is_new ? 0 : created.table->key_count();
  const size_t total = existing + created.indexes.size();
  if (total <= kMaxIndexes) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("table {} would have {} indexes, and DSQL allows at most {} per table, primary key and "
                         "unique constraints included",
                         display_key(created.table->key()), total, kMaxIndexes))
      .help("drop an index that no query needs before adding this one, or merge indexes that share leading columns");
}

const RuleRegistrar kRule{{
    .id = "index-quota",
    .summary = "more than 24 indexes on one table, counted over the whole history",
    .klass = StatementClass::Unsupported,
    // The kinds new_indexes() finds keys for (ctx.created).
    .changes = {SchemaChange::Kind::CreateTable, SchemaChange::Kind::CreateIndex, SchemaChange::Kind::AddConstraint},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
