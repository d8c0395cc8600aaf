#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* transaction = stmt.as<TransactionStmt>();
  if (!transaction) return;
  const char* what = nullptr;
  switch (transaction->kind) {
    case TRANS_STMT_SAVEPOINT: what = "SAVEPOINT"; break;
    case TRANS_STMT_RELEASE: what = "RELEASE SAVEPOINT"; break;
    case TRANS_STMT_ROLLBACK_TO: what = "ROLLBACK TO SAVEPOINT"; break;
    default: return;
  }
  out.report(stmt, StatementClass::Unsupported, fmt::format("DSQL has no savepoints and rejects {}", what))
      .help("retry or undo the whole transaction instead of part of it; keep each transaction small enough to "
            "retry as a unit");
}

const RuleRegistrar kRule{{
    .id = "savepoint",
    .summary = "SAVEPOINT, RELEASE, ROLLBACK TO",
    .klass = StatementClass::Unsupported,
    .nodes = {T_TransactionStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
