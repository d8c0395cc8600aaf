#pragma once
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "lint/file_result.h"
#include "lint/schema_changes.h"

namespace dsqlint {

/// The keys a change creates (a CREATE INDEX, an added PRIMARY KEY or UNIQUE, or the key
/// constraints of a CREATE TABLE) and the table they go on: the catalog's, or the one
/// being created. `table` is null when history does not know the table.
struct NewIndexes {
  const TableModel* table = nullptr;
  std::vector<KeyShape> indexes;
  bool table_is_new = false;  ///< the change creates the table itself
};

NewIndexes new_indexes(const SchemaChange& change, const Catalog& catalog);

/// "index users_email_idx" / "the primary key" / "a unique constraint", for messages.
std::string describe_index(const KeyShape& index);

/// "schema.name" shown as people write it: the bare name in public.
std::string display_key(const std::string& key);

/// Whether a DO block guards the statement (IF NOT EXISTS (...), EXCEPTION WHEN ...): the
/// guard, not history, decides whether what it makes exists, so the rules that compare
/// names with history leave it alone.
inline bool guarded(const StatementResult& statement) { return !statement.extra->guarded_sql.empty(); }

}  // namespace dsqlint
