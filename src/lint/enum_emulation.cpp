#include "lint/enum_emulation.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "catalog/object_key.h"
#include "catalog/render.h"
#include "lint/linter.h"
#include "lint/model_capture.h"
#include "lint/names.h"
#include "parse/deparse.h"
#include "parse/parsed_file.h"
#include "parse/pg.h"

extern "C" bool dsqlint_collect_type_names(Node* node, List** out);

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

constexpr std::string_view kRule = "enum-type";

std::string literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string listed(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + literal(values[i]);
  return out;
}

/// The CHECK expression that allows an enum's values in `column`.
std::string allows(const std::string& column, const std::vector<std::string>& values) {
  return quote_identifier(column) + " IN (" + listed(values) + ")";
}

std::string short_name(const std::string& key) { return std::string(key_name(key)); }

/// PostgreSQL's name for a column's CHECK, <table>_<column>_check, cut to 63 bytes and
/// made unique among `used`.
std::string check_name(const std::string& table, const std::string& column, std::set<std::string>& used) {
  std::string base = table + "_" + column;
  if (base.size() > 57) base.resize(57);
  std::string name = base + "_check";
  for (int n = 1; used.contains(name); ++n) name = base + "_check" + std::to_string(n);
  used.insert(name);
  return name;
}

Finding finding(StatementClass klass, std::string message, std::string help, Span span) {
  return Finding{.rule = kRule,
                 .klass = klass,
                 .severity = klass == StatementClass::Ok ? Severity::Info : default_severity(klass),
                 .message = std::move(message),
                 .help = std::move(help),
                 .span = span};
}

/// The statement's class from its findings, once create-type's refusal is settled.
void settle(StatementResult& statement) {
  std::erase_if(statement.findings, [](const Finding& f) { return f.rule == "create-type"; });
  statement.klass = StatementClass::Ok;
  for (const Finding& f : statement.findings) statement.klass = std::max(statement.klass, f.klass);
}

void runs_nothing(StatementResult& statement, std::string message, std::string help) {
  settle(statement);
  statement.findings.push_back(finding(StatementClass::Rewrite, std::move(message), std::move(help), statement.span));
  statement.klass = std::max(statement.klass, StatementClass::Rewrite);
  statement.rewritten.clear();
  statement.runs_as_written = false;
  statement.emulated = statement.klass == StatementClass::Rewrite;
}

std::vector<EnumColumn> columns_of(const Catalog& catalog, const std::string& type) {
  std::vector<EnumColumn> out;
  const auto users = catalog.enum_users.find(type);
  if (users == catalog.enum_users.end()) return out;
  for (const std::string& key : users->second)
    if (const TableModel* table = catalog.table(key))
      for (const ConstraintModel& check : table->constraints)
        if (check.emulates == type && !check.columns.empty()) out.push_back({table, &check});
  return out;
}

std::string column_list(const std::vector<EnumColumn>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i)
    out += (i ? ", " : "") + columns[i].table->name + "." + columns[i].check->columns.front();
  return out;
}

/// ADD CONSTRAINT ... NOT VALID and its ASYNC validation: a CHECK added to a table with rows.
bool add_check(StatementResult& statement, const std::string& schema, const std::string& table,
               const ConstraintModel& check) {
  const auto add = render_add_constraint(check, schema, table, true);
  const auto validate = render_validate_constraint(schema, table, check.name, true);
  if (!add || !validate) return false;
  statement.rewritten.push_back(*add);
  statement.rewritten.push_back(*validate);
  statement.changes.push_back(SchemaChange{.kind = Kind::AddConstraint, .table = object_key(schema, table),
                                           .constraint = check, .span = statement.span});
  return true;
}

/// The CHECK of `column` replaced by one allowing `values`, never leaving the column
/// unchecked: the new one is added NOT VALID and validated, then the old one dropped and
/// its name given to the new one.
bool replace_check(StatementResult& statement, const EnumColumn& column, const std::vector<std::string>& values,
                   const std::string& type) {
  const TableModel& table = *column.table;
  const ConstraintModel& old = *column.check;
  ConstraintModel next = old;
  next.expression_sql = allows(old.columns.front(), values);
  next.emulates = type;
  next.valid = true;
  ConstraintModel step = next;
  step.name = old.name.substr(0, 58) + "_next";
  const auto add = render_add_constraint(step, table.schema, table.name, true);
  const auto validate = render_validate_constraint(table.schema, table.name, step.name, true);
  const auto drop = render_drop_constraint(table.schema, table.name, old.name);
  if (!add || !validate || !drop) return false;
  statement.rewritten.insert(statement.rewritten.end(),
                             {*add, *validate, *drop,
                              fmt::format("ALTER TABLE {}.{} RENAME CONSTRAINT {} TO {}", quote_identifier(table.schema),
                                          quote_identifier(table.name), quote_identifier(step.name),
                                          quote_identifier(old.name))});
  statement.changes.push_back(
      SchemaChange{.kind = Kind::DropConstraint, .table = table.key(), .name = old.name, .span = statement.span});
  statement.changes.push_back(
      SchemaChange{.kind = Kind::AddConstraint, .table = table.key(), .constraint = next, .span = statement.span});
  return true;
}

/// Stops apply before anything changes when a row of `column` holds a value `values` lacks.
StatementResult::Precheck removed_values_check(const TableModel& table, const std::string& column,
                                               const std::vector<std::string>& values, const std::string& type) {
  const std::string name = quote_identifier(column);
  return {.sql = fmt::format("SELECT {0}, count(*) FROM {1}.{2} WHERE {0} IS NOT NULL AND {0} NOT IN ({3}) "
                             "GROUP BY {0} ORDER BY {0}",
                             name, quote_identifier(table.schema), quote_identifier(table.name), listed(values)),
          .message = fmt::format("rows of {}.{} hold values that enum {} does not have", table.name, column,
                                 short_name(type))};
}

/// Whether `sql` may name one of the emulated types: a cheap look before parsing.
bool may_name_type(std::string_view sql, const Catalog& catalog) {
  std::string lower(sql);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [key, type] : catalog.types) {
    std::string name = type.name;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find(name) != std::string::npos) return true;
  }
  return false;
}

/// The emulated type a type name names, or "" (arrays of it too: `array` says so).
std::string emulated_type(const TypeName* type, const Catalog& catalog, bool* array = nullptr) {
  if (!type || type->setof || type->pct_type || list_length(type->names) > 2) return "";
  const std::string key = names_key(type->names);
  if (!catalog.types.contains(key)) return "";
  if (array) *array = type->arrayBounds != NIL;
  return key;
}

/// A column declared with an emulated type, read before the types are replaced.
struct Declared {
  std::string column;
  std::string type;
  AlterTableCmd* command = nullptr;  ///< ADD COLUMN / ALTER COLUMN TYPE; null in CREATE TABLE
};

std::vector<Declared> declared_columns(Node* node, const Catalog& catalog) {
  std::vector<Declared> out;
  bool array = false;
  ListCell* cell;
  if (IsA(node, CreateStmt)) {
    foreach (cell, castNode(CreateStmt, node)->tableElts)
      if (IsA(lfirst(cell), ColumnDef)) {
        auto* column = lfirst_node(ColumnDef, cell);
        if (std::string type = emulated_type(column->typeName, catalog, &array); !type.empty() && !array)
          out.push_back({column->colname, type});
      }
  } else if (IsA(node, AlterTableStmt)) {
    foreach (cell, castNode(AlterTableStmt, node)->cmds) {
      auto* command = lfirst_node(AlterTableCmd, cell);
      if ((command->subtype != AT_AddColumn && command->subtype != AT_AlterColumnType) || !command->def ||
          !IsA(command->def, ColumnDef))
        continue;
      auto* column = castNode(ColumnDef, command->def);
      const char* name = command->subtype == AT_AddColumn ? column->colname : command->name;
      if (std::string type = emulated_type(column->typeName, catalog, &array); !type.empty() && !array && name)
        out.push_back({name, type, command});
    }
  }
  return out;
}

/// A column of an emulated enum changed to a type that is none (text, varchar(n) ...): on
/// PostgreSQL it stops being an enum, so its CHECK goes.
struct Leaving {
  AlterTableCmd* command;
  const ConstraintModel* check;
  bool type_kept;  ///< it is text already and becomes plain text: only the CHECK changes
};

/// The CHECK that emulates an enum in `column` of `table`, or null.
const ConstraintModel* emulating_check(const TableModel* table, const std::string& column) {
  if (!table) return nullptr;
  for (const ConstraintModel& check : table->constraints)
    if (!check.emulates.empty() && check.columns == std::vector<std::string>{column}) return &check;
  return nullptr;
}

/// Whether the statement changes the type of a column that holds an emulated enum.
bool retypes_enum_column(const StatementResult& statement, const Catalog& catalog) {
  return std::any_of(statement.changes.begin(), statement.changes.end(), [&](const SchemaChange& change) {
    return change.kind == Kind::AlterColumnType && emulating_check(catalog.table(change.table), change.name);
  });
}

bool names_text(const TypeName* type) {
  return type && !type->typmods && !type->arrayBounds && list_length(type->names) <= 2 &&
         std::string_view(strVal(llast(type->names))) == "text";
}

/// Plain `text`, with no COLLATE and no USING but `column::text`: on a text column, no
/// change of type at all.
bool plain_text(const ColumnDef* column, const char* name) {
  if (!names_text(column->typeName) || column->collClause) return false;
  if (!column->raw_default) return true;
  if (!IsA(column->raw_default, TypeCast)) return false;
  const auto* cast = castNode(TypeCast, column->raw_default);
  if (!names_text(cast->typeName) || !cast->arg || !IsA(cast->arg, ColumnRef)) return false;
  const List* fields = castNode(ColumnRef, cast->arg)->fields;
  return list_length(fields) == 1 && IsA(linitial(fields), String) &&
         std::string_view(strVal(linitial(fields))) == name;
}

std::vector<Leaving> leaving_columns(Node* node, const Catalog& catalog) {
  std::vector<Leaving> out;
  if (!IsA(node, AlterTableStmt)) return out;
  auto* alter = castNode(AlterTableStmt, node);
  const TableModel* table = catalog.table(relation_key(alter->relation));
  bool array = false;
  ListCell* cell;
  foreach (cell, alter->cmds) {
    auto* command = lfirst_node(AlterTableCmd, cell);
    if (command->subtype != AT_AlterColumnType || !command->name || !command->def || !IsA(command->def, ColumnDef))
      continue;
    auto* column = castNode(ColumnDef, command->def);
    if (!emulated_type(column->typeName, catalog, &array).empty() && !array) continue;
    const ConstraintModel* check = emulating_check(table, command->name);
    const ColumnModel* current = table ? table->column(command->name) : nullptr;
    const bool type_kept = current && current->type->name == "text" && plain_text(column, command->name);
    if (check) out.push_back({command, check, type_kept});
  }
  return out;
}

/// Every emulated type named in the tree becomes text, and enum_ops an index's default:
/// whether anything did.
bool replace_types(ParsedFile& arena, Node* node, const Catalog& catalog) {
  List* found = NIL;
  if (!dsqlint_collect_type_names(node, &found)) return false;
  const TypeName* text = parse_type(arena, "text");
  if (!text) return false;
  bool replaced = false;
  ListCell* cell;
  foreach (cell, found) {
    if (IsA(lfirst(cell), IndexElem)) {
      auto* key = lfirst_node(IndexElem, cell);
      if (key->opclass && std::string_view(strVal(llast(key->opclass))) == "enum_ops") key->opclass = NIL, replaced = true;
      continue;
    }
    auto* type = lfirst_node(TypeName, cell);
    if (emulated_type(type, catalog).empty()) continue;
    type->names = text->names;
    type->typmods = NIL;
    type->typemod = -1;
    replaced = true;
  }
  return replaced;
}

/// The names the table of a CREATE TABLE gives its constraints, so a new CHECK's is unique.
std::set<std::string> constraint_names(const CreateStmt* create) {
  std::set<std::string> names;
  ListCell* cell;
  foreach (cell, create->tableElts) {
    const Node* element = static_cast<const Node*>(lfirst(cell));
    if (IsA(element, Constraint) && castNode(Constraint, const_cast<Node*>(element))->conname)
      names.insert(castNode(Constraint, const_cast<Node*>(element))->conname);
    if (!IsA(element, ColumnDef)) continue;
    ListCell* inner;
    foreach (inner, castNode(ColumnDef, const_cast<Node*>(element))->constraints)
      if (lfirst_node(Constraint, inner)->conname) names.insert(lfirst_node(Constraint, inner)->conname);
  }
  return names;
}

}  // namespace

void EnumEmulation::before_rules(StatementResult& statement, const Catalog& catalog) {
  if (statement.parse_error) return;
  for (size_t i = 0; i < statement.changes.size(); ++i) {
    const Kind kind = statement.changes[i].kind;
    if (kind != Kind::CreateEnum && kind != Kind::AddEnumValue && kind != Kind::RenameEnumValue &&
        kind != Kind::RenameType && kind != Kind::DropType)
      continue;
    const SchemaChange change = statement.changes[i];  // a copy: emulating appends to statement.changes
    switch (change.kind) {
      case Kind::CreateEnum: return create_type(statement, change);
      case Kind::AddEnumValue: return add_value(statement, change, catalog);
      case Kind::RenameEnumValue: return rename_value(statement, change, catalog);
      case Kind::RenameType:
        if (catalog.types.contains(change.table))
          runs_nothing(statement,
                       fmt::format("DSQL has no ALTER TYPE; emulated enum {} is renamed {} in dsqlint's model only",
                                   short_name(change.table), change.name),
                       "apply runs nothing: the columns are text, and their CHECKs keep their names");
        return;
      case Kind::DropType:
        if (catalog.types.contains(change.table))
          runs_nothing(statement,
                       fmt::format("DSQL has no DROP TYPE; emulated enum {} is forgotten",
                                   short_name(change.table)),
                       "columns that still use it keep their text type and CHECK (DROP TYPE ... CASCADE would have "
                       "dropped them on PostgreSQL; drop them yourself if that is meant)");
        return;
      default: break;
    }
  }
  retype(statement, catalog);
}

void EnumEmulation::create_type(StatementResult& statement, const SchemaChange& change) {
  const std::string name = short_name(change.table);
  runs_nothing(statement,
               fmt::format("DSQL has no CREATE TYPE, so enum {} is emulated: each column of this type is text with a "
                           "CHECK that allows {}",
                           name, listed(change.values)),
               "apply runs nothing here; CREATE TABLE and ADD COLUMN with this type get the CHECK, and ALTER TYPE "
               "replaces it; the application reads and writes text");
  statement.findings.push_back(finding(
      StatementClass::Ok,
      fmt::format("emulated enum {} compares as text: the order of its values, < and > between them and "
                  "enum_range() are not kept, and an unknown value fails when a row is written (23514), not on a cast",
                  name),
      "", statement.span));
}

void EnumEmulation::add_value(StatementResult& statement, const SchemaChange& change, const Catalog& catalog) {
  const auto type = catalog.types.find(change.table);
  if (type == catalog.types.end() || change.values.empty()) return;  // unknown: create-type's refusal stands
  const std::string& value = change.values.front();
  std::vector<std::string> values = type->second.values;
  if (std::find(values.begin(), values.end(), value) != values.end()) {
    runs_nothing(statement,
                 fmt::format("emulated enum {} has the value {} already: apply runs nothing", type->second.name,
                             literal(value)),
                 change.replace ? "" : "PostgreSQL would fail with 42710; write ADD VALUE IF NOT EXISTS");
    return;
  }
  auto at = std::find(values.begin(), values.end(), change.name);
  if (at != values.end() && change.new_name == "after") ++at;
  values.insert(change.new_name.empty() ? values.end() : at, value);
  const std::vector<EnumColumn> columns = columns_of(catalog, change.table);
  runs_nothing(statement,
               fmt::format("DSQL has no ALTER TYPE; emulated enum {} gets the value {}{}", type->second.name,
                           literal(value),
                           columns.empty() ? ", and no column uses it: apply runs nothing"
                                           : ": apply replaces the CHECK of " + column_list(columns)),
               "the new set holds every old value, so no row can fail; each CHECK is replaced without a moment "
               "unchecked (the new one is added NOT VALID and validated before the old one is dropped)");
  statement.emulated = statement.emulated && columns.empty();
  for (const EnumColumn& column : columns) replace_check(statement, column, values, change.table);
}

void EnumEmulation::rename_value(StatementResult& statement, const SchemaChange& change, const Catalog& catalog) {
  const auto type = catalog.types.find(change.table);
  if (type == catalog.types.end()) return;
  const std::vector<EnumColumn> columns = columns_of(catalog, change.table);
  if (columns.empty()) {
    runs_nothing(statement,
                 fmt::format("DSQL has no ALTER TYPE; emulated enum {} renames {} to {}, and no column uses it: apply "
                             "runs nothing",
                             type->second.name, literal(change.name), literal(change.new_name)),
                 "");
    return;
  }
  std::string keyless;
  for (const EnumColumn& column : columns)
    if (!column.table->primary_key()) keyless += (keyless.empty() ? "" : ", ") + column.table->name;
  if (keyless.empty()) return rename_in_rows(statement, change, type->second, columns);
  settle(statement);
  statement.findings.push_back(finding(
      StatementClass::Unsupported,
      fmt::format("DSQL has no ALTER TYPE, and renaming a value of emulated enum {} means rewriting the rows of {}, "
                  "which apply does in batches through a primary key, and {} has none",
                  type->second.name, column_list(columns), keyless),
      fmt::format("write it out: add {} to the type (ADD VALUE), UPDATE the rows in batches of at most 3,000 from {} "
                  "to {}, then replace the type without {} (Prisma's replacement sequence)",
                  literal(change.new_name), literal(change.name), literal(change.new_name), literal(change.name)),
      statement.span));
  statement.klass = StatementClass::Unsupported;
  statement.rewritten.clear();
  statement.runs_as_written = false;
}

void EnumEmulation::rename_in_rows(StatementResult& statement, const SchemaChange& change,
                                   const EmulatedTypeModel& type, const std::vector<EnumColumn>& columns) {
  std::vector<std::string> both = type.values, renamed = type.values;
  if (std::find(both.begin(), both.end(), change.new_name) == both.end()) both.push_back(change.new_name);
  std::replace(renamed.begin(), renamed.end(), change.name, change.new_name);
  runs_nothing(statement,
               fmt::format("DSQL has no ALTER TYPE; emulated enum {} renames {} to {}: apply lets each CHECK allow "
                           "both, rewrites the rows of {} in batches of at most 3,000, then lets it allow only {}",
                           type.name, literal(change.name), literal(change.new_name), column_list(columns),
                           literal(change.new_name)),
               "each CHECK is replaced without a moment unchecked; a row written with the old value while the "
               "batches run makes the last validation fail, and apply stops with every row kept");
  statement.emulated = false;
  const std::string key = object_key(type.schema, type.name);
  for (const EnumColumn& column : columns) replace_check(statement, column, both, key);
  for (const EnumColumn& column : columns) {
    const TableModel& table = *column.table;
    std::string keys;
    for (const std::string& name : table.primary_key()->columns) keys += (keys.empty() ? "" : ", ") + quote_identifier(name);
    const std::string relation = quote_identifier(table.schema) + "." + quote_identifier(table.name);
    const std::string name = quote_identifier(column.check->columns.front());
    statement.extra.edit().batched.push_back(statement.rewritten.size());
    statement.rewritten.push_back(fmt::format("UPDATE {0} SET {1} = {2} WHERE ({3}) IN (SELECT {3} FROM {0} WHERE {1} = {4} "
                                              "LIMIT 3000)",
                                              relation, name, literal(change.new_name), keys, literal(change.name)));
  }
  for (const EnumColumn& column : columns) replace_check(statement, column, renamed, key);
}

void EnumEmulation::retype(StatementResult& statement, const Catalog& catalog) {
  // A column may leave an enum that DROP TYPE has made the model forget: its CHECK stays.
  const bool leaves = retypes_enum_column(statement, catalog);
  if (catalog.types.empty() && !leaves) return;
  const std::string sql =
      statement.extra->guarded_sql.empty() ? std::string(file_.source.slice(statement.span))
                                           : statement.extra->guarded_sql;
  if (!leaves && !may_name_type(sql, catalog)) return;

  std::optional<std::string> rewritten;  // the statement without the emulated types; nullopt: nothing left
  std::vector<Declared> declared;
  std::vector<std::pair<std::string, ConstraintModel>> created_checks;  // CREATE TABLE: name and CHECK
  std::vector<ConstraintModel> added_checks;  // ADD COLUMN: the CHECK of each new column
  std::optional<std::string> rebuilt;         // the ALTER TABLE with those CHECKs, for a rebuild
  std::vector<const ConstraintModel*> dropped;  // the CHECKs of columns that leave their enum
  bool named = false;                           // whether it names an emulated type
  std::string table_key;
  {
    ParsedFile arena = parse_file(make_source(file_.source.path, sql));
    if (arena.statements.size() != 1 || arena.statements[0].kind != SyntaxKind::Postgres || !arena.statements[0].node)
      return;
    Node* node = arena.statements[0].node;
    declared = declared_columns(node, catalog);
    const std::vector<Leaving> leaving = leaving_columns(node, catalog);
    named = replace_types(arena, node, catalog);
    if (!named && leaving.empty()) return;
    if (auto* create = IsA(node, CreateStmt) ? castNode(CreateStmt, node) : nullptr) {
      table_key = relation_key(create->relation);
      std::set<std::string> used = constraint_names(create);
      for (const Declared& column : declared) {
        const std::string name = check_name(create->relation->relname, column.column, used);
        const std::string expression = allows(column.column, catalog.types.at(column.type).values);
        const auto parsed = parse_fragment(
            arena, "CREATE TABLE t (CONSTRAINT " + quote_identifier(name) + " CHECK (" + expression + "))", 0);
        if (!parsed || !IsA(parsed->node, CreateStmt)) return;
        create->tableElts = lappend(create->tableElts, linitial(castNode(CreateStmt, parsed->node)->tableElts));
        created_checks.push_back({name, ConstraintModel{.name = name, .kind = ConstraintKind::Check,
                                                        .columns = {column.column}, .expression_sql = expression,
                                                        .emulates = column.type}});
      }
    }
    if (auto* alter = IsA(node, AlterTableStmt) ? castNode(AlterTableStmt, node) : nullptr) {
      table_key = relation_key(alter->relation);
      // A column that is text already only changes its CHECK: the ALTER COLUMN TYPE goes.
      const TableModel* table = catalog.table(table_key);
      List* commands = NIL;
      // A column leaving its enum loses the CHECK first (PostgreSQL drops before it retypes).
      for (const Leaving& column : leaving) {
        const auto parsed =
            parse_fragment(arena, "ALTER TABLE t DROP CONSTRAINT " + quote_identifier(column.check->name), 0);
        if (!parsed || !IsA(parsed->node, AlterTableStmt)) return;
        commands = lappend(commands, linitial(castNode(AlterTableStmt, parsed->node)->cmds));
        dropped.push_back(column.check);
      }
      ListCell* cell;
      foreach (cell, alter->cmds) {
        bool only_check = false;
        for (const Declared& column : declared) {
          const ColumnModel* current = table ? table->column(column.column) : nullptr;
          only_check = only_check || (column.command == lfirst(cell) && column.command->subtype == AT_AlterColumnType &&
                                      current && current->type->name == "text");
        }
        for (const Leaving& column : leaving)
          only_check = only_check || (column.command == lfirst(cell) && column.type_kept);
        if (!only_check) commands = lappend(commands, lfirst(cell));
      }
      alter->cmds = commands;
      // Should DSQL need a rebuild for it (ADD COLUMN ... DEFAULT ... NOT NULL), the rebuild
      // runs this ALTER TABLE: the new columns' CHECKs are part of it, as the table's own.
      if (table) {
        std::set<std::string> used = table->used_names();
        List* with_checks = list_copy(commands);
        for (const Declared& column : declared) {
          if (!column.command || column.command->subtype != AT_AddColumn) continue;
          ConstraintModel check{.name = check_name(table->name, column.column, used),
                                .kind = ConstraintKind::Check,
                                .columns = {column.column},
                                .expression_sql = allows(column.column, catalog.types.at(column.type).values),
                                .emulates = column.type};
          const auto parsed = parse_fragment(arena, "ALTER TABLE t ADD CONSTRAINT " + quote_identifier(check.name) +
                                                        " CHECK (" + check.expression_sql + ")", 0);
          if (!parsed || !IsA(parsed->node, AlterTableStmt)) return;
          with_checks = lappend(with_checks, linitial(castNode(AlterTableStmt, parsed->node)->cmds));
          added_checks.push_back(std::move(check));
        }
        if (!added_checks.empty() && list_length(with_checks) > 0) {
          List* plain = alter->cmds;
          alter->cmds = with_checks;
          rebuilt = deparse(node);
          alter->cmds = plain;
        }
      }
    }
    if (!IsA(node, AlterTableStmt) || list_length(castNode(AlterTableStmt, node)->cmds) > 0) {
      rewritten = deparse(node);
      if (!rewritten) return;
      // DSQL's ASYNC is read before parsing, so the deparser does not print it.
      if (arena.statements[0].async_keyword && IsA(node, IndexStmt))
        if (const size_t at = rewritten->find("INDEX "); at != std::string::npos) rewritten->insert(at + 6, "ASYNC ");
    }
  }

  // The statement as DSQL sees it with text columns: classified and rewritten as any other.
  const Span span = statement.span;
  std::vector<Finding> kept;
  for (Finding& f : statement.findings)
    if (f.rule == "do-block-guarded") kept.push_back(std::move(f));
  statement.findings = std::move(kept);
  statement.rewritten.clear();
  statement.runs_as_written = false;
  statement.changes.clear();
  StatementClass klass = StatementClass::Rewrite;
  if (rewritten) {
    FileResult linted = lint_statements(make_source(file_.source.path, *rewritten), target_);
    if (linted.statements.size() != 1) return;
    StatementResult& own = linted.statements.front();
    for (Finding& f : own.findings) {
      f.span = span;
      f.fixes.clear();
      statement.findings.push_back(std::move(f));
    }
    klass = std::max(klass, own.klass);
    statement.rewritten = own.runs_as_written ? std::vector<std::string>{*rewritten} : own.rewritten;
    statement.changes = std::move(own.changes);
    for (SchemaChange& change : statement.changes) {
      change.span = span;
      if (change.kind != Kind::CreateTable) continue;
      for (ConstraintModel& constraint : change.created.edit().constraints)
        for (const auto& [name, check] : created_checks)
          if (constraint.name == name) constraint.emulates = check.emulates, constraint.columns = check.columns;
    }
  }

  // What the CHECKs need besides: ADD COLUMN adds one, a change to another enum replaces one.
  std::string columns;
  const TableModel* table = catalog.table(table_key);
  std::set<std::string> used = table ? table->used_names() : std::set<std::string>{};
  for (const Declared& column : declared) {
    if (!column.command || !table) continue;
    const std::vector<std::string>& values = catalog.types.at(column.type).values;
    columns += (columns.empty() ? "" : ", ") + column.column;
    const ConstraintModel* old = nullptr;
    for (const ConstraintModel& check : table->constraints)
      if (!check.emulates.empty() && check.columns == std::vector<std::string>{column.column}) old = &check;
    if (column.command->subtype == AT_AlterColumnType)
      statement.extra.edit().prechecks.push_back(removed_values_check(*table, column.column, values, column.type));
    if (old) {
      replace_check(statement, EnumColumn{table, old}, values, column.type);
      continue;
    }
    const auto added = std::find_if(added_checks.begin(), added_checks.end(), [&](const ConstraintModel& check) {
      return check.columns.front() == column.column;
    });
    const ConstraintModel check = added != added_checks.end()
                                      ? *added
                                      : ConstraintModel{.name = check_name(table->name, column.column, used),
                                                        .kind = ConstraintKind::Check,
                                                        .columns = {column.column},
                                                        .expression_sql = allows(column.column, values),
                                                        .emulates = column.type};
    add_check(statement, table->schema, table->name, check);
  }
  for (const auto& [name, check] : created_checks) columns += (columns.empty() ? "" : ", ") + check.columns.front();

  for (const ConstraintModel* check : dropped)
    statement.findings.push_back(finding(
        StatementClass::Rewrite,
        fmt::format("column {} of table {} leaves emulated enum {}, so apply drops its CHECK {}",
                    check->columns.front(), short_name(table_key), short_name(check->emulates), check->name),
        "on PostgreSQL the column stops being an enum and takes any value of its new type; DSQL's column is text "
        "already, so apply changes its type only when the new one is not plain text",
        span));
  if (named)
    statement.findings.push_back(finding(
        StatementClass::Rewrite,
        columns.empty() ? "DSQL has no enum types: the emulated enum named here is text"
                        : fmt::format("DSQL has no enum types: column{} {} of table {} become{} text with a CHECK of "
                                      "the enum's values",
                                      declared.size() > 1 ? "s" : "", columns, short_name(table_key),
                                      declared.size() > 1 ? "" : "s"),
        "apply runs the statement with text in place of the type, and adds or replaces the CHECK (NOT VALID, then "
        "validated) where the table exists already",
        span));
  statement.klass = klass;
  if (klass > StatementClass::Rewrite) {
    statement.rewritten.clear();
    statement.runs_as_written = false;
  }
  if (klass == StatementClass::Recreation) statement.extra.edit().recreation_sql = rebuilt ? *rebuilt : rewritten.value_or("");
  statement.emulated = klass == StatementClass::Rewrite && statement.rewritten.empty();
}

}  // namespace dsqlint
