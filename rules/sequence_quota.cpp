#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr size_t kMaxSequences = 5000;

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != SchemaChange::Kind::CreateSequence || ctx.catalog.sequences.contains(change.table)) return;
  const size_t live = ctx.catalog.sequences.size();
  if (live < kMaxSequences) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("sequence {} would be sequence number {}, and DSQL allows at most {}", display_key(change.table),
                         live + 1, kMaxSequences))
      .help("drop sequences that are no longer used, or use uuid keys with DEFAULT gen_random_uuid()");
}

const RuleRegistrar kRule{{
    .id = "sequence-quota",
    .summary = "more than 5,000 sequences, counted over the whole history",
    .klass = StatementClass::Unsupported,
    .changes = {SchemaChange::Kind::CreateSequence},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
