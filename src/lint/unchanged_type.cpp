#include "lint/unchanged_type.h"

#include <algorithm>

#include "lint/state_helpers.h"

namespace dsqlint {

namespace {

constexpr std::string_view kRule = "alter-column-type";

bool unchanged(const SchemaChange& change, const Catalog& catalog) {
  if (change.kind != SchemaChange::Kind::AlterColumnType || !change.expression_sql.empty()) return false;
  const TableModel* table = catalog.table(change.table);
  const ColumnModel* column = table ? table->column(change.name) : nullptr;
  return column && column->type->sql == change.column.type->sql &&
         column->extra->collation == change.column.extra->collation;
}

}  // namespace

void skip_unchanged_types(StatementResult& statement, const Catalog& catalog) {
  if (statement.klass != StatementClass::Recreation || statement.changes.empty() ||
      !std::all_of(statement.changes.begin(), statement.changes.end(),
                   [&](const SchemaChange& change) { return unchanged(change, catalog); }))
    return;
  const auto rebuild = std::find_if(statement.findings.begin(), statement.findings.end(),
                                    [](const Finding& f) { return f.rule == kRule; });
  if (rebuild == statement.findings.end()) return;
  const SchemaChange& first = statement.changes.front();
  Finding skip = std::move(*rebuild);
  statement.findings.erase(rebuild);
  skip.klass = StatementClass::Strip;
  skip.severity = default_severity(StatementClass::Strip);
  skip.message = "column " + first.name + " of table " + display_key(first.table) + " has type " +
                 first.column.type->sql + " already" + (statement.changes.size() > 1 ? ", as have the others" : "") +
                 ": the statement changes nothing, so apply skips it rather than rebuild the table";
  skip.help = "delete the statement";
  statement.findings.push_back(std::move(skip));
  statement.klass = StatementClass::Ok;
  for (const Finding& f : statement.findings) statement.klass = std::max(statement.klass, f.klass);
  statement.rewritten.clear();
  statement.runs_as_written = false;
}

}  // namespace dsqlint
