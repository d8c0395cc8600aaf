#include "apply/index_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

/// What becomes of an INVALID index that a failed step leaves behind.
std::string fate(const BuiltIndex& index, const FoundIndex& found, bool dropped) {
  if (dropped) return "apply dropped it, as PostgreSQL chose its name and a later run could not find it";
  if (!index.name.empty()) return "the next 'dsqlint apply' drops it and builds it again";
  return "drop it (DROP INDEX " + found.name + ") before running 'dsqlint apply' again";
}

}  // namespace

QueryResult IndexCheck::table_indexes() {
  if (index_.table.empty()) return {};
  return session_.exec_params(
      "SELECT c.relname, i.indisvalid AND i.indisready, n.nspname FROM pg_catalog.pg_index i "
      "JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE i.indrelid = to_regclass($1) ORDER BY c.relname",
      {quote_key(index_.table)});
}

FoundIndex IndexCheck::found(const Row& row) const {
  return {.name = quote_identifier(row[2].value_or("")) + "." + quote_identifier(row[0].value_or("")),
          .valid = row[1] == "t"};
}

IndexLookup IndexCheck::existing() {
  if (index_.name.empty()) return {};
  QueryResult indexes = table_indexes();
  if (!indexes.ok()) return {.failure = std::move(indexes)};
  for (const Row& row : indexes.rows)
    if (row[0] == index_.name) return {.found = found(row)};
  return {};
}

QueryResult IndexCheck::remember() {
  if (!index_.name.empty()) return {};
  QueryResult indexes = table_indexes();
  before_.clear();
  for (const Row& row : indexes.rows) before_.push_back(row[0].value_or(""));
  return indexes;
}

IndexLookup IndexCheck::built() {
  if (!index_.name.empty()) return existing();
  QueryResult indexes = table_indexes();
  if (!indexes.ok()) return {.failure = std::move(indexes)};
  for (const Row& row : indexes.rows)
    if (std::find(before_.begin(), before_.end(), row[0].value_or("")) == before_.end()) return {.found = found(row)};
  return {};
}

QueryResult invalid_index_failure(const BuiltIndex& index, const FoundIndex& found, bool dropped,
                                  const std::optional<std::string>& job) {
  return QueryResult{
      .sqlstate = "55000",
      .message = fmt::format("index {} on table {} is INVALID after its build{}{}: {}", found.name,
                             quote_key(index.table), job ? " by index job " + *job : "",
                             index.unique ? " (a unique index's build fails on duplicate values)" : "",
                             fate(index, found, dropped))};
}

QueryResult with_leftover(QueryResult failure, const BuiltIndex& index, const FoundIndex& found, bool dropped) {
  failure.message +=
      fmt::format("\nthe failed build left index {} INVALID: {}", found.name, fate(index, found, dropped));
  return failure;
}

std::string index_remedy(const BuiltIndex& index, const QueryResult& failure) {
  if (failure.sqlstate != "23505" && failure.sqlstate != "55000") return "";
  if (!index.unique) return "find why the build failed (on Aurora DSQL: the index job's row in sys.jobs) and fix it";
  const auto expression = [](const std::string& column) { return column.empty(); };
  if (index.columns.empty() || std::any_of(index.columns.begin(), index.columns.end(), expression))
    return "remove the rows whose index key values are duplicated";
  std::string columns;
  for (const std::string& column : index.columns) columns += (columns.empty() ? "" : ", ") + quote_identifier(column);
  return fmt::format("remove the duplicate values, found with SELECT {0}, count(*) FROM {1} GROUP BY {0} HAVING "
                     "count(*) > 1",
                     columns, quote_key(index.table));
}

}  // namespace dsqlint
