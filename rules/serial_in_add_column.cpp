#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter) return;
  for (const AlterTableCmd* command : alter_commands(alter)) {
    if (command->subtype != AT_AddColumn || !command->def || !IsA(command->def, ColumnDef)) continue;
    const auto* column = castNode(ColumnDef, command->def);
    if (!is_serial_type(column->typeName)) continue;
    const std::string what = fmt::format("{} column {} to table {}", type_name(column->typeName), column->colname,
                                         display_name(alter->relation));
    const Span span = type_span(stmt, column->typeName);
    if (!ctx.target.supports(Feature::Sequences)) {
      out.report(stmt, StatementClass::Unsupported,
                 fmt::format("DSQL before {} has no sequences and cannot add the {}", feature_date(Feature::Sequences),
                             what))
          .at(span)
          .help(
              "add a uuid column with no default and fill it in batches, or target a DSQL date with identity "
              "columns");
      continue;
    }
    out.report(stmt, StatementClass::Recreation,
               fmt::format("DSQL cannot add the {} in place, so apply rebuilds the table", what))
        .at(span)
        .help(
            "apply creates the table anew with a bigint identity column, copies the rows in batches and swaps it "
            "in; DSQL cannot add the NOT NULL that an identity on an existing column needs");
  }
}

const RuleRegistrar kRule{{
    .id = "serial-in-add-column",
    .summary = "ALTER TABLE ADD COLUMN with a SERIAL type",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
