#include "lint/rule.h"
#include "lint/statement_category.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const TransactionState& transaction = ctx.transaction;
  if (!transaction.in_block || transaction.ddl_before == 0) return;
  if (categorize(stmt.node()) != StatementCategory::Ddl) return;
  out.report(stmt, StatementClass::Rewrite,
             "DSQL rejects a second DDL statement in one transaction, so apply commits the DDL before this one "
             "and runs this one in a transaction of its own")
      .help(
          "give each DDL statement (GRANT and REVOKE included) its own BEGIN ... COMMIT, or drop the explicit "
          "transaction; the block is then no longer atomic, so make each step safe to re-run");
}

const RuleRegistrar kRule{{
    .id = "multi-ddl-transaction",
    .summary = "more than one DDL statement in an explicit transaction",
    .klass = StatementClass::Rewrite,
    .nodes = {},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
