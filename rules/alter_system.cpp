#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  if (!stmt.as<AlterSystemStmt>()) return;
  out.report(stmt, StatementClass::Strip, "DSQL blocks ALTER SYSTEM, so apply skips it")
      .at(stmt.word_or_start("SYSTEM"))
      .help("delete the statement; DSQL manages server settings itself. Session settings can still be changed with "
            "SET where DSQL allows them");
}

const RuleRegistrar kRule{{
    .id = "alter-system",
    .summary = "ALTER SYSTEM",
    .klass = StatementClass::Strip,
    .nodes = {T_AlterSystemStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
