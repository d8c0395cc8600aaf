#include <algorithm>

#include <fmt/format.h>

#include "lint/file_result.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

using Kind = SchemaChange::Kind;

bool sets_not_null(const StatementResult& statement, const std::string& column) {
  return std::any_of(statement.changes.begin(), statement.changes.end(),
                     [&](const SchemaChange& c) { return c.kind == Kind::SetNotNull && c.name == column; });
}

/// ALTER COLUMN c ADD GENERATED ... AS IDENTITY on a column history left nullable.
void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != Kind::SetIdentity || change.column.identity == Identity::None) return;
  const TableModel* table = ctx.catalog.table(change.table);
  const ColumnModel* column = table ? table->column(change.name) : nullptr;
  // A primary key's columns are NOT NULL in the model, as in PostgreSQL.
  if (!column || column->not_null || sets_not_null(ctx.statement, change.name)) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("PostgreSQL and DSQL add an identity only to a NOT NULL column, and column {} of table {} "
                         "allows nulls",
                         change.name, table->name))
      .help(fmt::format("set the column NOT NULL in a statement before this one (ALTER TABLE {} ALTER COLUMN {} SET "
                        "NOT NULL; on DSQL apply rebuilds the table for it), then add the identity",
                        table->name, change.name));
}

const RuleRegistrar kRule{{
    .id = "identity-nullable-column",
    .summary = "ADD GENERATED ... AS IDENTITY on a column that allows nulls",
    .klass = StatementClass::Unsupported,
    .changes = {Kind::SetIdentity},
    .targets = Targets::All,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
