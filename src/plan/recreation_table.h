#pragma once
#include <map>
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "core/result.h"
#include "lint/schema_changes.h"

// The table a rebuild creates: the table as history knows it, changed by the statement's
// own schema changes through the same table operations the catalog's replay uses.
namespace dsqlint::recreation {

struct AlteredTable {
  TableModel table;
  /// How the copy fills each column of the new table from the old one: the column, a cast
  /// to its new type, or the USING expression. Added columns have none (they get defaults).
  std::map<std::string, std::string> sources;
  std::vector<std::string> changes;  ///< what the statement changes, one line each, for `plan`
};

/// `before` changed by `changes` (one ALTER TABLE's); an Error names what a rebuild cannot
/// express (a missing column, a second primary key, a change that is no ALTER TABLE's).
Result<AlteredTable> altered_table(const TableModel& before, const std::vector<SchemaChange>& changes);

}  // namespace dsqlint::recreation
