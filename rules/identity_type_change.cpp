#include <fmt/format.h>

#include "catalog/table_ops.h"
#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != SchemaChange::Kind::AlterColumnType || is_integer_type(change.column.type->name)) return;
  const TableModel* table = ctx.catalog.table(change.table);
  const ColumnModel* column = table ? table->column(change.name) : nullptr;
  // A serial is an identity on DSQL, but PostgreSQL lets its default go with any type, and
  // Drizzle retypes one so (SET DATA TYPE text, then DROP DEFAULT): serial-type's to judge.
  if (!column || column->identity == Identity::None || is_serial(column->type->name)) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("PostgreSQL and DSQL refuse to make identity column {} of table {} {}: an identity column "
                         "is smallint, integer or bigint",
                         change.name, display_key(change.table), change.column.type->sql))
      .help(fmt::format("drop the identity in an ALTER TABLE before this one (ALTER TABLE {} ALTER COLUMN {} DROP "
                        "IDENTITY), then change the type; rows inserted after that must give the column a value",
                        table->name, change.name));
}

const RuleRegistrar kRule{{
    .id = "identity-type-change",
    .summary = "ALTER COLUMN ... TYPE of an identity column to a type that is not an integer",
    .klass = StatementClass::Unsupported,
    .changes = {SchemaChange::Kind::AlterColumnType},
    .targets = Targets::All,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
