#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/grants.h"
#include "catalog/object_key.h"
#include "catalog/table_ops.h"
#include "catalog/view_star.h"
#include "lint/replay.h"
#include "parse/references.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

/// The tables a table's foreign keys point at and the names its keys and indexes take,
/// each sorted and unique: what the reverse indexes hold of it.
template <typename Name>
struct Names {
  std::vector<Name> targets;
  std::vector<Name> indexes;  ///< bare names: the index keys add the table's schema

  explicit Names(const TableModel* table) {
    if (!table) return;
    for (const ConstraintModel& c : table->constraints) {
      if (c.kind == ConstraintKind::ForeignKey) targets.emplace_back(c.references->table);
      if (c.is_key()) indexes.emplace_back(c.name);
    }
    for (const IndexModel& index : table->indexes) indexes.emplace_back(index.name);
    for (std::vector<Name>* names : {&targets, &indexes}) {
      std::sort(names->begin(), names->end());
      names->erase(std::unique(names->begin(), names->end()), names->end());
    }
  }
};

/// A table's names before a change, copied (the change may free them), to compare after it.
struct Footprint {
  std::string schema;
  Names<std::string> names{nullptr};
};

Footprint footprint(const TableModel* table) {
  if (!table) return {};
  return Footprint{table->schema, Names<std::string>(table)};
}

/// Calls `gone` for each name of sorted `before` not in sorted `after`, `added` for each the other way.
template <typename Gone, typename Added>
void compare(const std::vector<std::string>& before, const std::vector<std::string_view>& after, Gone&& gone,
             Added&& added) {
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && std::string_view(*b) < *a)) gone(*b++);
    else if (b == before.end() || *a < std::string_view(*b)) added(*a++);
    else ++a, ++b;
  }
}

/// Table `key`'s foreign key to `target` is gone from the reverse index.
void forget_reference(Catalog& catalog, const std::string& key, std::string_view target) {
  if (const auto it = catalog.referenced_by.find(std::string(target)); it != catalog.referenced_by.end())
    it->second.erase(key);
}

/// The index (or key constraint's index) `name` of `schema` is gone from the reverse index.
void forget_index(Catalog& catalog, const std::string& schema, std::string_view name) {
  thread_local std::string index_key;  // most index names are too long to be built without allocating
  assign_object_key(index_key, schema, name);
  catalog.index_owner.erase(index_key);
}

/// Brings the reverse indexes from `before` to what `table`, table `key`, holds now (null:
/// gone), touching only the names that changed.
void reindex(Catalog& catalog, const std::string& key, const TableModel* table, const Footprint& before) {
  const Names<std::string_view> after(table);
  compare(
      before.names.targets, after.targets,
      [&](std::string_view target) { forget_reference(catalog, key, target); },
      [&](std::string_view target) { catalog.referenced_by[std::string(target)].insert(key); });
  compare(
      before.names.indexes, after.indexes,
      [&](std::string_view index) { forget_index(catalog, before.schema, index); },
      [&](std::string_view index) { catalog.index_owner[object_key(table->schema, index)] = key; });
}

void reindex(Catalog& catalog, const std::string& key, const Footprint& before) {
  reindex(catalog, key, catalog.table(key), before);
}

/// Runs `change`, which names no index and no referenced table, on table `key`.
template <typename Change>
void edit_table(Catalog& catalog, const std::string& key, Change&& change) {
  if (TableModel* table = catalog.table(key)) change(*table);
}

/// Runs `change` on table `key` and keeps the reverse indexes right.
template <typename Change>
void change_table(Catalog& catalog, const std::string& key, Change&& change) {
  TableModel* table = catalog.table(key);
  if (!table) return;
  const Footprint before = footprint(table);
  change(*table);
  reindex(catalog, key, table, before);
}

/// The foreign keys of other tables that rely on `keys` of table `key` (all of them when
/// the table went): PostgreSQL drops them with it (CASCADE), or refuses.
void drop_inbound(Catalog& catalog, const std::string& key, const std::vector<ConstraintModel>* keys) {
  const auto it = catalog.referenced_by.find(key);
  if (it == catalog.referenced_by.end()) return;
  // Each change below leaves this entry; a table that goes takes the entry with it, so
  // that one is moved out rather than copied.
  const std::set<std::string> referencing =
      keys ? it->second : std::move(catalog.referenced_by.extract(it).mapped());
  for (const std::string& other : referencing) {
    if (keys) {
      for (const ConstraintModel& k : *keys)
        change_table(catalog, other, [&](TableModel& t) { drop_references(t, key, &k); });
    } else if (other != key) {
      // Every foreign key to the table goes, and no index: the only reverse entry that
      // changes is the table's own in referenced_by, already taken out above.
      edit_table(catalog, other, [&](TableModel& t) { drop_references(t, key, nullptr); });
    }
  }
}

void drop_view(Catalog& catalog, const std::string& key);

/// The views that read `key`, and those that read them: gone with it (CASCADE).
void drop_readers(Catalog& catalog, const std::string& key) {
  const auto it = catalog.read_by.find(key);
  if (it == catalog.read_by.end()) return;
  const std::set<std::string> readers = it->second;
  catalog.read_by.erase(it);
  for (const std::string& view : readers) drop_view(catalog, view);
}

void drop_view(Catalog& catalog, const std::string& key) {
  const auto it = catalog.views.find(key);
  if (it == catalog.views.end()) return;
  for (const std::string& read : it->second.reads) catalog.read_by[read].erase(key);
  catalog.views.erase(it);
  drop_readers(catalog, key);
}

void add_view(Catalog& catalog, ViewModel view, const Origin& origin) {
  const std::string key = view.key();
  if (const auto it = catalog.views.find(key); it != catalog.views.end())
    for (const std::string& read : it->second.reads) catalog.read_by[read].erase(key);
  view.origin = origin;
  view.query_sql = expand_star(view.query_sql, catalog);  // PostgreSQL fixes * at CREATE VIEW
  for (const std::string& read : view.reads) catalog.read_by[read].insert(key);
  catalog.views[key] = std::move(view);
}

void drop_table(Catalog& catalog, const std::string& key) {
  // Taken out first, in one lookup: dropping the foreign keys that point at it edits only
  // the other tables.
  const std::unique_ptr<TableModel> table = catalog.take_table(key);
  if (!table) return;
  drop_inbound(catalog, key, nullptr);
  // The table's own names leave the reverse indexes with it: no footprint to compare.
  for (const ConstraintModel& c : table->constraints) {
    if (c.kind == ConstraintKind::ForeignKey) forget_reference(catalog, key, c.references->table);
    if (c.is_key()) forget_index(catalog, table->schema, c.name);
  }
  for (const IndexModel& index : table->indexes) forget_index(catalog, table->schema, index.name);
  catalog.referenced_by.erase(key);
  drop_readers(catalog, key);
}

/// The views reading `from` read `to` now, under their queries' new names.
void follow_relation_rename(Catalog& catalog, const std::string& from, const std::string& to) {
  const auto it = catalog.read_by.find(from);
  if (it == catalog.read_by.end()) return;
  const std::set<std::string> readers = it->second;
  catalog.read_by.erase(it);
  const std::string to_name(key_name(to));
  for (const std::string& reader : readers) {
    ViewModel& view = catalog.views.at(reader);
    view.reads.erase(from);
    view.reads.insert(to);
    view.query_sql = rename_relation_in_query(view.query_sql, from, to_name);
    catalog.read_by[to].insert(reader);
  }
}

/// The tables holding a CHECK that emulates an enum, for ALTER TYPE to find them: after
/// each change that may add one (CREATE TABLE, ADD CONSTRAINT, ADD COLUMN), on the table
/// the change found already where it has one.
void note_enum_users(Catalog& catalog, const TableModel& table, const std::string& table_key) {
  for (const ConstraintModel& constraint : table.constraints)
    if (!constraint.emulates.empty()) catalog.enum_users[constraint.emulates].insert(table_key);
}

void note_enum_users(Catalog& catalog, const std::string& table_key) {
  if (const TableModel* table = catalog.table(table_key)) note_enum_users(catalog, *table, table_key);
}

/// The relation keeps its schema, which is the object's own: a key cannot say where a
/// schema's name ends when that name holds a dot.
void rename_relation(Catalog& catalog, const std::string& from, const std::string& to_name) {
  std::string to;
  if (auto view = catalog.views.extract(from)) {
    to = object_key(view.mapped().schema, to_name);
    view.mapped().name = to_name;
    view.key() = to;
    catalog.views.insert(std::move(view));
  } else if (TableModel* table = catalog.table(from)) {
    to = object_key(table->schema, to_name);
    const Footprint before = footprint(table);
    TableModel renamed = std::move(*catalog.take_table(from));
    keep_serial_sequence_names(renamed);
    renamed.name = to_name;
    catalog.add_table(std::move(renamed));
    reindex(catalog, from, before);  // `from` holds nothing now: its entries go
    reindex(catalog, to, Footprint{});
    note_enum_users(catalog, to);
    if (auto referencing = catalog.referenced_by.extract(from)) {
      for (const std::string& other : referencing.mapped())
        change_table(catalog, other == from ? to : other, [&](TableModel& t) { rename_referenced_table(t, from, to); });
    }
  } else {
    return;
  }
  follow_relation_rename(catalog, from, to);
}

/// RENAME COLUMN: the table, the foreign keys of others naming it, the views reading it.
void rename_column_everywhere(Catalog& catalog, const std::string& key, const std::string& from, const std::string& to) {
  edit_table(catalog, key, [&](TableModel& t) { rename_column(t, from, to); });
  if (const auto it = catalog.referenced_by.find(key); it != catalog.referenced_by.end())
    for (const std::string& other : it->second)
      if (other != key) edit_table(catalog, other, [&](TableModel& t) { rename_referenced_column(t, key, from, to); });
  if (const auto it = catalog.read_by.find(key); it != catalog.read_by.end())
    for (const std::string& reader : it->second) {
      ViewModel& view = catalog.views.at(reader);
      view.query_sql = rename_column_in_query(view.query_sql, key, from, to);
    }
}

/// ADD CONSTRAINT ... USING INDEX idx: the index becomes the constraint's, under its name.
void add_key_using_index(TableModel& table, ConstraintModel constraint, const std::string& index_name) {
  const IndexModel* index = table.index(index_name);
  if (!index) return;
  constraint.columns = index->columns();
  constraint.include = index->extra->include;
  if (constraint.name.empty()) constraint.name = index_name;
  drop_index(table, index_name);
  add_constraint(table, std::move(constraint));
}

/// CREATE TABLE (LIKE source INCLUDING ...): the source's columns and what the options copy.
void copy_like(TableModel& table, const TableModel& source, uint32_t options) {
  std::vector<ColumnModel> columns;
  for (ColumnModel column : source.columns) {
    if (!(options & (1u << 3)))  // DEFAULTS
      column.default_sql.clear(), column.extra.set(&ColumnExtras::sequences, std::vector<std::string>{});
    if (!(options & (1u << 5)))  // IDENTITY
      column.identity = Identity::None, column.extra.set(&ColumnExtras::identity_options, std::string{});
    if (!(options & (1u << 4))) column.extra.set(&ColumnExtras::generated_sql, std::string{});  // GENERATED
    if (!(options & (1u << 0))) column.extra.set(&ColumnExtras::comment, std::string{});  // COMMENTS
    columns.push_back(std::move(column));
  }
  table.columns.insert(table.columns.begin(), columns.begin(), columns.end());
  const bool comments = options & (1u << 0);  // COMMENTS: of CHECKs and indexes, not of keys
  for (const ConstraintModel& c : source.constraints) {
    if (c.kind == ConstraintKind::Check && (options & (1u << 2))) {  // CONSTRAINTS
      table.constraints.push_back(c);
      if (!comments) table.constraints.back().comment = Boxed<std::string>();
    }
    if (c.is_key() && (options & (1u << 6))) {  // INDEXES: named anew, after the new table
      table.constraints.push_back(c);
      table.constraints.back().name.clear();
      table.constraints.back().comment = Boxed<std::string>();
    }
  }
  if (!(options & (1u << 6))) return;
  for (IndexModel index : source.indexes) {
    index.name.clear();
    if (!comments) index.extra.set(&IndexExtras::comment, std::string{});
    table.indexes.push_back(std::move(index));
  }
}

/// `movable`, when given, is `change.created` to move from rather than copy.
void create_table(Catalog& catalog, const SchemaChange& change, const Origin& origin, TableModel* movable) {
  if (const TableModel* existing = catalog.table(change.table)) return note_enum_users(catalog, *existing, change.table);
  if (origin.stripped) return;
  // LIKE a table the migrations do not create: its columns are unknown, and so is the table.
  for (const auto& [source, options] : change.like)
    if (!catalog.table(source)) return;
  TableModel table = movable ? std::move(*movable) : *change.created;
  drop_keys_created_instead(table);
  for (auto it = change.like.rbegin(); it != change.like.rend(); ++it)
    if (const TableModel* source = catalog.table(it->first)) copy_like(table, *source, it->second);
  table.lifetime_columns = static_cast<unsigned>(table.columns.size());
  table.origin = origin;
  name_new_table(table);
  const TableModel& added = catalog.add_table(std::move(table));
  reindex(catalog, change.table, &added, Footprint{});
  note_enum_users(catalog, added, change.table);
}

void add_constraint_change(Catalog& catalog, const SchemaChange& change, const Origin& origin) {
  if (origin.stripped) {
    if (!change.constraint.name.empty())
      catalog.missing["constraint " + change.table + "/" + change.constraint.name] = origin;
    return note_enum_users(catalog, change.table);
  }
  if (!change.name.empty()) {
    change_table(catalog, change.table, [&](TableModel& t) {
      add_key_using_index(t, change.constraint, change.name);
      note_enum_users(catalog, t, change.table);
    });
    return;
  }
  // A constraint added is appended, so the reverse indexes gain its names and lose none:
  // no footprint of the table's names to take and compare (Drizzle adds every foreign key so).
  edit_table(catalog, change.table, [&](TableModel& t) {
    const std::string name = add_constraint(t, change.constraint);
    if (change.constraint.kind == ConstraintKind::ForeignKey)
      catalog.referenced_by[change.constraint.references->table].insert(change.table);
    if (change.constraint.is_key()) catalog.index_owner[object_key(t.schema, name)] = change.table;
    note_enum_users(catalog, t, change.table);
  });
}

void add_column_change(Catalog& catalog, const SchemaChange& change, const Origin& origin) {
  if (origin.stripped) return note_enum_users(catalog, change.table);
  const auto add = [&](TableModel& t) {
    add_column(t, change.column, change.constraints);
    note_enum_users(catalog, t, change.table);
  };
  // A column without constraints adds no name to the reverse indexes: no footprint to compare.
  if (change.constraints.empty()) return edit_table(catalog, change.table, add);
  change_table(catalog, change.table, add);
}

void drop_constraint_change(Catalog& catalog, const SchemaChange& change, const Origin& origin) {
  catalog.missing.erase("constraint " + change.table + "/" + change.name);
  if (origin.stripped) return;
  std::optional<ConstraintModel> dropped;
  change_table(catalog, change.table, [&](TableModel& t) { dropped = drop_constraint(t, change.name); });
  if (dropped && dropped->is_key()) {
    const std::vector<ConstraintModel> keys{*dropped};
    drop_inbound(catalog, change.table, &keys);
  }
}

void drop_column_change(Catalog& catalog, const SchemaChange& change) {
  // A column in no key, foreign key or index takes no name from the reverse indexes (and
  // no key that others' foreign keys need): no footprint of the table's names to compare.
  if (TableModel* table = catalog.table(change.table); table && !column_in_key_or_index(*table, change.name))
    return (void)drop_column(*table, change.name);
  std::vector<ConstraintModel> keys;
  change_table(catalog, change.table, [&](TableModel& t) { keys = drop_column(t, change.name); });
  if (!keys.empty()) drop_inbound(catalog, change.table, &keys);
}

/// Changes of one column that touch no other object.
void column_change(TableModel& t, const SchemaChange& change) {
  ColumnModel* column = t.column(change.name);
  switch (change.kind) {
    case Kind::AlterColumnType: set_type(t, change.name, change.column.type, change.column.extra->collation); return;
    case Kind::SetColumnDefault:
      set_default(t, change.name, change.column.default_sql, change.column.extra->sequences);
      return;
    case Kind::SetNotNull:
    case Kind::DropNotNull: set_not_null(t, change.name, change.kind == Kind::SetNotNull); return;
    case Kind::SetIdentity:
      if (!column) return;
      column->identity = change.column.identity;
      column->extra.set(&ColumnExtras::identity_options, change.column.extra->identity_options);
      if (column->identity != Identity::None) column->not_null = true;
      return;
    case Kind::SetStorage:
      if (column) column->extra.set(&ColumnExtras::storage, change.column.extra->storage);
      return;
    case Kind::DropExpression:
      if (column) column->extra.set(&ColumnExtras::generated_sql, std::string{});
      return;
    default: return;
  }
}

void comment_change(Catalog& catalog, const SchemaChange& change) {
  if (auto it = catalog.views.find(change.table); it != catalog.views.end() && change.name.empty())
    it->second.comment = change.expression_sql;
  TableModel* table = catalog.table(change.table);
  if (!table) return;
  if (change.name.empty()) table->comment = change.expression_sql;
  else if (ColumnModel* column = table->column(change.name))
    column->extra.set(&ColumnExtras::comment, change.expression_sql);
}

void grant_change(Catalog& catalog, const SchemaChange& change) {
  std::vector<GrantModel>* grants = nullptr;
  if (TableModel* table = catalog.table(change.table)) grants = &table->grants;
  else if (auto it = catalog.views.find(change.table); it != catalog.views.end()) grants = &it->second.grants;
  if (!grants) return;
  if (change.kind == Kind::Grant) grants->push_back(*change.grant);
  else revoke(*grants, *change.grant);
}

void add_enum_value(Catalog& catalog, const SchemaChange& change) {
  const auto it = catalog.types.find(change.table);
  if (it == catalog.types.end() || change.values.empty()) return;
  std::vector<std::string>& values = it->second.values;
  if (std::find(values.begin(), values.end(), change.values.front()) != values.end()) return;
  auto at = std::find(values.begin(), values.end(), change.name);
  if (at != values.end() && change.new_name == "after") ++at;
  values.insert(change.new_name.empty() ? values.end() : at, change.values.front());
}

void rename_enum_value(Catalog& catalog, const SchemaChange& change) {
  const auto it = catalog.types.find(change.table);
  if (it == catalog.types.end()) return;
  for (std::string& value : it->second.values)
    if (value == change.name) value = change.new_name;
}

/// ALTER TYPE ... RENAME TO: the CHECKs that emulate the type follow it.
void rename_type(Catalog& catalog, const SchemaChange& change) {
  const auto it = catalog.types.find(change.table);
  if (it == catalog.types.end()) return;
  EmulatedTypeModel type = std::move(it->second);
  catalog.types.erase(it);
  type.name = change.name;
  const std::string key = object_key(type.schema, type.name);
  catalog.types[key] = std::move(type);
  const auto users = catalog.enum_users.find(change.table);
  if (users == catalog.enum_users.end()) return;
  const std::set<std::string> tables = std::move(users->second);
  catalog.enum_users.erase(users);
  for (const std::string& table_key : tables)
    if (TableModel* table = catalog.table(table_key))
      for (ConstraintModel& constraint : table->constraints)
        if (constraint.emulates == change.table) constraint.emulates = key, catalog.enum_users[key].insert(table_key);
}

/// Sequences, schemas, domains, types, comments and grants: no reverse index to keep.
void other_change(Catalog& catalog, const SchemaChange& change, const Origin& origin) {
  switch (change.kind) {
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
    case Kind::CreateDomain:
      if (!origin.stripped) {
        catalog.domains[change.table] = DomainModel{key_schema(change.table), std::string(key_name(change.table)),
                                                    *change.column.type, change.column.not_null,
                                                    change.column.default_sql, change.constraints, origin};
      }
      return;
    case Kind::DropDomain:
      if (!origin.stripped) catalog.domains.erase(change.table);
      return;
    case Kind::CreateEnum:
      if (!origin.stripped) {
        catalog.types[change.table] = EmulatedTypeModel{key_schema(change.table), std::string(key_name(change.table)),
                                                        change.values, origin};
      }
      return;
    case Kind::AddEnumValue:
      if (!origin.stripped) add_enum_value(catalog, change);
      return;
    case Kind::RenameEnumValue:
      if (!origin.stripped) rename_enum_value(catalog, change);
      return;
    case Kind::RenameType:
      if (!origin.stripped) rename_type(catalog, change);
      return;
    case Kind::DropType:
      if (!origin.stripped) catalog.types.erase(change.table);
      return;
    case Kind::Comment:
      if (!origin.stripped) comment_change(catalog, change);
      return;
    case Kind::SetOwner:
      if (TableModel* table = catalog.table(change.table); table && !origin.stripped) table->owner = change.name;
      return;
    case Kind::Grant:
    case Kind::Revoke:
      if (!origin.stripped) grant_change(catalog, change);
      return;
    default: return;
  }
}

}  // namespace

namespace {

void apply_one(Catalog& catalog, const SchemaChange& change, const Origin& origin, TableModel* movable);

}  // namespace

void apply_change(Catalog& catalog, const SchemaChange& change, const Origin& origin) {
  apply_one(catalog, change, origin, nullptr);
}

void apply_change(Catalog& catalog, SchemaChange&& change, const Origin& origin) {
  apply_one(catalog, change, origin, change.kind == Kind::CreateTable ? &change.created.edit() : nullptr);
}

namespace {

void apply_one(Catalog& catalog, const SchemaChange& change, const Origin& origin, TableModel* movable) {
  switch (change.kind) {
    case Kind::CreateTable: return create_table(catalog, change, origin, movable);
    case Kind::AddConstraint: return add_constraint_change(catalog, change, origin);
    case Kind::DropConstraint: return drop_constraint_change(catalog, change, origin);
    case Kind::AddColumn: return add_column_change(catalog, change, origin);
    case Kind::CreatePolicy:
    case Kind::CreateStatistics:
    case Kind::EnableRls: break;
    default:
      if (origin.stripped) return other_change(catalog, change, origin);
  }
  switch (change.kind) {
    case Kind::CreateIndex:
      return edit_table(catalog, change.table, [&](TableModel& t) {
        catalog.index_owner[object_key(t.schema, add_index(t, change.index))] = change.table;
      });
    case Kind::ValidateConstraint:
      return edit_table(catalog, change.table, [&](TableModel& t) { validate_constraint(t, change.name); });
    case Kind::DropColumn: return drop_column_change(catalog, change);
    case Kind::AlterColumnType:
    case Kind::SetColumnDefault:
    case Kind::SetNotNull:
    case Kind::DropNotNull:
    case Kind::SetIdentity:
    case Kind::SetStorage:
    case Kind::DropExpression:
      return edit_table(catalog, change.table, [&](TableModel& t) { column_change(t, change); });
    case Kind::RenameTable: return rename_relation(catalog, change.table, change.name);
    case Kind::RenameColumn: return rename_column_everywhere(catalog, change.table, change.name, change.new_name);
    case Kind::RenameConstraint:
      return change_table(catalog, change.table, [&](TableModel& t) { rename_constraint(t, change.name, change.new_name); });
    case Kind::RenameIndex:
      if (TableModel* owner = catalog.table_of_index(change.name))
        change_table(catalog, owner->key(), [&](TableModel& t) {
          rename_index(t, std::string(key_name(change.name)), change.new_name);
        });
      return;
    case Kind::DropTable: return drop_table(catalog, change.table);
    case Kind::DropIndex:
      if (TableModel* owner = catalog.table_of_index(change.name))
        change_table(catalog, owner->key(),
                     [&](TableModel& t) { drop_index(t, std::string(key_name(change.name))); });
      return;
    case Kind::CommentIndex:
      // Found through the reverse index, as DROP INDEX finds it; no name changes.
      if (TableModel* owner = catalog.table_of_index(change.name))
        set_index_comment(*owner, std::string(key_name(change.name)), change.expression_sql);
      return;
    case Kind::CommentConstraint:
      return edit_table(catalog, change.table,
                        [&](TableModel& t) { set_constraint_comment(t, change.name, change.expression_sql); });
    case Kind::CreateView: return add_view(catalog, *change.view, origin);
    case Kind::DropView: return drop_view(catalog, change.table);
    case Kind::EnableRls:
      if (TableModel* table = catalog.table(change.table); table && origin.stripped) table->rls_stripped = origin;
      return;
    case Kind::CreateStatistics:
      if (TableModel* table = catalog.table(change.table); table && !origin.stripped) ++table->statistics;
      return;
    case Kind::CreatePolicy: return;
    default: return other_change(catalog, change, origin);
  }
}

}  // namespace

}  // namespace dsqlint
