#include "lint/replay.h"

#include <algorithm>

#include "lint/rule.h"
#include "lint/table_edits.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

const std::vector<const Rule*>& state_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> out;
    for (const Rule* rule : all_rules())
      if (rule->state) out.push_back(rule);
    return out;
  }();
  return rules;
}

/// A class raised by history: what apply would run changes only when the statement no
/// longer runs at all (RECREATION rebuilds, STRIP skips, UNSUPPORTED refuses).
void raise_class(StatementResult& statement) {
  StatementClass klass = StatementClass::Ok;
  for (const Finding& finding : statement.findings) klass = std::max(klass, finding.klass);
  if (klass == statement.klass) return;
  statement.klass = klass;
  if (klass > StatementClass::Rewrite) {
    statement.rewritten.clear();
    statement.runs_as_written = false;
  }
}

/// RENAME TO: the table, and the foreign keys that reference it.
void rename_table_everywhere(Catalog& catalog, const std::string& from, const std::string& to_name) {
  if (!catalog.table(from)) return;
  for (auto& [key, other] : catalog.tables) rename_referenced_table(other, from, to_name);
  auto node = catalog.tables.extract(from);
  rename_table(node.mapped(), to_name);
  node.key() = node.mapped().key();
  catalog.tables.insert(std::move(node));
}

/// The foreign keys, of any table, that depend on `keys` of `table`: gone with them.
void drop_dependents(Catalog& catalog, const TableModel& table, const std::vector<IndexModel>& keys) {
  for (const IndexModel& key : keys)
    for (auto& [name, other] : catalog.tables) drop_references(other, table.key(), &key);
}

/// RENAME COLUMN: the table's definitions, and the foreign keys of others that name it.
void rename_column_everywhere(Catalog& catalog, TableModel& table, const std::string& from, const std::string& to) {
  // A foreign key references the columns of a unique key: if there is none, nothing follows.
  const bool referable = std::any_of(table.indexes.begin(), table.indexes.end(), [&](const IndexModel& index) {
    return index.unique && std::find(index.columns.begin(), index.columns.end(), from) != index.columns.end();
  });
  rename_column(table, from, to);
  if (!referable) return;
  for (auto& [key, other] : catalog.tables)
    if (key != table.key()) rename_referenced_column(other, table.key(), from, to);
}

/// An added constraint without a name gets one now, as in PostgreSQL: past the names the
/// table has, which a later change must not make come out different.
void name_new_constraints(TableModel& table) {
  table.constraint_names_written = false;
  freeze_constraint_names(table);
}

/// ADD COLUMN. PostgreSQL names the new column's constraints now, past the names the
/// table has: write them down, or a later change could make them come out different.
void add_column(TableModel& table, const SchemaChange& change) {
  if (table.column(change.column.name)) return;
  const bool unnamed = has_unnamed_constraint(change.column.definition);
  if (unnamed) freeze_constraint_names(table);
  table.columns.push_back(change.column);
  for (const IndexModel& index : change.created.indexes) table.indexes.push_back(index);
  ++table.lifetime_columns;
  if (unnamed) name_new_constraints(table);
}

void add_index(Catalog& catalog, const SchemaChange& change) {
  TableModel* table = catalog.table(change.table);
  if (!table) return;
  IndexModel index = change.index;
  if (index.columns.empty() && !index.name.empty())  // UNIQUE/PRIMARY KEY USING INDEX name
    for (const IndexModel& existing : table->indexes)
      if (existing.name == index.name) index.columns = existing.columns;
  std::erase_if(table->indexes, [&](const IndexModel& i) { return !index.name.empty() && i.name == index.name; });
  table->indexes.push_back(std::move(index));
  if (change.kind == Kind::CreateIndex) name_index(*table, table->indexes.back());
}

}  // namespace

void apply_change(Catalog& catalog, const SchemaChange& change, const Origin& origin) {
  TableModel* table = catalog.table(change.table);
  switch (change.kind) {
    case Kind::CreateTable:
      if (!table && !origin.stripped) {
        TableModel created = change.created;
        created.origin = origin;
        catalog.tables.emplace(change.table, std::move(created));
      }
      return;
    case Kind::CreateIndex:
    case Kind::AddIndexConstraint:
      if (origin.stripped) return;
      add_index(catalog, change);
      if (table && change.kind == Kind::AddIndexConstraint && change.index.name.empty()) name_new_constraints(*table);
      return;
    case Kind::AddConstraint:
      if (origin.stripped && !change.name.empty()) catalog.missing["constraint " + change.table + "/" + change.name] = origin;
      if (!origin.stripped && table) {
        table->constraints.push_back(change.new_name);
        if (change.name.empty()) name_new_constraints(*table);
      }
      return;
    case Kind::DropConstraint:
      catalog.missing.erase("constraint " + change.table + "/" + change.name);
      if (table && !origin.stripped) drop_dependents(catalog, *table, drop_constraint(*table, change.name));
      return;
    case Kind::ValidateConstraint: return;
    case Kind::AddColumn:
      if (table && !origin.stripped) add_column(*table, change);
      return;
    case Kind::DropColumn:
      if (table && !origin.stripped) drop_dependents(catalog, *table, drop_column(*table, change.name));
      return;
    case Kind::AlterColumnType:
      if (table && !origin.stripped) set_type(*table, change.column, change.clause);
      return;
    case Kind::SetColumnDefault:
      if (!table || origin.stripped) return;
      set_default(*table, change.column.name, change.clause);
      for (ColumnModel& column : table->columns)
        if (column.name == change.column.name) column.sequences = change.column.sequences;
      return;
    case Kind::SetNotNull:
    case Kind::DropNotNull:
      if (table && !origin.stripped) set_not_null(*table, change.name, change.kind == Kind::SetNotNull);
      return;
    case Kind::RenameTable:
      if (!origin.stripped) rename_table_everywhere(catalog, change.table, change.name);
      return;
    case Kind::RenameColumn:
      if (table && !origin.stripped) rename_column_everywhere(catalog, *table, change.name, change.new_name);
      return;
    case Kind::RenameConstraint:
      if (table && !origin.stripped) rename_constraint(*table, change.name, change.new_name);
      return;
    case Kind::RenameIndex:
      if (TableModel* owner = catalog.table_of_index(change.name); owner && !origin.stripped)
        rename_index(*owner, change.name.substr(change.name.find('.') + 1), change.new_name);
      return;
    case Kind::DropTable:
      if (!table || origin.stripped) return;
      catalog.tables.erase(change.table);
      for (auto& [key, other] : catalog.tables) drop_references(other, change.table, nullptr);
      return;
    case Kind::DropIndex:
      if (TableModel* owner = catalog.table_of_index(change.name); owner && !origin.stripped) {
        const std::string name = change.name.substr(change.name.find('.') + 1);
        std::erase_if(owner->indexes, [&](const IndexModel& i) { return i.name == name; });
      }
      return;
    case Kind::CreateSequence:
      if (origin.stripped) catalog.missing.emplace("sequence " + change.table, origin);
      else catalog.sequences.emplace(change.table, origin);
      return;
    case Kind::DropSequence:
      if (!origin.stripped) catalog.sequences.erase(change.table), catalog.missing.erase("sequence " + change.table);
      return;
    case Kind::CreateSchema:
      if (change.table != "public" && change.table != "sys" && !origin.stripped) catalog.schemas.emplace(change.table, origin);
      return;
    case Kind::DropSchema:
      if (!origin.stripped) catalog.schemas.erase(change.table);
      return;
    case Kind::EnableRls:
      if (table && origin.stripped) table->rls_stripped = origin;
      return;
    case Kind::CreatePolicy: return;
    case Kind::CreateStatistics:
      if (table && !origin.stripped) ++table->statistics;
      return;
  }
}

void replay(Catalog& catalog, FileResult& file, const TargetProfile& target) {
  for (StatementResult& statement : file.statements) {
    if (statement.changes.empty()) continue;
    const StateContext context{target, catalog, file.source.path, statement};
    Findings findings;
    for (const SchemaChange& change : statement.changes)
      for (const Rule* rule : state_rules()) {
        if (!runs_for(*rule, target)) continue;
        findings.set_rule(rule->id);
        rule->state(change, context, findings);
      }
    for (Finding& finding : findings.items()) statement.findings.push_back(std::move(finding));
    raise_class(statement);
    const SchemaChange& first = statement.changes.front();
    if (statement.klass == StatementClass::Recreation)
      if (const TableModel* table = catalog.table(first.table)) statement.table_definition = *table;
    if (first.kind == Kind::CreateIndex)
      if (const TableModel* table = catalog.table(first.table)) statement.table_is_new = table->origin.path == file.source.path;
    const Origin origin{file.source.path, statement.index,
                        statement.klass == StatementClass::Strip || statement.klass == StatementClass::Unsupported};
    for (const SchemaChange& change : statement.changes) apply_change(catalog, change, origin);
  }
}

}  // namespace dsqlint
