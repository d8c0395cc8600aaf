#include <fmt/format.h>

#include "catalog/table_ops.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  // Without sequences, identity-cache-missing reports identity columns as unsupported.
  if (!ctx.target.supports(Feature::Sequences)) return;
  for (const IdentityColumn& column : identity_columns(stmt)) {
    // ADD GENERATED names no type; the column's type is in an earlier statement.
    if (!column.column || !is_narrow_integer_type(column.column->typeName)) continue;
    const Span span = type_span(stmt, column.column->typeName);
    out.report(stmt, StatementClass::Rewrite,
               fmt::format("DSQL rejects identity column {} of table {} because its type is {}, not bigint",
                           column.name, display_name(column.table), stmt.file().slice(span)))
        .at(span)
        .help(
            "declare the column bigint; apply runs it as bigint, and code that reads the value as a 32-bit "
            "integer must widen it")
        .fix(Applicability::Unsafe, "change the type to bigint", {Edit{span, "bigint"}});
  }
}

/// ALTER COLUMN c ADD GENERATED ... AS IDENTITY names no type: the column's comes from history.
void state(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != SchemaChange::Kind::SetIdentity || change.column.identity == Identity::None) return;
  if (!ctx.target.supports(Feature::Sequences)) return;
  const TableModel* table = ctx.catalog.table(change.table);
  const ColumnModel* column = table ? table->column(change.name) : nullptr;
  // Unknown, already bigint, or a serial (an identity on DSQL already).
  if (!column || column->type->name.empty() || column->type->name == "int8" || is_serial(column->type->name)) return;
  if (column->type->name != "int4" && column->type->name != "int2") {
    out.report(change.span, StatementClass::Unsupported,
               fmt::format("PostgreSQL and DSQL add an identity only to an integer column, and column {} of table {} "
                           "is {}",
                           change.name, table->name, column->type->sql))
        .help(fmt::format("add a new column for the identity instead (ALTER TABLE {} ADD COLUMN ... bigint GENERATED "
                          "BY DEFAULT AS IDENTITY (CACHE 1))",
                          table->name));
    return;
  }
  // A rebuild cannot carry ADD IDENTITY: the column must be bigint before the statement.
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("DSQL adds an identity only to a bigint column, and column {} of table {} is {}",
                         change.name, table->name, column->type->name == "int4" ? "integer" : "smallint"))
      .help(fmt::format("change the column to bigint in a statement before this one (ALTER TABLE {} ALTER COLUMN {} "
                        "SET DATA TYPE bigint; apply rebuilds the table for it), then add the identity",
                        table->name, change.name));
}

const RuleRegistrar kRule{{
    .id = "identity-non-bigint",
    .summary = "identity column that is not bigint",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateStmt},
    .changes = {SchemaChange::Kind::SetIdentity},
    .check = &check,
    .state = &state,
}};

}  // namespace
}  // namespace dsqlint::rules
