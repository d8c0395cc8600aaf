#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/statement_kinds.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const KindVerdict verdict = decide_statement(stmt.node());
  if (verdict.decision != KindDecision::Strip && verdict.decision != KindDecision::Unsupported) return;
  const std::string why = verdict.why.empty() ? "" : ": " + verdict.why;
  if (verdict.decision == KindDecision::Strip) {
    out.report(stmt, StatementClass::Strip, fmt::format("DSQL does not run {}{}, so apply skips it", verdict.what, why))
        .help(verdict.help);
    return;
  }
  out.report(stmt, StatementClass::Unsupported, fmt::format("DSQL does not run {}{}", verdict.what, why))
      .help(verdict.help);
}

const RuleRegistrar kRule{{
    .id = "unsupported-statement",
    .summary = "a statement kind DSQL does not run and no other rule decides (MERGE, CREATE TABLESPACE, "
               "CLUSTER, CREATE COLLATION/CAST/OPERATOR/AGGREGATE/LANGUAGE ...)",
    .klass = StatementClass::Unsupported,
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
