#include <fmt/format.h>

#include "expression_walk.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

/// Reports a generated column whose expression is not immutable; true when it did.
bool check_column(const Statement& stmt, const Node* node, const RangeVar* table, Findings& out) {
  if (!node || !IsA(node, ColumnDef)) return false;
  const auto* column = reinterpret_cast<const ColumnDef*>(node);
  const Constraint* generated = column_constraint(column, CONSTR_GENERATED);
  if (!generated) return false;
  const NonImmutableCall call = first_non_immutable_call(generated->raw_expr);
  if (!call.node) return false;
  const uint32_t at = stmt.offset(call.location);
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects generated column {} of table {}: its expression calls {}, which is not "
                         "immutable (42P17)",
                         column->colname ? column->colname : "?", display_name(table), call.name))
      .at(Span{at, at})
      .help("a stored generated column may depend only on the row: for a time or random value use DEFAULT "
            "instead, or set the column from the application");
  return true;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const ListCell* cell;
  if (const auto* create = stmt.as<CreateStmt>()) {
    foreach (cell, create->tableElts)
      if (check_column(stmt, static_cast<const Node*>(lfirst(cell)), create->relation, out)) return;
    return;
  }
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter) return;
  foreach (cell, alter->cmds) {
    const auto* command = static_cast<const AlterTableCmd*>(lfirst(cell));
    if (command->subtype == AT_AddColumn && check_column(stmt, command->def, alter->relation, out)) return;
  }
}

const RuleRegistrar kRule{{
    .id = "generated-stored-volatile",
    .summary = "GENERATED ALWAYS AS (expr) STORED calling a function that is not immutable",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
