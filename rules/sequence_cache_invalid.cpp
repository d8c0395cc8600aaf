#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr int64_t kMinLargeCache = 65536;

void check(const Statement& stmt, Context& ctx, Findings& out) {
  // Without sequences, identity-cache-missing and sequence-cache-missing report them.
  if (!ctx.target.supports(Feature::Sequences)) return;
  for (const SequenceOptions& list : sequence_options(stmt)) {
    const DefElem* cache = find_option(list.options, "cache");
    const auto value = option_integer(cache);
    if (!value || *value <= 1 || *value >= kMinLargeCache) continue;
    const auto number = number_after_keyword(stmt, cache);
    auto finding = out.report(stmt, StatementClass::Rewrite,
                              fmt::format("DSQL rejects CACHE {} on {}: the cache must be 1 or at least {}", *value,
                                          list.owner, kMinLargeCache))
                       .help(fmt::format("use CACHE 1 for ordered values as in PostgreSQL, or CACHE {} or more for "
                                         "throughput with large gaps between sessions; apply runs it with CACHE 1",
                                         kMinLargeCache));
    if (!number) continue;
    finding.at(*number).fix(Applicability::Unsafe, "use CACHE 1", {Edit{*number, "1"}});
  }
}

const RuleRegistrar kRule{{
    .id = "sequence-cache-invalid",
    .summary = "sequence or identity CACHE between 2 and 65535",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateSeqStmt, T_AlterSeqStmt, T_CreateStmt, T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
