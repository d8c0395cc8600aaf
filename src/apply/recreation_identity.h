#pragma once
#include <optional>
#include <string>

#include "apply/database.h"
#include "core/result.h"

namespace dsqlint {

/// A rebuilt table's identity columns get new sequences. PostgreSQL, changing the column in
/// place, keeps the old one and its position: ids of deleted rows are never issued again.

/// The unquoted name of the sequence of identity (or serial) column `column` of schema.table.
Result<std::string> identity_sequence_name(Session& session, const std::string& schema, const std::string& table,
                                           const std::string& column);

/// The value the next nextval of that column's sequence returns. Reads the sequence relation,
/// which is not verified on DSQL: an Error says what failed.
Result<std::string> identity_next_value(Session& session, const std::string& schema, const std::string& table,
                                        const std::string& column);

}  // namespace dsqlint
