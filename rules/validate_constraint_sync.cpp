#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

bool validates_constraint(const AlterTableStmt* alter) {
  ListCell* cell;
  foreach (cell, alter->cmds)
    if (lfirst_node(AlterTableCmd, cell)->subtype == AT_ValidateConstraint) return true;
  return false;
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || !validates_constraint(alter)) return;
  const std::string table = display_name(alter->relation);
  if (!ctx.target.supports(Feature::NotValidConstraints)) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL as of {} cannot validate a constraint on table {}", ctx.target.name, table))
        .help("target DSQL from 2026-08-03 on, which validates with ALTER TABLE ASYNC ... VALIDATE CONSTRAINT");
    return;
  }
  if (stmt.has_async_keyword()) return;
  const auto keyword = stmt.find_word("TABLE");
  if (!keyword) return;
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL validates constraints on table {} only as an ASYNC job", table))
      .at(Span{stmt.span().begin, keyword->span.end})
      .help("write ALTER TABLE ASYNC ... VALIDATE CONSTRAINT; apply waits for the job and fails if validation fails")
      .fix(Applicability::Safe, "add ASYNC", {Edit{Span{keyword->span.end, keyword->span.end}, " ASYNC"}});
}

const RuleRegistrar kRule{{
    .id = "validate-constraint-sync",
    .summary = "ALTER TABLE VALIDATE CONSTRAINT without ASYNC",
    .klass = StatementClass::Rewrite,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
