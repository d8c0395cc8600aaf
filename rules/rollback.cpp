#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* transaction = stmt.as<TransactionStmt>();
  if (!transaction || transaction->kind != TRANS_STMT_ROLLBACK) return;
  out.report(stmt, StatementClass::Unsupported,
             "apply draws the transaction boundaries itself and commits each step, so this ROLLBACK would undo "
             "nothing of what the statements before it did")
      .help("delete the statements the ROLLBACK is meant to undo, with their BEGIN and the ROLLBACK; try a change "
            "out on a copy of the database, not in a migration");
}

const RuleRegistrar kRule{{
    .id = "rollback",
    .summary = "ROLLBACK in a migration",
    .klass = StatementClass::Unsupported,
    .nodes = {T_TransactionStmt},
    .targets = Targets::All,
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
