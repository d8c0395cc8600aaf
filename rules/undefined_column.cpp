#include <algorithm>

#include <fmt/format.h>

#include "lint/file_result.h"
#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

using Kind = SchemaChange::Kind;

/// Whether the change names a column of its own table: `missing` is asked of each, and
/// the first it says yes to is returned. Expressions (CHECK, index expressions, defaults)
/// are not read: their names may be functions' or other tables'. No list is built: most
/// changes are CREATE INDEX, and nearly all find their columns.
template <typename Missing>
const std::string* first_missing(const SchemaChange& change, Missing missing) {
  const auto among = [&](const std::vector<std::string>& names) -> const std::string* {
    for (const std::string& name : names)
      if (missing(name)) return &name;
    return nullptr;
  };
  switch (change.kind) {
    case Kind::DropColumn:
      if (change.replace) return nullptr;  // IF EXISTS
      [[fallthrough]];
    case Kind::AlterColumnType:
    case Kind::SetColumnDefault:
    case Kind::SetNotNull:
    case Kind::DropNotNull:
    case Kind::SetIdentity:
    case Kind::SetStorage:
    case Kind::DropExpression:
    case Kind::RenameColumn: return missing(change.name) ? &change.name : nullptr;
    case Kind::CreateIndex:
      for (const IndexKeyModel& key : change.index.keys)
        if (!key.column.empty() && missing(key.column)) return &key.column;
      return among(change.index.extra->include);
    case Kind::AddConstraint:
      if (change.constraint.kind == ConstraintKind::Check || change.constraint.kind == ConstraintKind::Exclusion)
        return nullptr;
      if (const std::string* name = among(change.constraint.columns)) return name;
      return among(change.constraint.include);
    default: return nullptr;
  }
}

/// Whether the statement adds `column` to `table` itself (ALTER TABLE t ADD COLUMN c, ADD UNIQUE (c)).
bool added_by(const StatementResult& statement, const std::string& table, const std::string& column) {
  return std::any_of(statement.changes.begin(), statement.changes.end(), [&](const SchemaChange& c) {
    return c.kind == Kind::AddColumn && c.table == table && c.name == column;
  });
}

/// A few of the table's columns, to spot a misspelt name by.
std::string some_columns(const TableModel& table) {
  std::string out;
  for (size_t i = 0; i < table.columns.size() && i < 6; ++i) out += (i ? ", " : "") + table.columns[i].name;
  return table.columns.size() > 6 ? out + ", ..." : out;
}

void report_missing(const SchemaChange& change, const TableModel& table, const std::string& column, Findings& out) {
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("table {} has no column {} as the earlier migrations leave it (42703 undefined_column on "
                         "PostgreSQL and DSQL); it has {}",
                         table.name, column, some_columns(table)))
      .help("when another branch of the migrations renamed or dropped the column, follow that; otherwise check the "
            "name, or write IF EXISTS where the column may be gone");
}

/// A change that needs a column its table (one the migrations create) does not have.
void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (guarded(ctx.statement)) return;
  if (const TableModel* table = ctx.catalog.table(change.table)) {
    const auto missing = [&](const std::string& column) {
      return !column.empty() && !table->column(column) && !added_by(ctx.statement, change.table, column);
    };
    if (const std::string* column = first_missing(change, missing)) return report_missing(change, *table, *column, out);
  }
  // A foreign key also needs the columns it points at.
  if (change.kind != Kind::AddConstraint || change.constraint.kind != ConstraintKind::ForeignKey) return;
  const ForeignKeyModel& references = *change.constraint.references;
  const TableModel* target = ctx.catalog.table(references.table);
  if (!target) return;
  for (const std::string& column : references.columns)
    if (!target->column(column) && !added_by(ctx.statement, references.table, column))
      return report_missing(change, *target, column, out);
}

const RuleRegistrar kRule{{
    .id = "undefined-column",
    .summary = "a change to, an index on or a key over a column the table does not have",
    .klass = StatementClass::Unsupported,
    .changes = {Kind::DropColumn, Kind::AlterColumnType, Kind::SetColumnDefault, Kind::SetNotNull, Kind::DropNotNull,
                Kind::SetIdentity, Kind::SetStorage, Kind::DropExpression, Kind::RenameColumn, Kind::CreateIndex,
                Kind::AddConstraint},
    .targets = Targets::All,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
