#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/object_key.h"
#include "catalog/table_map.h"
#include "core/boxed.h"

// The schema model: what history says exists, held as data. Every name is PostgreSQL's
// (folded, unquoted); every expression and type is kept as the deparser prints it
// (parse/deparse.h), so it can be parsed again to render a definition (catalog/render.h).
namespace dsqlint {

/// Where an object was created: the file, the statement, and whether that statement
/// runs on the target (a stripped CREATE leaves nothing behind).
struct Origin {
  std::string path;
  uint32_t statement = 0;  ///< 1-based index in the file
  bool stripped = false;
};

/// "statement 3 of migrations/0001.sql", for messages.
std::string describe(const Origin& origin);

/// A column's type: its base name for the rules, its SQL for a rebuild.
struct ColumnType {
  std::string name;    ///< base type, lower case, "[]" for arrays: "int4", "jsonb", "text[]"
  std::string sql;     ///< as the deparser prints it: "varchar(255)"
  int32_t width = -1;  ///< declared bytes of a key of this type; -1 when unbounded or unknown
};

/// A column's type, shared: the columns of one type point at one ColumnType, kept to the
/// end of the process (there are no more of them than distinct types in the input), so a
/// column is smaller and copies and frees no type strings.
class TypeRef {
 public:
  TypeRef() = default;  ///< the unknown type: no name, no SQL
  TypeRef(const ColumnType& type);  // NOLINT: interns, as assigning a ColumnType would copy
  const ColumnType& operator*() const { return *type_; }
  const ColumnType* operator->() const { return type_; }

 private:
  static const ColumnType kUnknown;
  const ColumnType* type_ = &kUnknown;
};

enum class Identity : char { None, Always, ByDefault };

/// What few columns have: kept out of line, so a table's columns are dense to scan, copy
/// and free (a catalog holds thousands).
struct ColumnExtras {
  std::vector<std::string> sequences;  ///< sequences its default takes values from (nextval)
  std::string identity_options;        ///< "CACHE 1 START 5"
  std::string generated_sql;           ///< GENERATED ALWAYS AS (expression) STORED
  std::string collation;               ///< COLLATE, as SQL ("\"C\""); empty for the type's default
  std::string storage;                 ///< STORAGE, lower case; empty for the type's default
  std::string comment;
  /// A serial's own sequence, when the table or column was renamed since it was made: the
  /// name it was made with (<table>_<column>_seq). Empty: named after the names they have.
  std::string serial_sequence;

  bool empty() const {
    return sequences.empty() && identity_options.empty() && generated_sql.empty() && collation.empty() &&
           storage.empty() && comment.empty() && serial_sequence.empty();
  }
};

struct ColumnModel {
  std::string name;
  TypeRef type;
  bool not_null = false;
  Identity identity = Identity::None;
  std::string default_sql;  ///< the default expression; empty when none
  Boxed<ColumnExtras> extra;
};

enum class ConstraintKind : char { PrimaryKey, Unique, Check, ForeignKey, Exclusion };

/// What a foreign key points at and what it does.
struct ForeignKeyModel {
  std::string table;                   ///< catalog key of the referenced table
  std::vector<std::string> columns;    ///< referenced columns; empty: its primary key
  char match = 's';                    ///< FKCONSTR_MATCH_*: 's'imple, 'f'ull, 'p'artial
  char on_update = 'a', on_delete = 'a';  ///< FKCONSTR_ACTION_*: 'a' no action, 'r', 'c', 'n', 'd'
  std::vector<std::string> delete_set_columns;  ///< ON DELETE SET NULL/DEFAULT (columns)
};

struct ConstraintModel {
  std::string name;  ///< as written, or as PostgreSQL named it when it was added
  ConstraintKind kind = ConstraintKind::Check;
  std::vector<std::string> columns;  ///< key columns, or a foreign key's own columns
  std::vector<std::string> include;  ///< PRIMARY KEY / UNIQUE ... INCLUDE (...)
  bool nulls_not_distinct = false;
  std::string expression_sql;  ///< CHECK's expression; an EXCLUDE's whole clause
  Boxed<ForeignKeyModel> references;  ///< a foreign key's; out of line, as most constraints are keys
  bool valid = true;  ///< false: added NOT VALID and not validated since
  bool deferrable = false, initially_deferred = false;
  bool no_inherit = false;
  /// A CHECK that stands for an enum column on DSQL (lint/enum_emulation.h): the emulated
  /// type's key; its column is `columns[0]`.
  std::string emulates;
  /// COMMENT ON CONSTRAINT; out of line, as few constraints have one. Unset: none.
  Boxed<std::string> comment;

  bool is_key() const { return kind == ConstraintKind::PrimaryKey || kind == ConstraintKind::Unique; }
};

/// What few index keys have: kept out of line, as a column's extras are.
struct IndexKeyExtras {
  std::string expression_sql;  ///< empty for a column
  std::string collation, opclass;

  bool empty() const { return expression_sql.empty() && collation.empty() && opclass.empty(); }
};

/// One key of an index: a column or an expression, and how it is ordered.
struct IndexKeyModel {
  std::string column;  ///< empty for an expression
  char ordering = 0;   ///< 0 default, 'a' ASC, 'd' DESC
  char nulls = 0;      ///< 0 default, 'f' NULLS FIRST, 'l' NULLS LAST
  Boxed<IndexKeyExtras> extra;
};

/// What few indexes have: kept out of line.
struct IndexExtras {
  std::vector<std::string> include;
  std::string predicate_sql;  ///< WHERE; empty for none
  std::string method;         ///< USING; empty for the default
  std::string comment;

  bool empty() const { return include.empty() && predicate_sql.empty() && method.empty() && comment.empty(); }
};

/// An index made by CREATE INDEX (a key constraint's index is its constraint).
struct IndexModel {
  std::string name;
  std::vector<IndexKeyModel> keys;
  bool unique = false;
  bool nulls_not_distinct = false;
  Boxed<IndexExtras> extra;

  /// The key columns in order, "" for an expression key.
  std::vector<std::string> columns() const;
};

/// What the quota and key rules see of a key: a primary key, unique constraint or index.
struct KeyShape {
  std::string name;
  std::vector<std::string> columns;  ///< "" for an expression key
  bool unique = false;
  bool primary = false;
};

/// A privilege granted on a table or view, as GRANT wrote it.
struct GrantModel {
  std::string privileges;  ///< "SELECT, INSERT", "ALL"; one privilege when `columns` are given
  std::string grantee;     ///< a role name, or PUBLIC
  bool with_grant_option = false;
  std::vector<std::string> columns;  ///< GRANT SELECT (a, b): the columns; empty for the whole table
};

struct TableModel {
  std::string schema;
  std::string name;
  std::vector<ColumnModel> columns;
  std::vector<ConstraintModel> constraints;
  std::vector<IndexModel> indexes;
  unsigned lifetime_columns = 0;  ///< columns ever added, dropped ones included
  unsigned statistics = 0;
  Origin origin;
  std::optional<Origin> rls_stripped;  ///< where ENABLE ROW LEVEL SECURITY was skipped
  std::string comment;
  std::vector<GrantModel> grants;
  std::string owner;  ///< ALTER TABLE ... OWNER TO, as SQL; empty: the role that created it

  std::string key() const { return object_key(schema, name); }
  const ColumnModel* column(std::string_view column_name) const;
  ColumnModel* column(std::string_view column_name);
  const ConstraintModel* constraint(std::string_view constraint_name) const;
  const ConstraintModel* primary_key() const;
  const IndexModel* index(std::string_view index_name) const;
  /// Every key, in order: key constraints, then indexes.
  std::vector<KeyShape> keys() const;
  /// How many keys there are: keys().size() without building them.
  size_t key_count() const;
  /// The names constraints and indexes of the table use, for naming a new one.
  std::set<std::string> used_names() const;
};

struct ViewModel {
  std::string schema;
  std::string name;
  std::string query_sql;                    ///< the SELECT, deparsed
  std::vector<std::string> column_names;    ///< CREATE VIEW v (a, b): empty when not given
  std::set<std::string> reads;              ///< tables and views it reads, catalog keys
  Origin origin;
  std::string comment;
  std::vector<GrantModel> grants;

  std::string key() const { return object_key(schema, name); }
};

struct DomainModel {
  std::string schema;
  std::string name;
  ColumnType type;
  bool not_null = false;
  std::string default_sql;
  std::vector<ConstraintModel> checks;
  Origin origin;
};

/// A type DSQL has no CREATE TYPE for, kept as the values a CHECK allows (enums).
struct EmulatedTypeModel {
  std::string schema;
  std::string name;
  std::vector<std::string> values;
  Origin origin;
};

/// The schema as far as history tells: what every earlier statement created, in apply
/// order. Keys are "schema.name" with PostgreSQL's folding already applied. The reverse
/// indexes keep every change to the objects it touches: no statement scans the catalog.
class Catalog {
 public:
  // What exists on the target: quotas are these maps' sizes (and table_count()).
  std::map<std::string, ViewModel> views;
  std::map<std::string, Origin> sequences;
  std::map<std::string, Origin> schemas;  ///< user schemas (not public or sys)
  std::map<std::string, DomainModel> domains;
  std::map<std::string, EmulatedTypeModel> types;
  /// Objects whose creating statement does not run on the target, for the statements that
  /// use them: "sequence schema.name", "constraint schema.table/name".
  std::map<std::string, Origin> missing;
  /// The content of each migration replayed (lint/duplicate_migration.h) -> the files
  /// that had it, each in another migrations folder.
  std::map<std::string, std::vector<std::string>> migration_contents;

  // Reverse indexes.
  std::unordered_map<std::string, std::string> index_owner;                // "schema.index" -> table key
  std::unordered_map<std::string, std::set<std::string>> referenced_by;    // table -> tables whose keys point at it
  std::unordered_map<std::string, std::set<std::string>> read_by;          // table or view -> views reading it
  /// Emulated type -> tables that may hold a CHECK emulating it (verify: renames leave stale keys).
  std::unordered_map<std::string, std::set<std::string>> enum_users;

  const TableModel* table(const std::string& key) const;
  TableModel* table(const std::string& key);
  size_t table_count() const { return tables_.size() + packed_.size(); }
  /// Adds a table under its key (schema.name), which no table has; returns it as added.
  /// Taken by rvalue: a by-value parameter would be one more move of the model.
  TableModel& add_table(TableModel&& table);
  TableModel& add_table(const TableModel& table) { return add_table(TableModel(table)); }
  /// Takes a table out (null: none has the key); its entries in the reverse indexes are
  /// the caller's to mend. Handed over as allocated: moving a model out costs a copy of its shell.
  std::unique_ptr<TableModel> take_table(const std::string& key);
  /// Which table an index (or key constraint's index) belongs to, by the index's key.
  TableModel* table_of_index(const std::string& index_key);

 private:
  friend std::string encode_catalog(const Catalog& catalog, std::string_view stamp);
  friend std::optional<Catalog> decode_catalog(std::string bytes, std::string_view stamp);

  const TableModel* find_table(const std::string& key) const;  ///< table() without the last lookup

  /// Tables as models. A catalog loaded from the history cache keeps its tables as bytes
  /// (`packed_`, views into `bytes_`) until a statement looks one up: an editor's save
  /// touches a few tables of a thousand, and reading all of them was most of its time.
  /// So even a const lookup may change these maps: one thread at a time uses a catalog.
  mutable TableMap tables_;  ///< looked up several times per statement
  mutable std::unordered_map<std::string, std::string_view> packed_;
  std::shared_ptr<const std::string> bytes_;

  /// The last table looked up, found or not: the rules, folding and apply of one change
  /// each look its table up, and comparing the key is cheaper than hashing and probing.
  /// Forgotten when a table is added or taken, and by a move, on both sides: a moved-from
  /// catalog may be used again, and its last table is no longer its own.
  struct LastLookup {
    std::string key;
    const TableModel* table = nullptr;
    bool valid = false;
    LastLookup() = default;
    LastLookup(LastLookup&& other) noexcept { other.valid = false; }
    LastLookup& operator=(LastLookup&& other) noexcept {
      valid = other.valid = false;
      return *this;
    }
  };
  mutable LastLookup last_;
};

}  // namespace dsqlint
