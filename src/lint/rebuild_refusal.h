#pragma once
#include "lint/file_result.h"

namespace dsqlint {

class Statement;

/// A RECREATION ALTER TABLE with a subcommand the model does not follow (SET STATISTICS
/// ...): apply cannot rebuild the table with it, so the statement is UNSUPPORTED (rule
/// rebuild-refused). At lint, where the statement's tree is.
void refuse_unfollowed_subcommands(StatementResult& statement, const Statement& stmt);

/// A RECREATION statement whose rebuild apply would refuse (a change no rebuild expresses,
/// a column a view or another table's key still uses): UNSUPPORTED, with apply's reason
/// (rule rebuild-refused), so check never passes what apply then refuses. Needs the
/// statement's table_definition and dependents.
void refuse_impossible_rebuild(StatementResult& statement);

}  // namespace dsqlint
