#include <algorithm>

#include <fmt/format.h>

#include "lint/file_result.h"
#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

using Kind = SchemaChange::Kind;

/// PostgreSQL drops before it adds (ALTER TABLE t DROP COLUMN c, ADD COLUMN c ... is fine).
bool dropped_by(const StatementResult& statement, const std::string& column) {
  return std::any_of(statement.changes.begin(), statement.changes.end(),
                     [&](const SchemaChange& c) { return c.kind == Kind::DropColumn && c.name == column; });
}

void report(const SchemaChange& change, const TableModel& table, const std::string& column, Findings& out) {
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("table {} has a column {} already (42701 duplicate_column on PostgreSQL and DSQL)",
                         table.name, column))
      .help("when two branches of the migrations both made it, keep one; otherwise choose another name, or write "
            "ADD COLUMN IF NOT EXISTS when the column may exist");
}

/// ADD COLUMN (without IF NOT EXISTS), or RENAME COLUMN to, a name the table has.
void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (guarded(ctx.statement)) return;
  const TableModel* table = ctx.catalog.table(change.table);
  if (!table) return;  // made outside the migrations: its columns are unknown
  if (change.kind == Kind::AddColumn && !change.replace && table->column(change.name) &&
      !dropped_by(ctx.statement, change.name))
    report(change, *table, change.name, out);
  if (change.kind == Kind::RenameColumn && change.new_name != change.name && table->column(change.new_name))
    report(change, *table, change.new_name, out);
}

const RuleRegistrar kRule{{
    .id = "duplicate-column",
    .summary = "ADD COLUMN or RENAME COLUMN to a name the table has already",
    .klass = StatementClass::Unsupported,
    .changes = {Kind::AddColumn, Kind::RenameColumn},
    .targets = Targets::All,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
