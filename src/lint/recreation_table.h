#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/dependents.h"
#include "catalog/schema.h"
#include "core/result.h"
#include "lint/schema_changes.h"

// The table a rebuild creates: the table as history knows it, changed by the statement's
// own schema changes through the same table operations the catalog's replay uses.
namespace dsqlint::recreation {

struct AlteredTable {
  TableModel table;
  /// How the copy fills each column of the new table from the old one: the column (empty),
  /// a cast to its new type, or the USING expression. Added columns have none (they get
  /// defaults). Keyed by views of the names of `before`'s columns, which must outlive it:
  /// every rebuild check builds this for each column, and copies of the names cost more
  /// than the rest.
  std::map<std::string_view, std::string> sources;
  std::vector<std::string> changes;  ///< what the statement changes, one line each, for `plan`
};

/// `before` changed by `changes` (one ALTER TABLE's); an Error names what a rebuild cannot
/// express (a missing column, a second primary key, a change that is no ALTER TABLE's).
Result<AlteredTable> altered_table(const TableModel& before, const std::vector<SchemaChange>& changes);

/// The schema changes of an ALTER TABLE given as SQL (an emulated enum's rebuild runs another
/// statement than the one written), one per subcommand; an Error when the SQL is no ALTER
/// TABLE or has a subcommand the model does not follow (a rebuild would lose it).
Result<std::vector<SchemaChange>> alter_changes(std::string_view sql);

/// Why PostgreSQL would refuse the columns `after` lacks (DROP COLUMN without CASCADE): a
/// view reads one, or another table's foreign key points at one; nullopt when none does.
/// A rebuild refuses the same before it changes anything: re-creating the view or the key
/// after the swap would fail.
std::optional<std::string> dropped_in_use(const TableModel& before, const TableModel& after,
                                          const TableDependents& dependents);

/// Why PostgreSQL would refuse to drop `column` of `table` without CASCADE; nullopt when
/// no view or other table's foreign key uses it.
std::optional<std::string> column_in_use(const TableModel& table, const std::string& column,
                                         const TableDependents& dependents);

}  // namespace dsqlint::recreation
