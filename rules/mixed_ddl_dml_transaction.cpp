#include "lint/rule.h"
#include "lint/statement_category.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const TransactionState& transaction = ctx.transaction;
  if (!transaction.in_block) return;
  const StatementCategory category = categorize(stmt.node());
  const bool ddl_after_dml = category == StatementCategory::Ddl && transaction.dml_before > 0;
  const bool dml_after_ddl = category == StatementCategory::Dml && transaction.ddl_before > 0;
  if (!ddl_after_dml && !dml_after_ddl) return;
  out.report(stmt, StatementClass::Rewrite,
             ddl_after_dml ? "DSQL rejects DDL after data changes in one transaction, so apply commits the data "
                             "changes first and runs this DDL in a transaction of its own"
                           : "DSQL rejects data changes after DDL in one transaction, so apply commits the DDL "
                             "first and runs this statement in a separate transaction")
      .help(
          "put schema changes and data changes in separate transactions; the block is then no longer atomic, so "
          "make each step safe to re-run");
}

const RuleRegistrar kRule{{
    .id = "mixed-ddl-dml-transaction",
    .summary = "DDL and DML in one explicit transaction",
    .klass = StatementClass::Rewrite,
    .nodes = {},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
