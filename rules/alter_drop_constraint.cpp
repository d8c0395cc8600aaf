#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || ctx.target.supports(Feature::AlterColumnDefaults)) return;
  const auto constraints = altered_columns(alter, AT_DropConstraint);  // the name field holds the constraint
  if (constraints.empty()) return;
  std::string names;
  for (const std::string& name : constraints) names += (names.empty() ? "" : ", ") + name;
  out.report(stmt, StatementClass::Recreation,
             fmt::format("DSQL as of {} has no ALTER TABLE ... DROP CONSTRAINT, so apply rebuilds table {} without "
                         "constraint {}",
                         ctx.target.name, display_name(alter->relation), names))
      .at(stmt.word_or_start("CONSTRAINT"))
      .help(fmt::format("apply creates the table anew without the constraint, copies the rows in batches and swaps "
                        "it in; DSQL from {} on drops a constraint (and its index) in place",
                        feature_date(Feature::AlterColumnDefaults)));
}

const RuleRegistrar kRule{{
    .id = "alter-drop-constraint",
    .summary = "ALTER TABLE ... DROP CONSTRAINT on DSQL before 2026-07-06",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
