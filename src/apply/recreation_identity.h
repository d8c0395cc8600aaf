#pragma once
#include <map>
#include <optional>
#include <string>

#include "apply/database.h"
#include "core/result.h"

namespace dsqlint {

/// A rebuilt table's identity columns get new sequences. PostgreSQL, changing the column in
/// place, keeps the old one: its name (which table renames do not change, and which the
/// application's setval and nextval use) and its position (ids of deleted rows are never
/// issued again). The new sequences take both from the old table's: column -> the unquoted
/// name of the old table's sequence for it (in the table's schema).
using SequenceNames = std::map<std::string, std::string>;

/// The unquoted name of the sequence of identity (or serial) column `column` of schema.table.
Result<std::string> identity_sequence_name(Session& session, const std::string& schema, const std::string& table,
                                           const std::string& column);

/// The value the next nextval of that column's sequence returns. Reads the sequence relation,
/// which is not verified on DSQL: an Error says what failed.
Result<std::string> identity_next_value(Session& session, const std::string& schema, const std::string& table,
                                        const std::string& column);

/// The step's cursor once the new table is swapped in, carrying `names`: the old table, the
/// only other record of them, is dropped before the new sequences are renamed, and a rerun
/// after that point reads them here. Without names it is kSwappedCursor.
std::string swapped_cursor(const SequenceNames& names);
/// Whether `cursor` is one that swapped_cursor writes (kSwappedCursor included).
bool is_swapped_cursor(const std::optional<std::string>& cursor);
/// The names a swapped cursor carries; none for kSwappedCursor or any other cursor.
SequenceNames swapped_sequence_names(const std::optional<std::string>& cursor);

}  // namespace dsqlint
