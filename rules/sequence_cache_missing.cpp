#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

// On targets without sequences this rule alone reports CREATE SEQUENCE, so each
// statement gets one finding; the other sequence rules stay quiet there.
void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* create = stmt.as<CreateSeqStmt>();
  if (!create) return;
  const std::string name = display_name(create->sequence);
  const Span at = stmt.word_or_start("SEQUENCE");
  if (!ctx.target.supports(Feature::Sequences)) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL before {} has no sequences, so it rejects sequence {}",
                           feature_date(Feature::Sequences), name))
        .at(at)
        .help("use uuid keys with DEFAULT gen_random_uuid(), or target a DSQL date that has sequences");
    return;
  }
  if (find_option(create->options, "cache")) return;
  const uint32_t end = stmt.span().end;
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL rejects CREATE SEQUENCE {} without an explicit CACHE", name))
      .at(at)
      .help(
          "add CACHE 1 (or CACHE 65536 or more for throughput, with large gaps between sessions); apply runs it "
          "with CACHE 1")
      .fix(Applicability::Safe, "add CACHE 1", {Edit{Span{end, end}, " CACHE 1"}});
}

const RuleRegistrar kRule{{
    .id = "sequence-cache-missing",
    .summary = "CREATE SEQUENCE without CACHE",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateSeqStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
