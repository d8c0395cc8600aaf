#include <fmt/format.h>

#include "lint/file_result.h"
#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

using Kind = SchemaChange::Kind;

bool adds_primary_key(const StatementResult& statement) {
  for (const SchemaChange& change : statement.changes)
    if (change.kind == Kind::AddConstraint && change.constraint.kind == ConstraintKind::PrimaryKey) return true;
  return false;
}

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  // Once per statement: its first change names the table it rebuilds.
  if (ctx.statement.klass != StatementClass::Recreation || &change != &ctx.statement.changes.front()) return;
  const TableModel* table = ctx.catalog.table(change.table);
  if (!table || table->primary_key() || adds_primary_key(ctx.statement)) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("apply cannot rebuild table {}: it has no primary key, and the rebuild copies the rows in "
                         "primary-key order",
                         display_key(change.table)))
      .help("give the table a primary key first: in the same statement (ALTER TABLE ... ADD PRIMARY KEY (...), "
            "then the rebuild walks that key), or in the CREATE TABLE when the table is new");
}

const RuleRegistrar kRule{{
    .id = "rebuild-without-key",
    .summary = "a table apply would rebuild has no primary key to copy its rows by",
    .klass = StatementClass::Unsupported,
    .targets = Targets::Dsql,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
