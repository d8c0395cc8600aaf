#include <fmt/format.h>

#include "lint/names.h"
#include "lint/not_valid_rewrite.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter) return;
  const auto checks = added_constraints(alter, CONSTR_CHECK);
  if (checks.empty()) return;
  const std::string table = display_name(alter->relation);
  const Span at{stmt.offset(checks.front()->location), stmt.span().end};
  if (!ctx.target.supports(Feature::NotValidConstraints)) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL as of {} cannot add a CHECK constraint to existing table {}", ctx.target.name, table))
        .at(at)
        .help("declare the check in CREATE TABLE, or target DSQL from 2026-08-03 on (NOT VALID and ASYNC validation)");
    return;
  }
  if (checks.front()->skip_validation) return;
  if (list_length(alter->cmds) != 1) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL adds a CHECK constraint to existing table {} only NOT VALID, in an ALTER TABLE of its own", table))
        .at(at)
        .help("split the statement: one ALTER TABLE ... ADD CONSTRAINT ... CHECK (...) NOT VALID, then ALTER TABLE ASYNC ... VALIDATE CONSTRAINT");
    return;
  }
  const NotValidRewrite rewrite = not_valid_rewrite(alter, checks.front(), stmt.parsed().base, stmt.span().end);
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL rejects a CHECK constraint added to table {} without NOT VALID", table))
      .at(at)
      .help("add it NOT VALID, then validate it with ALTER TABLE ASYNC ... VALIDATE CONSTRAINT; apply waits for the job")
      .fix(Applicability::Safe, "add NOT VALID and an ASYNC validation", rewrite.edits, {rewrite.validate});
}

const RuleRegistrar kRule{{
    .id = "check-add-without-not-valid",
    .summary = "ALTER TABLE ADD CHECK without NOT VALID",
    .klass = StatementClass::Rewrite,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
