#include <fmt/format.h>

#include "lint/names.h"
#include "lint/not_valid_rewrite.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter) return;
  const auto foreign_keys = added_constraints(alter, CONSTR_FOREIGN);
  if (foreign_keys.empty()) return;
  const std::string table = display_name(alter->relation);
  const Span at{stmt.offset(foreign_keys.front()->location), stmt.span().end};
  if (!ctx.target.supports(Feature::ForeignKeys)) {
    const bool alone = list_length(alter->cmds) == 1;
    out.report(stmt, alone ? StatementClass::Strip : StatementClass::Unsupported,
               fmt::format("DSQL as of {} has no foreign keys; the constraint on table {} is not created",
                           ctx.target.name, table))
        .at(at)
        .help(alone ? "enforce the relationship in the application, or target DSQL from 2026-08-26 on"
                    : "move the foreign key into an ALTER TABLE of its own, which dsqlint can skip");
    return;
  }
  if (foreign_keys.front()->skip_validation) return;
  report_not_valid(stmt, alter, foreign_keys.front(), "a foreign key", "ADD CONSTRAINT ... NOT VALID", at, out);
}

const RuleRegistrar kRule{{
    .id = "fk-add-without-not-valid",
    .summary = "ALTER TABLE ADD FOREIGN KEY without NOT VALID",
    .klass = StatementClass::Rewrite,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
