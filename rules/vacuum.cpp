#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* vacuum = stmt.as<VacuumStmt>();
  if (!vacuum || !vacuum->is_vacuumcmd) return;  // ANALYZE alone is the same node
  out.report(stmt, StatementClass::Strip, "DSQL has no VACUUM and maintains its storage itself, so apply skips it")
      .at(stmt.word_or_start("VACUUM"))
      .help("delete the statement; for VACUUM ANALYZE t, keep ANALYZE t if fresh statistics are wanted");
}

const RuleRegistrar kRule{{
    .id = "vacuum",
    .summary = "VACUUM",
    .klass = StatementClass::Strip,
    .nodes = {T_VacuumStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
