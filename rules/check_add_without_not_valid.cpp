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
  report_not_valid(stmt, alter, checks.front(), "a CHECK constraint", "ADD CONSTRAINT ... CHECK (...) NOT VALID", at, out);
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
