#include "core/compiled_format.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE) return;
  const std::vector<std::string> columns = altered_columns(alter, AT_SetNotNull);
  if (columns.empty()) return;
  out.report(stmt, StatementClass::Recreation,
             compiled_format(
                 FMT_COMPILE("DSQL cannot add NOT NULL to {} on existing table {}, so apply rebuilds the table"),
                 column_list(columns), display_name(alter->relation)))
      .at(stmt.word_or_start("SET"))
      .help("apply creates the table anew with the column NOT NULL and copies the rows in batches; a NULL row "
            "stops the copy before anything is swapped. To keep the table, add CHECK (col IS NOT NULL) NOT VALID "
            "and validate it with ALTER TABLE ASYNC");
}

const RuleRegistrar kRule{{
    .id = "alter-set-not-null",
    .summary = "ALTER COLUMN ... SET NOT NULL",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
