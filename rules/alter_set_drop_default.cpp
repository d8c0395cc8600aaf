#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || ctx.target.supports(Feature::AlterColumnDefaults)) return;
  for (const AlterTableCmd* command : alter_commands(alter)) {
    if (command->subtype != AT_ColumnDefault) continue;
    const char* what = command->def ? "SET DEFAULT" : "DROP DEFAULT";
    out.report(stmt, StatementClass::Recreation,
               fmt::format("DSQL as of {} has no ALTER COLUMN ... {}, so apply rebuilds table {} to change the "
                           "default of column {}",
                           ctx.target.name, what, display_name(alter->relation), command->name ? command->name : "?"))
        .at(stmt.word_or_start("DEFAULT"))
        .help(fmt::format("apply creates the table anew with the new default, copies the rows in batches and swaps it "
                          "in; DSQL from {} on changes a default in place",
                          feature_date(Feature::AlterColumnDefaults)));
    return;
  }
}

const RuleRegistrar kRule{{
    .id = "alter-set-drop-default",
    .summary = "ALTER COLUMN ... SET/DROP DEFAULT on DSQL before 2026-07-06",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
