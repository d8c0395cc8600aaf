#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr size_t kLive = 255;
constexpr size_t kLifetime = 1600;

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind == SchemaChange::Kind::CreateTable) {
    if (change.created->columns.size() <= kLive) return;
    out.report(change.span, StatementClass::Unsupported,
               fmt::format("table {} has {} columns, and DSQL allows at most {}", display_key(change.table),
                           change.created->columns.size(), kLive))
        .help("split the table: move rarely used columns to a second table with the same primary key");
    return;
  }
  if (change.kind != SchemaChange::Kind::AddColumn) return;
  const TableModel* table = ctx.catalog.table(change.table);
  if (!table) return;
  if (table->columns.size() + 1 > kLive)
    out.report(change.span, StatementClass::Unsupported,
               fmt::format("adding column {} gives table {} {} columns, and DSQL allows at most {}", change.column.name,
                           display_key(change.table), table->columns.size() + 1, kLive))
        .help("split the table: move rarely used columns to a second table with the same primary key");
  else if (table->lifetime_columns + 1 > kLifetime)
    out.report(change.span, StatementClass::Unsupported,
               fmt::format("table {} has had {} columns over its life, dropped ones included, and DSQL allows at most {}",
                           display_key(change.table), table->lifetime_columns + 1, kLifetime))
        .help("create a new table and copy the rows into it; its column budget starts afresh");
}

const RuleRegistrar kRule{{
    .id = "column-count",
    .summary = "more than 255 columns in a table, or more than 1,600 over its lifetime",
    .klass = StatementClass::Unsupported,
    .changes = {SchemaChange::Kind::CreateTable, SchemaChange::Kind::AddColumn},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
