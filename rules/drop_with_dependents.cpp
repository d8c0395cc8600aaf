#include <algorithm>

#include <fmt/format.h>

#include "catalog/dependents.h"
#include "lint/file_result.h"
#include "lint/recreation_table.h"
#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

using Kind = SchemaChange::Kind;

constexpr const char* kHelp =
    "drop or change what depends on it first, or write CASCADE, which drops those views and foreign keys with it "
    "(not the tables that hold the keys, nor their rows)";

/// Whether the statement drops `key` too: DROP TABLE a, b drops both, whatever refers from one to the other.
bool dropped_together(const StatementResult& statement, Kind kind, const std::string& key) {
  return std::any_of(statement.changes.begin(), statement.changes.end(),
                     [&](const SchemaChange& c) { return c.kind == kind && c.table == key; });
}

/// The first thing that still depends on `key` once the statement is done, in words.
std::optional<std::string> first_dependent(const StateContext& ctx, const std::string& key) {
  const TableDependents dependents = dependents_of(ctx.catalog, key);
  for (const auto& [holder, constraint] : dependents.keys)
    if (!dropped_together(ctx.statement, Kind::DropTable, holder))
      return fmt::format("foreign key {} of table {}", constraint.name, display_key(holder));
  for (const ViewModel& view : dependents.views)
    if (!dropped_together(ctx.statement, Kind::DropView, view.key())) return "view " + display_key(view.key());
  return std::nullopt;
}

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (guarded(ctx.statement)) return;
  if (change.cascade) return;
  std::optional<std::string> reason;
  if (change.kind == Kind::DropTable && ctx.catalog.table(change.table)) {
    if (auto dependent = first_dependent(ctx, change.table))
      reason = fmt::format("{} depends on table {}", *dependent, display_key(change.table));
  } else if (change.kind == Kind::DropView && ctx.catalog.views.count(change.table)) {
    if (auto dependent = first_dependent(ctx, change.table))
      reason = fmt::format("{} depends on view {}", *dependent, display_key(change.table));
  } else if (change.kind == Kind::DropColumn) {
    const TableModel* table = ctx.catalog.table(change.table);
    if (!table || !table->column(change.name)) return;
    const TableDependents dependents = dependents_of(ctx.catalog, change.table);
    if (dependents.empty()) return;
    reason = recreation::column_in_use(*table, change.name, dependents);
  }
  if (!reason) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("PostgreSQL and DSQL refuse the drop (2BP01): {}", *reason))
      .help(kHelp);
}

const RuleRegistrar kRule{{
    .id = "drop-with-dependents",
    .summary = "DROP TABLE, DROP VIEW or DROP COLUMN without CASCADE of what a view or a foreign key depends on",
    .klass = StatementClass::Unsupported,
    .changes = {Kind::DropTable, Kind::DropView, Kind::DropColumn},
    .targets = Targets::All,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
