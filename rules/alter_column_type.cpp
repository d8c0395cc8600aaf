#include "core/compiled_format.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE) return;
  const std::vector<std::string> columns = altered_columns(alter, AT_AlterColumnType);
  if (columns.empty()) return;
  out.report(stmt, StatementClass::Recreation,
             compiled_format(
                 FMT_COMPILE("DSQL rejects changing the type of {} on table {}, so apply rebuilds the table"),
                 column_list(columns), display_name(alter->relation)))
      .at(stmt.word_or_start("TYPE"))
      .help(
          "apply creates the table anew with the new type, copies the rows in batches and swaps it in; to keep "
          "the table, add a new column instead, backfill it in batches and rename it");
}

const RuleRegistrar kRule{{
    .id = "alter-column-type",
    .summary = "ALTER COLUMN ... [SET DATA] TYPE",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
