#include "lint/recreation_table.h"

#include <algorithm>

#include "catalog/object_key.h"
#include "catalog/table_ops.h"
#include "core/source_file.h"
#include "lint/names.h"
#include "lint/rule_helpers.h"
#include "lint/statement.h"
#include "parse/parsed_file.h"
#include "parse/references.h"

namespace dsqlint::recreation {

namespace {

using Kind = SchemaChange::Kind;

Result<ColumnModel*> altered_column(AlteredTable& altered, const SchemaChange& change) {
  ColumnModel* column = altered.table.column(change.name);
  if (!column) return Error{"column " + change.name + " is not in table " + altered.table.name + " as the migrations define it"};
  if (!altered.sources.contains(column->name)) return Error{"column " + column->name + " is added and altered by the same statement"};
  return column;
}

bool in_primary_key(const TableModel& table, const std::string& column) {
  const ConstraintModel* key = table.primary_key();
  return key && std::find(key->columns.begin(), key->columns.end(), column) != key->columns.end();
}

Result<bool> alter_type(AlteredTable& altered, const SchemaChange& change) {
  auto column = altered_column(altered, change);
  if (!column) return column.error();
  set_type(altered.table, change.name, change.column.type, change.column.extra->collation);
  const bool using_given = !change.expression_sql.empty();
  altered.sources.find(change.name)->second =  // altered_column found it
      using_given ? "(" + change.expression_sql + ")" : quote_identifier(change.name) + "::" + change.column.type->sql;
  altered.changes.push_back("column " + change.name + ": type " + change.column.type->sql +
                            (using_given ? " using " + change.expression_sql : ""));
  return true;
}

Result<bool> alter_column(AlteredTable& altered, const SchemaChange& change) {
  auto column = altered_column(altered, change);
  if (!column) return column.error();
  ColumnModel& c = **column;
  switch (change.kind) {
    case Kind::SetNotNull:
      set_not_null(altered.table, c.name, true);
      altered.changes.push_back("column " + c.name + ": set not null");
      return true;
    case Kind::DropNotNull:
      if (in_primary_key(altered.table, c.name) || c.identity != Identity::None)
        return Error{"column " + c.name + " is in the primary key or an identity column: PostgreSQL refuses DROP NOT NULL"};
      set_not_null(altered.table, c.name, false);
      altered.changes.push_back("column " + c.name + ": drop not null");
      return true;
    default:
      if (c.identity != Identity::None) return Error{"column " + c.name + " is an identity column and takes no default"};
      const bool serial = is_serial(c.type->name);
      set_default(altered.table, c.name, change.column.default_sql, change.column.extra->sequences);
      if (serial && change.column.default_sql.empty())  // DSQL made the serial an identity, and that bigint
        set_type(altered.table, c.name, bigint_type(), c.extra->collation);
      altered.changes.push_back("column " + c.name +
                                (change.column.default_sql.empty() ? ": drop default" : ": default " + change.column.default_sql));
      return true;
  }
}

Result<bool> drop_constraint_change(AlteredTable& altered, const SchemaChange& change) {
  if (drop_constraint(altered.table, change.name)) {
    altered.changes.push_back("drop constraint " + change.name);
    return true;
  }
  if (change.replace) return true;  // IF EXISTS
  return Error{"constraint " + change.name + " is not in table " + altered.table.name + " as the migrations define it"};
}

Result<bool> add_constraint_change(AlteredTable& altered, const SchemaChange& change) {
  const ConstraintModel& constraint = change.constraint;
  if (constraint.kind == ConstraintKind::Exclusion) return Error{"EXCLUDE constraints cannot be part of a rebuild"};
  if (!change.name.empty()) return Error{"ADD CONSTRAINT ... USING INDEX cannot be part of a rebuild"};
  if (constraint.kind == ConstraintKind::PrimaryKey && altered.table.primary_key())
    return Error{"table " + altered.table.name + " has a primary key already"};
  ConstraintModel added = constraint;
  added.valid = true;  // the new table is filled by the copy, which checks every row
  const std::string name = add_constraint(altered.table, std::move(added));
  altered.changes.push_back("add constraint " + name);
  return true;
}

Result<bool> add_column_change(AlteredTable& altered, const SchemaChange& change) {
  if (!add_column(altered.table, change.column, change.constraints)) {
    if (change.replace) return true;  // IF NOT EXISTS
    return Error{"column " + change.column.name + " of table " + altered.table.name + " exists already"};
  }
  altered.changes.push_back("add column " + change.column.name);
  return true;
}

/// The new table goes without the column: the copy leaves it out, and what used it goes
/// with it as in PostgreSQL (its indexes and constraints, keys included). Other tables'
/// foreign keys on such a key are carry_dependents' to refuse, as PostgreSQL refuses them.
Result<bool> drop_column_change(AlteredTable& altered, const SchemaChange& change) {
  if (!altered.table.column(change.name)) {
    if (change.replace) return true;  // IF EXISTS
    return Error{"column " + change.name + " is not in table " + altered.table.name + " as the migrations define it"};
  }
  if (!altered.sources.contains(change.name))
    return Error{"column " + change.name + " is added and dropped by the same statement"};
  drop_column(altered.table, change.name);
  altered.sources.erase(change.name);
  altered.changes.push_back("drop column " + change.name);
  return true;
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::ValidateConstraint: return "VALIDATE CONSTRAINT";
    case Kind::SetIdentity: return "ADD/DROP IDENTITY";
    case Kind::SetStorage: return "SET STORAGE";
    case Kind::SetOwner: return "OWNER TO";
    case Kind::DropExpression: return "DROP EXPRESSION";
    case Kind::EnableRls: return "ROW LEVEL SECURITY";
    default: return "this change";
  }
}

Result<bool> apply(AlteredTable& altered, const SchemaChange& change) {
  switch (change.kind) {
    case Kind::AlterColumnType: return alter_type(altered, change);
    case Kind::SetNotNull:
    case Kind::DropNotNull:
    case Kind::SetColumnDefault: return alter_column(altered, change);
    case Kind::DropConstraint: return drop_constraint_change(altered, change);
    case Kind::AddConstraint: return add_constraint_change(altered, change);
    case Kind::AddColumn: return add_column_change(altered, change);
    case Kind::DropColumn: return drop_column_change(altered, change);
    default: return Error{std::string(kind_name(change.kind)) + " cannot be part of a rebuild"};
  }
}

}  // namespace

Result<AlteredTable> altered_table(const TableModel& before, const std::vector<SchemaChange>& changes) {
  AlteredTable altered{.table = before};
  for (const ColumnModel& column : before.columns) altered.sources.emplace(column.name, std::string());
  for (const SchemaChange& change : changes)
    if (auto done = apply(altered, change); !done) return done.error();
  return altered;
}

std::optional<std::string> column_in_use(const TableModel& table, const std::string& column,
                                         const TableDependents& dependents) {
  for (const ViewModel& view : dependents.views)
    if (rename_column_in_query(view.query_sql, table.key(), column, "?") != view.query_sql)
      return "view " + view.name + " reads column " + column + " of " + table.name +
             ", which the statement drops: PostgreSQL refuses that DROP COLUMN (CASCADE would drop the view); drop "
             "or change the view first";
  const ConstraintModel* primary = table.primary_key();
  for (const auto& [holder, key] : dependents.keys) {
    const std::vector<std::string>& columns =
        key.references->columns.empty() && primary ? primary->columns : key.references->columns;
    if (std::find(columns.begin(), columns.end(), column) != columns.end())
      return "foreign key " + key.name + " of table " + std::string(key_name(holder)) + " points at column " + column +
             " of " + table.name +
             ", which the statement drops: PostgreSQL refuses that DROP COLUMN (CASCADE would drop the key); drop "
             "the foreign key first";
  }
  return std::nullopt;
}

std::optional<std::string> dropped_in_use(const TableModel& before, const TableModel& after,
                                          const TableDependents& dependents) {
  for (const ColumnModel& column : before.columns)
    if (!after.column(column.name))
      if (auto reason = column_in_use(before, column.name, dependents)) return reason;
  return std::nullopt;
}

Result<std::vector<SchemaChange>> alter_changes(std::string_view sql) {
  const SourceFile file = make_source("statement", std::string(sql));
  const ParsedFile parsed = parse_file(file);
  if (parsed.statements.size() != 1 || parsed.statements[0].kind != SyntaxKind::Postgres)
    return Error{"the statement does not read as one ALTER TABLE"};
  const Statement stmt(parsed.statements[0], file, 1);
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || !alter->relation) return Error{"only ALTER TABLE rebuilds a table"};
  std::vector<SchemaChange> changes = schema_changes(stmt);
  if (changes.size() != alter_commands(alter).size())
    return Error{"a subcommand of the ALTER TABLE (OWNER TO, SET STATISTICS ...) cannot be part of a rebuild"};
  return changes;
}

}  // namespace dsqlint::recreation
