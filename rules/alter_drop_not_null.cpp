#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || ctx.target.supports(Feature::AlterColumnDefaults)) return;
  const auto columns = altered_columns(alter, AT_DropNotNull);
  if (columns.empty()) return;
  out.report(stmt, StatementClass::Recreation,
             fmt::format("DSQL as of {} has no ALTER COLUMN ... DROP NOT NULL, so apply rebuilds table {} to make {} "
                         "nullable",
                         ctx.target.name, display_name(alter->relation), column_list(columns)))
      .at(stmt.word_or_start("DROP"))
      .help(fmt::format("apply creates the table anew without the NOT NULL, copies the rows in batches and swaps it "
                        "in; DSQL from {} on drops NOT NULL in place",
                        feature_date(Feature::AlterColumnDefaults)));
}

const RuleRegistrar kRule{{
    .id = "alter-drop-not-null",
    .summary = "ALTER COLUMN ... DROP NOT NULL on DSQL before 2026-07-06",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
