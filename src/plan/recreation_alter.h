#pragma once
#include <string_view>

#include "catalog/schema.h"
#include "core/result.h"
#include "plan/recreation_draft.h"

namespace dsqlint::recreation {

/// `before` with the subcommands of `alter_statement_sql` (one ALTER TABLE) applied, in
/// order: ALTER COLUMN TYPE [USING], SET/DROP NOT NULL, SET/DROP DEFAULT, DROP CONSTRAINT,
/// ADD CONSTRAINT and ADD COLUMN. The Error names what a rebuild cannot express.
Result<TableDraft> altered_table(const TableModel& before, std::string_view alter_statement_sql);

}  // namespace dsqlint::recreation
