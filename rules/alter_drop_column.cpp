#include <algorithm>

#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != SchemaChange::Kind::DropColumn) return;
  if (!ctx.target.supports(Feature::DropColumn)) {
    out.report(change.span, StatementClass::Unsupported,
               fmt::format("DSQL before {} cannot drop column {} of table {}", feature_date(Feature::DropColumn),
                           change.name, display_key(change.table)))
        .help("leave the column unused, or target a DSQL date that has DROP COLUMN");
    return;
  }
  const TableModel* table = ctx.catalog.table(change.table);
  const ConstraintModel* key = table ? table->primary_key() : nullptr;
  if (!key || std::find(key->columns.begin(), key->columns.end(), change.name) == key->columns.end()) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("column {} is part of the primary key of table {}, and DSQL cannot drop a primary-key column",
                         change.name, display_key(change.table)))
      .help("create a new table with the new primary key, copy the rows in batches and swap it in");
}

const RuleRegistrar kRule{{
    .id = "alter-drop-column",
    .summary = "DROP COLUMN of a primary-key column, or on DSQL before 2026-08-03",
    .klass = StatementClass::Unsupported,
    .changes = {SchemaChange::Kind::DropColumn},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
