#include <string>

#include "core/compiled_format.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr char kCascade = 'c', kSetNull = 'n', kSetDefault = 'd';  // FKCONSTR_ACTION_* in parsenodes.h

bool fans_out(char action) { return action == kCascade || action == kSetNull || action == kSetDefault; }

std::string_view action_name(char action) {
  return action == kCascade ? "CASCADE" : action == kSetNull ? "SET NULL" : "SET DEFAULT";
}

/// "ON DELETE CASCADE", "ON DELETE CASCADE and ON UPDATE SET NULL".
std::string actions(const Constraint* key) {
  std::string out;
  if (fans_out(key->fk_del_action)) out = compiled_format(FMT_COMPILE("ON DELETE {}"), action_name(key->fk_del_action));
  if (fans_out(key->fk_upd_action))
    out += compiled_format(FMT_COMPILE("{}ON UPDATE {}"), out.empty() ? "" : " and ", action_name(key->fk_upd_action));
  return out;
}

bool fanning(const Node* node) {
  if (!node || !IsA(node, Constraint)) return false;
  const auto* key = reinterpret_cast<const Constraint*>(node);
  return key->contype == CONSTR_FOREIGN && (fans_out(key->fk_del_action) || fans_out(key->fk_upd_action));
}

/// The first foreign key with a fanning action among a column's inline constraints.
const Constraint* column_key(const Node* node) {
  if (!node || !IsA(node, ColumnDef)) return nullptr;
  const ListCell* cell;
  foreach (cell, reinterpret_cast<const ColumnDef*>(node)->constraints)
    if (fanning(static_cast<const Node*>(lfirst(cell)))) return static_cast<const Constraint*>(lfirst(cell));
  return nullptr;
}

/// The first foreign key with a fanning action that a CREATE TABLE or ALTER TABLE declares,
/// walked in place (this runs for every CREATE TABLE), and the table it is on.
const Constraint* fanning_key(const Statement& stmt, const RangeVar*& table) {
  const ListCell* cell;
  if (const auto* create = stmt.as<CreateStmt>()) {
    table = create->relation;
    foreach (cell, create->tableElts) {
      const auto* element = static_cast<const Node*>(lfirst(cell));
      if (fanning(element)) return reinterpret_cast<const Constraint*>(element);
      if (const Constraint* key = column_key(element)) return key;
    }
    return nullptr;
  }
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter) return nullptr;
  table = alter->relation;
  foreach (cell, alter->cmds) {
    const auto* command = static_cast<const AlterTableCmd*>(lfirst(cell));
    if (command->subtype == AT_AddConstraint && fanning(command->def))
      return reinterpret_cast<const Constraint*>(command->def);
    if (command->subtype == AT_AddColumn)
      if (const Constraint* key = column_key(command->def)) return key;
  }
  return nullptr;
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const RangeVar* table = nullptr;
  const Constraint* key = nullptr;
  Span at = stmt.span();
  if (stmt.as<DoStmt>()) {
    const DrizzleFkIdiom& idiom = drizzle_fk_idiom(stmt, ctx);
    if (!idiom.matches || !fanning(reinterpret_cast<const Node*>(idiom.constraint))) return;
    key = idiom.constraint;
    table = idiom.alter->relation;
    if (idiom.in_file) at = idiom.alter_span;
  } else {
    key = fanning_key(stmt, table);
    if (!key) return;
    const auto word = stmt.find_word(fans_out(key->fk_del_action) ? "DELETE" : "UPDATE", stmt.offset(key->location));
    if (key->location >= 0 && word) at = word->span;
  }
  if (!ctx.target.supports(Feature::ForeignKeys)) return;  // fk-inline-new-table and the DO rules speak then
  out.report(stmt, StatementClass::Ok,
             compiled_format(
                 FMT_COMPILE("DSQL counts the rows that {} changes in table {} toward the 3,000-row limit of the "
                             "transaction that changes the referenced row"),
                 actions(key), display_name(table)))
      .at(at)
      .help("if a referenced row can have thousands of referencing rows, use ON DELETE NO ACTION or RESTRICT and "
            "delete or update the referencing rows in batches of at most 3,000 first");
}

const RuleRegistrar kRule{{
    .id = "fk-cascade-fanout",
    .summary = "foreign key with ON DELETE/UPDATE CASCADE, SET NULL or SET DEFAULT",
    .klass = StatementClass::Ok,
    .nodes = {T_CreateStmt, T_AlterTableStmt, T_DoStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
