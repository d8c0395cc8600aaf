#include "lint/replay.h"

#include <algorithm>

#include "lint/rule.h"

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

std::string replace_type(const std::string& definition, const ColumnModel& before, const ColumnModel& after) {
  const size_t at = before.type_sql.empty() ? std::string::npos : definition.find(before.type_sql, before.name.size());
  if (at == std::string::npos) return after.name + " " + after.type_sql;
  return definition.substr(0, at) + after.type_sql + definition.substr(at + before.type_sql.size());
}

void drop_column(TableModel& table, const std::string& name) {
  std::erase_if(table.columns, [&](const ColumnModel& c) { return c.name == name; });
  std::erase_if(table.indexes, [&](const IndexModel& index) {
    return std::find(index.columns.begin(), index.columns.end(), name) != index.columns.end();
  });
}

void rename_table(Catalog& catalog, const std::string& from, const std::string& to_name) {
  auto node = catalog.tables.extract(from);
  if (node.empty()) return;
  node.mapped().name = to_name;
  node.key() = node.mapped().key();
  catalog.tables.insert(std::move(node));
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
      if (!origin.stripped) add_index(catalog, change);
      return;
    case Kind::AddConstraint:
      if (origin.stripped && !change.name.empty()) catalog.missing["constraint " + change.table + "/" + change.name] = origin;
      if (!origin.stripped && table) table->constraints.push_back(change.new_name);
      return;
    case Kind::DropConstraint:
      catalog.missing.erase("constraint " + change.table + "/" + change.name);
      if (table) std::erase_if(table->indexes, [&](const IndexModel& i) { return i.name == change.name; });
      return;
    case Kind::ValidateConstraint: return;
    case Kind::AddColumn:
      if (table && !origin.stripped && !table->column(change.column.name)) {
        table->columns.push_back(change.column);
        ++table->lifetime_columns;
      }
      return;
    case Kind::DropColumn:
      if (table && !origin.stripped) drop_column(*table, change.name);
      return;
    case Kind::AlterColumnType:
      if (!table || origin.stripped) return;
      for (ColumnModel& column : table->columns)
        if (column.name == change.column.name) {
          column.definition = replace_type(column.definition, column, change.column);
          column.type = change.column.type;
          column.type_sql = change.column.type_sql;
          column.width = change.column.width;
        }
      return;
    case Kind::SetColumnDefault:
      if (!table || origin.stripped) return;
      for (ColumnModel& column : table->columns)
        if (column.name == change.column.name) column.sequences = change.column.sequences;
      return;
    case Kind::RenameTable:
      if (!origin.stripped) rename_table(catalog, change.table, change.name);
      return;
    case Kind::RenameColumn:
      if (!table || origin.stripped) return;
      for (ColumnModel& column : table->columns)
        if (column.name == change.name) column.name = change.new_name;
      for (IndexModel& index : table->indexes) std::replace(index.columns.begin(), index.columns.end(), change.name, change.new_name);
      return;
    case Kind::RenameIndex:
      if (TableModel* owner = catalog.table_of_index(change.name); owner && !origin.stripped)
        for (IndexModel& index : owner->indexes)
          if (index.name == change.name.substr(change.name.find('.') + 1)) index.name = change.new_name;
      return;
    case Kind::DropTable:
      if (!origin.stripped) catalog.tables.erase(change.table);
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
