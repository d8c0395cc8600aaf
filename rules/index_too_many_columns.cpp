#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr int kMaxKeyColumns = 8;

void report(const Statement& stmt, Findings& out, std::string_view what, const RangeVar* table, int columns,
            int location) {
  const uint32_t at = stmt.offset(location);
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects the {}-column key of {} on table {}: a key has at most {} columns (54011)",
                         columns, what, display_name(table), kMaxKeyColumns))
      .at(Span{at, at})
      .help("key on at most 8 columns: move the columns that only need to be read into INCLUDE (...), or key on a "
            "hash or surrogate column");
}

/// A PRIMARY KEY or UNIQUE constraint with too many key columns.
void check_constraint(const Statement& stmt, Findings& out, const Constraint* constraint, const RangeVar* table) {
  if (constraint->contype != CONSTR_PRIMARY && constraint->contype != CONSTR_UNIQUE) return;
  const int columns = list_length(constraint->keys);
  if (columns <= kMaxKeyColumns) return;
  report(stmt, out, constraint->contype == CONSTR_PRIMARY ? "the primary key" : "a UNIQUE constraint", table, columns,
         constraint->location);
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (const auto* index = stmt.as<IndexStmt>()) {
    const int columns = list_length(index->indexParams);
    if (columns > kMaxKeyColumns)
      report(stmt, out, index->idxname ? fmt::format("index {}", index->idxname) : "an index", index->relation,
             columns, -1);
    return;
  }
  if (const auto* create = stmt.as<CreateStmt>()) {
    const ListCell* cell;  // walked in place: this runs for every CREATE TABLE
    foreach (cell, create->tableElts) {
      const auto* element = static_cast<const Node*>(lfirst(cell));
      if (IsA(element, Constraint))
        check_constraint(stmt, out, reinterpret_cast<const Constraint*>(element), create->relation);
    }
    return;
  }
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter) return;
  for (const AlterTableCmd* command : alter_commands(alter))
    if (command->subtype == AT_AddConstraint && command->def && IsA(command->def, Constraint))
      check_constraint(stmt, out, castNode(Constraint, command->def), alter->relation);
}

const RuleRegistrar kRule{{
    .id = "index-too-many-columns",
    .summary = "more than 8 key columns in an index, primary key or UNIQUE constraint",
    .klass = StatementClass::Unsupported,
    .nodes = {T_IndexStmt, T_CreateStmt, T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
