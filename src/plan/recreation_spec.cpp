#include "plan/recreation_spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include <map>

#include "catalog/object_names.h"
#include "catalog/render.h"
#include "catalog/table_ops.h"
#include "core/source_file.h"
#include "lint/rule_helpers.h"
#include "lint/statement.h"
#include "parse/deparse.h"
#include "parse/parsed_file.h"
#include "parse/pg.h"
#include "plan/recreation_dependents.h"
#include "lint/recreation_table.h"
#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

using namespace recreation;

constexpr size_t kMaxName = 63;  // NAMEDATALEN - 1

/// The longest prefix of `text` of at most `bytes` bytes that ends at a character boundary.
size_t clip(std::string_view text, size_t bytes) {
  if (bytes >= text.size()) return text.size();
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return bytes;
}

/// `name` shortened so that `name + tail` fits in an identifier.
std::string with_tail(std::string_view name, std::string_view tail) {
  return std::string(name.substr(0, clip(name, kMaxName - tail.size()))) + std::string(tail);
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator, bool quote = false) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : std::string(separator)) + (quote ? quote_identifier(part) : part);
  return out;
}

/// The key the copy walks: the old table's primary key, or the one this statement adds.
Result<std::vector<std::string>> key_columns(const TableModel& before, const TableModel& after) {
  const ConstraintModel* key = before.primary_key() ? before.primary_key() : after.primary_key();
  if (!key) return Error{"table " + before.name + " has no primary key, and apply copies rows in primary-key order"};
  for (const std::string& column : key->columns)
    if (!before.column(column)) return Error{"key column " + column + " of table " + before.name + " is not a column it had"};
  return key->columns;
}

bool is_narrow_integer(const std::string& type) { return type == "int2" || type == "int4"; }

/// Identity options without SEQUENCE NAME (Drizzle writes one): the old table's sequence
/// has that name until the swap, so the new table's would collide; PostgreSQL names it.
std::string without_sequence_name(const std::string& options) {
  ParsedFile arena;
  List* kept = NIL;
  const ListCell* cell;
  foreach (cell, parse_sequence_options(arena, options))
    if (std::string_view(castNode(DefElem, lfirst(cell))->defname) != "sequence_name") kept = lappend(kept, lfirst(cell));
  return sequence_options_sql(kept);
}

/// The new table's columns as the rebuild creates them. A serial column becomes an identity
/// column (a fresh sequence would reissue values from 1), and DSQL takes no identity without
/// CACHE: CACHE 1 is PostgreSQL's default, so it is spelled out. Identity columns are
/// bigint, as apply ran their CREATE TABLE on the DSQL targets that rebuild tables
/// (serial-type, identity-non-bigint): a narrower one would refuse the values it holds.
void prepare_columns(TableModel& table) {
  for (ColumnModel& column : table.columns) {
    const std::string& type = column.type->name;
    // The column as DSQL created it: column-collate deleted its COLLATE (DSQL has only C).
    if (!column.extra->collation.empty()) column.extra.edit().collation.clear();
    if (is_serial(type)) {
      column.identity = Identity::ByDefault;
      column.default_sql.clear();
    }
    if (column.identity == Identity::None) continue;
    if (is_serial(type) || is_narrow_integer(type)) column.type = bigint_type();
    std::string options = without_sequence_name(column.extra->identity_options);
    if (options.find("CACHE") == std::string::npos) options = options.empty() ? "CACHE 1" : options + " CACHE 1";
    if (options != column.extra->identity_options) column.extra.edit().identity_options = std::move(options);
  }
}

/// The index as DSQL built it: its CREATE INDEX was rewritten without what DSQL refuses on
/// index keys (index-sort-order, index-opclass, column-collate) and without USING btree
/// (index-using-method); the rebuild must not bring those back.
IndexModel as_dsql_built(IndexModel index) {
  for (IndexKeyModel& key : index.keys) {
    key.ordering = 0;  // index-sort-order deleted ASC/DESC (and kept NULLS FIRST/LAST)
    if (!key.extra->collation.empty() || !key.extra->opclass.empty()) {
      IndexKeyExtras& extra = key.extra.edit();
      extra.collation.clear();
      extra.opclass.clear();
    }
  }
  if (index.extra->method == "btree") index.extra.edit().method.clear();
  return index;
}

/// The unique index of UNIQUE `key`, built on the new table as `temp` and then made the
/// constraint `temp`: the CREATE TABLE would not create it (see created_instead).
std::optional<RecreatedIndex> attached_unique(const ConstraintModel& key, const std::string& temp,
                                              const std::string& schema, const std::string& table, bool dsql) {
  IndexModel index{.unique = true, .nulls_not_distinct = key.nulls_not_distinct};
  for (const std::string& column : key.columns) index.keys.push_back(IndexKeyModel{.column = column});
  if (!key.include.empty()) index.extra.edit().include = key.include;
  ConstraintModel renamed = key;
  renamed.name = temp;
  auto sql = render_create_index(index, schema, table, temp, dsql);
  auto attach = render_add_key_using_index(renamed, schema, table, temp);
  if (!sql || !attach) return std::nullopt;
  return RecreatedIndex{temp, key.name, std::move(*sql), std::move(*attach)};
}

Result<RecreationSpec> build_spec(AlteredTable& altered, const TableModel& before, std::string_view suffix, bool dsql,
                                  const TableDependents& dependents) {
  TableModel& table = altered.table;
  RecreationSpec spec{.schema = table.schema.empty() ? "public" : table.schema, .table = table.name, .dsql = dsql,
                      .changes = altered.changes};
  spec.new_table = with_tail(table.name, fmt::format("__mantle_new_{}", suffix));
  spec.old_table = with_tail(table.name, fmt::format("__mantle_old_{}", suffix));
  auto keys = key_columns(before, table);
  if (!keys) return keys.error();
  spec.key_columns = std::move(*keys);
  if (const ConstraintModel* primary = table.primary_key(); primary && primary->columns == spec.key_columns)
    spec.conflict_columns = spec.key_columns;
  for (const ColumnModel& column : before.columns) spec.source_columns.push_back(column.name);
  prepare_columns(table);
  size_t renamed = 0;
  std::map<std::string, std::string> temp_names;  // key constraint -> its name on the new table
  for (const ConstraintModel& c : table.constraints) {
    if (!c.is_key()) continue;
    temp_names[c.name] = with_tail(c.name, fmt::format("__mantle_{}_{}", renamed++, suffix));
    spec.constraints.push_back(RenamedConstraint{temp_names[c.name], c.name});
  }
  const std::string key = table.key();
  const auto in_create = [&](const ConstraintModel& c) { return !added_after_copy(c, key) && !created_instead(table, c); };
  auto create = render_create_table(table, {.name = spec.new_table,
                                            .constraint_name = [&](const ConstraintModel& c) {
                                              return c.is_key() ? temp_names[c.name] : c.name;
                                            },
                                            .include = in_create});
  if (!create) return Error{"the definition of table " + table.name + " that history records does not render"};
  spec.create_sql = std::move(*create);
  for (const ColumnModel& column : table.columns) {
    if (column.identity != Identity::None) spec.identity_columns.push_back(column.name);
    const auto source = altered.sources.find(column.name);
    if (source == altered.sources.end() || !column.extra->generated_sql.empty()) continue;
    spec.insert_columns.push_back(column.name);
    spec.select_expressions.push_back(source->second.empty() ? quote_identifier(column.name) : source->second);
    spec.overriding_system_value = spec.overriding_system_value || column.identity == Identity::Always;
  }
  for (const ColumnModel& column : table.columns)
    for (const std::string& sequence : column.extra->sequences) spec.default_sequences.emplace_back(column.name, sequence);
  for (const IndexModel& index : table.indexes) {
    const std::string temp = with_tail(index.name, fmt::format("__mantle_{}_{}", renamed++, suffix));
    auto sql = render_create_index(as_dsql_built(index), spec.schema, spec.new_table, temp, dsql);
    if (!sql) return Error{"the index " + index.name + " that history records does not render"};
    spec.indexes.push_back(RecreatedIndex{temp, index.name, std::move(*sql)});
  }
  for (const ConstraintModel& c : table.constraints) {
    if (!created_instead(table, c)) continue;
    auto attached = attached_unique(c, temp_names[c.name], spec.schema, spec.new_table, dsql);
    if (!attached) return Error{"the UNIQUE constraint " + c.name + " that history records does not render"};
    spec.indexes.push_back(std::move(*attached));
  }
  if (auto used = dropped_in_use(before, table, dependents)) return Error{*used};
  if (auto carried = carry_dependents(spec, table, dependents); !carried) return carried.error();
  return spec;
}

bool valid_suffix(std::string_view suffix) {
  return !suffix.empty() && suffix.size() <= 24 && std::all_of(suffix.begin(), suffix.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

std::string object_name(std::string_view name1, std::string_view name2, std::string_view label) {
  return make_object_name(name1, name2, label);
}

std::string qualified_name(std::string_view schema, std::string_view name) {
  return quote_identifier(schema) + "." + quote_identifier(name);
}

Result<RecreationSpec> recreation_spec(const TableModel& before, std::string_view alter_statement_sql,
                                       std::string_view suffix, bool dsql, const TableDependents& dependents) {
  if (!valid_suffix(suffix)) return Error{"the helper-table suffix must be 1 to 24 letters, digits or underscores"};
  auto changes = recreation::alter_changes(alter_statement_sql);
  if (!changes) return changes.error();
  auto altered = altered_table(before, *changes);
  if (!altered) return altered.error();
  return build_spec(*altered, before, suffix, dsql, dependents);
}

std::vector<std::string> describe(const RecreationSpec& spec) {
  const std::string table = qualified_name(spec.schema, spec.table);
  const std::string fresh = qualified_name(spec.schema, spec.new_table);
  const std::string old = qualified_name(spec.schema, spec.old_table);
  std::vector<std::string> out;
  if (!spec.changes.empty()) out.push_back("changes: " + joined(spec.changes, "; "));
  out.push_back("stop writes to " + table + " first: rows written during the copy are lost at the swap");
  out.push_back(spec.create_sql);
  out.push_back("copy rows in key order (" + joined(spec.key_columns, ", ", true) +
                ") in batches of <=3,000 rows / 10 MiB, each committed with its progress: INSERT INTO " + fresh + " (" +
                joined(spec.insert_columns, ", ", true) + ") SELECT " + joined(spec.select_expressions, ", ") +
                " FROM " + table);
  out.push_back("verify that " + table + " and " + fresh + " hold the same number of rows");
  for (const std::string& column : spec.identity_columns)
    if (std::find(spec.insert_columns.begin(), spec.insert_columns.end(), column) != spec.insert_columns.end())
      out.push_back("restart identity column " + quote_identifier(column) + " where its sequence on " + table +
                    " stands, or past the highest copied value if that is higher");
  const std::string wait = spec.dsql ? "; CALL sys.wait_for_job(job_id)" : "";
  for (const RecreatedIndex& index : spec.indexes)
    out.push_back(index.sql + wait + "; check the index is valid" + (index.attach_sql.empty() ? "" : "; " + index.attach_sql));
  for (const CarriedKey& key : spec.own_keys)
    out.push_back(key.add_sql + (key.validate_sql.empty() ? "" : "; " + key.validate_sql + wait));
  if (!spec.inbound_keys.empty()) {
    std::vector<std::string> names, tables;
    for (const CarriedKey& key : spec.inbound_keys) {
      names.push_back(key.table + "." + key.name);
      if (std::find(tables.begin(), tables.end(), key.table) == tables.end()) tables.push_back(key.table);
    }
    out.push_back("the foreign keys " + joined(names, ", ") + " are absent from here until they are added back after "
                  "the swap, and nothing checks rows written to " + joined(tables, ", ") + ": stop writes to them too");
  }
  for (auto view = spec.views.rbegin(); view != spec.views.rend(); ++view)
    out.push_back("DROP VIEW IF EXISTS " + qualified_name(view->schema, view->name));
  for (const CarriedKey& key : spec.inbound_keys)
    out.push_back("ALTER TABLE " + qualified_name(key.schema, key.table) + " DROP CONSTRAINT IF EXISTS " +
                  quote_identifier(key.name));
  out.push_back("ALTER TABLE " + table + " RENAME TO " + quote_identifier(spec.old_table));
  out.push_back("ALTER TABLE " + fresh + " RENAME TO " + quote_identifier(spec.table));
  for (const CarriedKey& key : spec.inbound_keys) out.push_back(key.add_sql);
  for (const CarriedKey& key : spec.inbound_keys)
    if (!key.validate_sql.empty()) out.push_back(key.validate_sql + wait);
  for (const CarriedView& view : spec.views) {
    out.push_back(view.create_sql);
    out.insert(out.end(), view.after_create.begin(), view.after_create.end());
  }
  out.insert(out.end(), spec.grants.begin(), spec.grants.end());
  for (const auto& [column, sequence] : spec.default_sequences)
    out.push_back("ALTER SEQUENCE " + quote_key(sequence) + " OWNED BY " + table + "." + quote_identifier(column) +
                  " if a column of " + old + " owns it (apply gives each sequence that table owns to the same "
                  "column of " + table + "): dropping the old table would drop the sequence");
  out.push_back("DROP TABLE " + old + " (after verifying the row counts again)");
  for (const RenamedConstraint& constraint : spec.constraints)
    out.push_back("ALTER TABLE " + table + " RENAME CONSTRAINT " + quote_identifier(constraint.temp_name) + " TO " +
                  quote_identifier(constraint.final_name));
  for (const RecreatedIndex& index : spec.indexes)
    if (index.attach_sql.empty())  // an attached index is renamed with its constraint
      out.push_back("ALTER INDEX " + qualified_name(spec.schema, index.temp_name) + " RENAME TO " +
                    quote_identifier(index.final_name));
  for (const std::string& column : spec.identity_columns)
    if (std::find(spec.insert_columns.begin(), spec.insert_columns.end(), column) != spec.insert_columns.end())
      out.push_back("rename the sequence of identity column " + quote_identifier(column) + " to the name the old " +
                    "table's sequence had (which table renames do not change), read before the drop");
    else
      out.push_back("rename the sequence of identity column " + quote_identifier(column) + " to " +
                    quote_identifier(object_name(spec.table, column, "seq")));
  return out;
}

}  // namespace dsqlint
