#include <set>

#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

bool unindexable(const std::string& type) {
  static const std::set<std::string, std::less<>> types = {"bytea", "interval", "timetz", "json", "jsonb"};
  return types.contains(type);
}

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  const NewIndexes& created = ctx.created;
  if (!created.table) return;
  for (const KeyShape& index : created.indexes)
    for (const std::string& name : index.columns) {
      const ColumnModel* column = created.table->column(name);
      if (!column || !unindexable(column->type->name)) continue;
      out.report(change.span, StatementClass::Unsupported,
                 fmt::format("DSQL cannot index column {} of table {}, which is {}, so {} is rejected", name,
                             display_key(created.table->key()), column->type->name, describe_index(index)))
          .help(
              "index an expression of the value instead (for jsonb, (col->>'key'); dsql:2026-08-13 and later), or a "
              "text or uuid column that holds a hash of it");
    }
}

const RuleRegistrar kRule{{
    .id = "index-key-type",
    .summary = "index or key on a bytea, interval, timetz, json or jsonb column",
    .klass = StatementClass::Unsupported,
    // The kinds new_indexes() finds keys for (ctx.created).
    .changes = {SchemaChange::Kind::CreateTable, SchemaChange::Kind::CreateIndex, SchemaChange::Kind::AddConstraint},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
