#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"

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

struct ColumnModel {
  std::string name;
  std::string type;        ///< base type, lower case, "[]" for arrays: "int4", "jsonb", "text[]"
  std::string type_sql;    ///< the type as written: "varchar(255)"
  std::string definition;  ///< the whole column definition as written
  int32_t width = -1;      ///< declared bytes of a key of this type; -1 when unbounded or unknown
  bool not_null = false;
  std::vector<std::string> sequences;  ///< sequences its default takes values from (nextval)
};

/// A primary key, unique constraint or index.
struct IndexModel {
  std::string name;                  ///< empty for an unnamed constraint
  std::vector<std::string> columns;  ///< key columns in order; "" for an expression key
  bool unique = false;
  bool primary = false;
  std::string definition;  ///< as written: the CREATE INDEX statement or the constraint clause
};

struct TableModel {
  std::string schema;
  std::string name;
  std::vector<ColumnModel> columns;
  std::vector<std::string> constraints;  ///< CHECK, FOREIGN KEY ... clauses as written
  std::vector<IndexModel> indexes;       ///< primary key, unique constraints, indexes
  unsigned lifetime_columns = 0;         ///< columns ever added, dropped ones included
  unsigned statistics = 0;
  Origin origin;
  std::optional<Origin> rls_stripped;  ///< where ENABLE ROW LEVEL SECURITY was skipped
  /// Every constraint clause names itself ("CONSTRAINT name ..."), with the name PostgreSQL
  /// gave it when the migration did not (lint/table_edits.h: freeze_constraint_names).
  bool constraint_names_written = false;

  std::string key() const { return schema + "." + name; }
  const ColumnModel* column(std::string_view column_name) const;
  const IndexModel* primary_key() const;
};

/// The schema as far as history tells: what every earlier statement created, in apply
/// order. Keys are "schema.name" with PostgreSQL's folding already applied.
class Catalog {
 public:
  // What exists on the target: quotas are these maps' sizes.
  std::map<std::string, TableModel> tables;
  std::map<std::string, Origin> sequences;
  std::map<std::string, Origin> schemas;  ///< user schemas (not public or sys)
  /// Objects whose creating statement does not run on the target, for the statements that
  /// use them: "sequence schema.name", "constraint schema.table/name".
  std::map<std::string, Origin> missing;

  const TableModel* table(const std::string& key) const;
  TableModel* table(const std::string& key);
  /// Which table an index belongs to, by the index's key ("schema.index").
  TableModel* table_of_index(const std::string& index_key);
};

}  // namespace dsqlint
