#include "apply/recreation_guard.h"

#include <algorithm>

#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + quote_identifier(name);
  return out;
}

}  // namespace

Result<std::optional<std::string>> unknown_columns(Session& session, const RecreationSpec& spec) {
  const QueryResult answer = session.exec_params(
      "SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
      {spec.schema, spec.table});
  if (!answer.ok()) return Error{"cannot read the columns of " + spec.table + ": " + answer.sqlstate + " " + answer.message};
  std::vector<std::string> live;
  for (const Row& row : answer.rows) live.push_back(row[0].value_or(""));
  const auto absent_from = [](const std::vector<std::string>& names, const std::vector<std::string>& from) {
    std::vector<std::string> out;
    for (const std::string& name : names)
      if (std::find(from.begin(), from.end(), name) == from.end()) out.push_back(name);
    return out;
  };
  const std::string table = quote_identifier(spec.schema) + "." + quote_identifier(spec.table);
  if (const auto unknown = absent_from(live, spec.source_columns); !unknown.empty())
    return std::optional<std::string>(
        "table " + table + " has columns the migrations do not give it (" + listed(unknown) +
        "): it was changed outside them, or made LIKE a table they do not create. The rebuild would leave them out "
        "and their values would be lost; nothing was changed. Add the columns to the migrations, before this statement "
        "(ALTER TABLE ... ADD COLUMN IF NOT EXISTS ...), or drop them from the table if they are not needed");
  if (const auto missing = absent_from(spec.source_columns, live); !missing.empty())
    return std::optional<std::string>("table " + table + " lacks columns the migrations give it (" + listed(missing) +
                                      "): it was changed outside them; nothing was changed");
  return std::optional<std::string>();
}

}  // namespace dsqlint
