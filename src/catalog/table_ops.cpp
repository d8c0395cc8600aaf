#include "catalog/table_ops.h"

#include <algorithm>

#include "catalog/object_names.h"
#include "parse/deparse.h"
#include "parse/pg.h"
#include "parse/references.h"

namespace dsqlint {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// The columns an expression kept as SQL references; none when it cannot be read.
std::vector<std::string> columns_of(const std::string& sql) {
  ParsedFile arena;
  return referenced_columns(parse_expression(arena, sql)).value_or(std::vector<std::string>{});
}

/// What PostgreSQL names an expression key after (ChooseIndexColumnNames): its function.
std::string expression_label(const std::string& sql) {
  ParsedFile arena;
  const Node* expression = parse_expression(arena, sql);
  while (expression && IsA(expression, TypeCast)) expression = castNode(TypeCast, const_cast<Node*>(expression))->arg;
  if (expression && IsA(expression, FuncCall))
    return strVal(llast(castNode(FuncCall, const_cast<Node*>(expression))->funcname));
  return "expr";
}

/// The name PostgreSQL gives an unnamed constraint (ChooseConstraintName and, for keys,
/// ChooseIndexName's columns: a unique key's INCLUDE columns count).
std::string constraint_name(const TableModel& table, const ConstraintModel& constraint, std::set<std::string>& used) {
  switch (constraint.kind) {
    case ConstraintKind::PrimaryKey: return choose_constraint_name(table.name, ConstraintLabel::PrimaryKey, {}, used);
    case ConstraintKind::Unique: {
      std::vector<std::string> columns = constraint.columns;
      columns.insert(columns.end(), constraint.include.begin(), constraint.include.end());
      return choose_constraint_name(table.name, ConstraintLabel::Unique, columns, used);
    }
    case ConstraintKind::ForeignKey:
      return choose_constraint_name(table.name, ConstraintLabel::ForeignKey, constraint.columns, used);
    case ConstraintKind::Check:
      return choose_constraint_name(table.name, ConstraintLabel::Check, columns_of(constraint.expression_sql), used);
    case ConstraintKind::Exclusion: {
      std::vector<std::string> columns = constraint.columns;
      for (int pass = 0;; ++pass) {
        const std::string name = make_object_name(table.name, "", pass ? "excl" + std::to_string(pass) : "excl");
        if (used.insert(name).second) return name;
      }
    }
  }
  return "";
}

std::string index_name(const TableModel& table, const IndexModel& index, std::set<std::string>& used) {
  std::vector<std::string> columns;
  for (const IndexKeyModel& key : index.keys)
    columns.push_back(key.column.empty() ? expression_label(key.extra->expression_sql) : key.column);
  columns.insert(columns.end(), index.extra->include.begin(), index.extra->include.end());
  return choose_index_name(table.name, columns, used);
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  for (std::string& name : names)
    if (name == from) name = to;
}

/// Whether a constraint or index of the table relies on `column`.
bool uses(const ConstraintModel& c, const std::string& column) {
  if (contains(c.columns, column) || contains(c.include, column)) return true;
  return c.kind == ConstraintKind::Check && contains(columns_of(c.expression_sql), column);
}

bool uses(const IndexModel& index, const std::string& column) {
  for (const IndexKeyModel& key : index.keys)
    if (key.column == column ||
        (!key.extra->expression_sql.empty() && contains(columns_of(key.extra->expression_sql), column)))
      return true;
  const IndexExtras& extra = *index.extra;
  return contains(extra.include, column) ||
         (!extra.predicate_sql.empty() && contains(columns_of(extra.predicate_sql), column));
}

}  // namespace

void drop_keys_created_instead(TableModel& table) {
  for (size_t i = 0; i < table.constraints.size();) {
    const ConstraintModel* kept = created_instead(table, table.constraints[i]);
    if (!kept) {
      ++i;
      continue;
    }
    ConstraintModel& keeper = table.constraints[kept - table.constraints.data()];
    if (keeper.name.empty()) keeper.name = table.constraints[i].name;
    table.constraints.erase(table.constraints.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

void keep_serial_sequence_names(TableModel& table) {
  for (ColumnModel& column : table.columns)
    if (is_serial(column.type->name) && column.extra->serial_sequence.empty())
      column.extra.edit().serial_sequence = make_object_name(table.name, column.name, "seq");
}

void name_new_table(TableModel& table) {
  std::set<std::string> used = table.used_names();
  used.erase("");
  for (ConstraintModel& c : table.constraints)
    if (c.name.empty()) c.name = constraint_name(table, c, used);
  for (IndexModel& i : table.indexes)
    if (i.name.empty()) i.name = index_name(table, i, used);
  for (const ConstraintModel& c : table.constraints)
    if (c.kind == ConstraintKind::PrimaryKey)
      for (const std::string& key : c.columns)
        if (ColumnModel* column = table.column(key)) column->not_null = true;
}

bool same_key_index(const ConstraintModel& a, const ConstraintModel& b) {
  return a.is_key() && b.is_key() && a.columns == b.columns && a.include == b.include &&
         a.nulls_not_distinct == b.nulls_not_distinct && a.deferrable == b.deferrable &&
         a.initially_deferred == b.initially_deferred;
}

const ConstraintModel* created_instead(const TableModel& table, const ConstraintModel& key) {
  if (key.kind != ConstraintKind::Unique) return nullptr;
  if (const ConstraintModel* primary = table.primary_key(); primary && same_key_index(*primary, key)) return primary;
  for (const ConstraintModel& earlier : table.constraints) {
    if (&earlier == &key) break;
    if (earlier.kind == ConstraintKind::Unique && same_key_index(earlier, key)) return &earlier;
  }
  return nullptr;
}

bool add_column(TableModel& table, ColumnModel column, std::vector<ConstraintModel> constraints) {
  if (table.column(column.name)) return false;
  table.columns.push_back(std::move(column));
  ++table.lifetime_columns;
  for (ConstraintModel& constraint : constraints) add_constraint(table, std::move(constraint));
  return true;
}

std::vector<ConstraintModel> drop_column(TableModel& table, const std::string& column) {
  std::vector<ConstraintModel> keys;
  std::erase_if(table.constraints, [&](const ConstraintModel& c) {
    if (!uses(c, column)) return false;
    if (c.is_key()) keys.push_back(c);
    return true;
  });
  std::erase_if(table.indexes, [&](const IndexModel& i) { return uses(i, column); });
  std::erase_if(table.columns, [&](const ColumnModel& c) { return c.name == column; });
  return keys;
}

bool column_in_key_or_index(const TableModel& table, const std::string& column) {
  for (const ConstraintModel& c : table.constraints)
    if ((c.kind == ConstraintKind::ForeignKey || c.is_key()) && uses(c, column)) return true;
  return std::any_of(table.indexes.begin(), table.indexes.end(), [&](const IndexModel& i) { return uses(i, column); });
}

void rename_column(TableModel& table, const std::string& from, const std::string& to) {
  ColumnModel* column = table.column(from);
  if (!column || table.column(to)) return;
  keep_serial_sequence_names(table);
  column->name = to;
  const auto follow = [&](std::string& sql) {
    if (!sql.empty()) sql = rename_column_in_expression(sql, table.name, from, to);
  };
  for (ColumnModel& c : table.columns)
    if (!c.extra->generated_sql.empty()) follow(c.extra.edit().generated_sql);
  for (ConstraintModel& c : table.constraints) {
    rename_in(c.columns, from, to);
    rename_in(c.include, from, to);
    if (c.kind == ConstraintKind::Check) follow(c.expression_sql);
    if (c.kind != ConstraintKind::ForeignKey) continue;
    rename_in(c.references.edit().delete_set_columns, from, to);
    if (c.references->table == table.key()) rename_in(c.references.edit().columns, from, to);  // a self-reference
  }
  for (IndexModel& index : table.indexes) {
    for (IndexKeyModel& key : index.keys) {
      if (key.column == from) key.column = to;
      if (!key.extra->expression_sql.empty()) follow(key.extra.edit().expression_sql);
    }
    if (index.extra->empty()) continue;
    rename_in(index.extra.edit().include, from, to);
    follow(index.extra.edit().predicate_sql);
  }
}

bool is_serial(std::string_view type) {
  return type == "serial" || type == "serial4" || type == "bigserial" || type == "serial8" || type == "smallserial" ||
         type == "serial2";
}

void set_type(TableModel& table, const std::string& column, TypeRef type, const std::string& collation) {
  ColumnModel* c = table.column(column);
  if (!c) return;
  if (is_serial(c->type->name)) {
    const std::string& name = type->name;
    if (name == "int2") type = ColumnType{.name = "smallserial", .sql = "smallserial", .width = 2};
    if (name == "int4") type = ColumnType{.name = "serial", .sql = "serial", .width = 4};
    if (name == "int8") type = ColumnType{.name = "bigserial", .sql = "bigserial", .width = 8};
  }
  c->type = type, c->extra.set(&ColumnExtras::collation, collation);
}

void set_default(TableModel& table, const std::string& column, const std::string& default_sql,
                 const std::vector<std::string>& sequences) {
  ColumnModel* c = table.column(column);
  if (!c) return;
  c->default_sql = default_sql, c->extra.set(&ColumnExtras::sequences, sequences);
  const std::string& type = c->type->name;
  if (!default_sql.empty() || !is_serial(type)) return;
  if (type == "smallserial" || type == "serial2") c->type = ColumnType{.name = "int2", .sql = "smallint", .width = 2};
  else if (type == "bigserial" || type == "serial8") c->type = bigint_type();
  else c->type = ColumnType{.name = "int4", .sql = "integer", .width = 4};
}

void set_not_null(TableModel& table, const std::string& column, bool not_null) {
  if (ColumnModel* c = table.column(column)) c->not_null = not_null;
}

std::string add_constraint(TableModel& table, ConstraintModel constraint) {
  if (constraint.name.empty()) {
    std::set<std::string> used = table.used_names();
    constraint.name = constraint_name(table, constraint, used);
  }
  if (constraint.kind == ConstraintKind::PrimaryKey)
    for (const std::string& key : constraint.columns) set_not_null(table, key, true);
  std::string name = constraint.name;
  table.constraints.push_back(std::move(constraint));
  return name;
}

std::optional<ConstraintModel> drop_constraint(TableModel& table, const std::string& name) {
  const auto it = std::find_if(table.constraints.begin(), table.constraints.end(),
                               [&](const ConstraintModel& c) { return c.name == name; });
  if (it == table.constraints.end()) return std::nullopt;
  ConstraintModel dropped = std::move(*it);
  table.constraints.erase(it);
  return dropped;
}

void rename_constraint(TableModel& table, const std::string& from, const std::string& to) {
  for (ConstraintModel& c : table.constraints)
    if (c.name == from) c.name = to;
}

void validate_constraint(TableModel& table, const std::string& name) {
  for (ConstraintModel& c : table.constraints)
    if (c.name == name) c.valid = true;
}

std::string add_index(TableModel& table, IndexModel index) {
  if (index.name.empty()) {
    std::set<std::string> used = table.used_names();
    index.name = index_name(table, index, used);
  } else if (table.index(index.name)) {
    return index.name;  // IF NOT EXISTS: the one there stays
  }
  std::string name = index.name;
  table.indexes.push_back(std::move(index));
  return name;
}

bool drop_index(TableModel& table, const std::string& name) {
  return std::erase_if(table.indexes, [&](const IndexModel& i) { return i.name == name; }) > 0;
}

void rename_index(TableModel& table, const std::string& from, const std::string& to) {
  for (IndexModel& i : table.indexes)
    if (i.name == from) i.name = to;
  for (ConstraintModel& c : table.constraints)
    if (c.is_key() && c.name == from) c.name = to;
}

bool set_index_comment(TableModel& table, const std::string& index, const std::string& text) {
  for (IndexModel& i : table.indexes) {
    if (i.name != index) continue;
    i.extra.set(&IndexExtras::comment, text);
    return true;
  }
  return false;
}

bool set_constraint_comment(TableModel& table, const std::string& constraint, const std::string& text) {
  for (ConstraintModel& c : table.constraints) {
    if (c.name != constraint) continue;
    c.comment = text.empty() ? Boxed<std::string>() : Boxed<std::string>(text);
    return true;
  }
  return false;
}

void drop_references(TableModel& table, const std::string& target, const ConstraintModel* key) {
  std::erase_if(table.constraints, [&](const ConstraintModel& c) {
    if (c.kind != ConstraintKind::ForeignKey || c.references->table != target) return false;
    // A key without referenced columns relies on the primary key; else on the key with its columns.
    return !key || (c.references->columns.empty() ? key->kind == ConstraintKind::PrimaryKey
                                                  : c.references->columns == key->columns);
  });
}

void rename_referenced_column(TableModel& table, const std::string& target, const std::string& from,
                              const std::string& to) {
  for (ConstraintModel& c : table.constraints)
    if (c.kind == ConstraintKind::ForeignKey && c.references->table == target)
      rename_in(c.references.edit().columns, from, to);
}

void rename_referenced_table(TableModel& table, const std::string& target, const std::string& to) {
  for (ConstraintModel& c : table.constraints)
    if (c.kind == ConstraintKind::ForeignKey && c.references->table == target) c.references.edit().table = to;
}

}  // namespace dsqlint
