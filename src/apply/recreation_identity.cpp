#include "apply/recreation_identity.h"

#include <nlohmann/json.hpp>

#include "apply/recreation_copy.h"
#include "plan/recreation_spec.h"
#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

constexpr const char* kSwappedKey = "swapped";

Error read_error(const std::string& what, const QueryResult& answer, const std::string& nothing) {
  return Error{answer.ok() ? nothing : what + " failed: " + answer.sqlstate + " " + answer.message};
}

}  // namespace

Result<std::string> identity_sequence_name(Session& session, const std::string& schema, const std::string& table,
                                           const std::string& column) {
  const QueryResult answer = session.exec_params(
      "SELECT relname FROM pg_catalog.pg_class WHERE oid = pg_catalog.pg_get_serial_sequence($1, $2)::regclass",
      {qualified_name(schema, table), column});
  const std::string of = qualified_name(schema, table) + "." + quote_identifier(column);
  if (!answer.ok() || !answer.scalar())
    return read_error("reading the name of the sequence of " + of, answer, of + " has no sequence");
  return *answer.scalar();
}

Result<std::string> identity_next_value(Session& session, const std::string& schema, const std::string& table,
                                        const std::string& column) {
  const Result<std::string> sequence = identity_sequence_name(session, schema, table, column);
  if (!sequence) return sequence;
  const std::string name = qualified_name(schema, *sequence);
  // NULL when the sequence is used up (or would cycle): RESTART WITH cannot say that.
  const QueryResult answer = session.exec(
      "SELECT CASE WHEN NOT s.is_called THEN s.last_value WHEN s.last_value + q.seqincrement BETWEEN q.seqmin AND "
      "q.seqmax THEN s.last_value + q.seqincrement END FROM " + name + " s, pg_catalog.pg_sequence q "
      "WHERE q.seqrelid = " + quote_literal(name) + "::regclass");
  if (!answer.ok() || !answer.scalar())
    return read_error("reading where sequence " + name + " stands", answer, "sequence " + name + " has no next value");
  return *answer.scalar();
}

std::string swapped_cursor(const SequenceNames& names) {
  if (names.empty()) return std::string(kSwappedCursor);
  return nlohmann::json{{kSwappedKey, names}}.dump();
}

bool is_swapped_cursor(const std::optional<std::string>& cursor) {
  if (!cursor) return false;
  if (*cursor == kSwappedCursor) return true;
  const nlohmann::json json = nlohmann::json::parse(*cursor, nullptr, false);
  return json.is_object() && json.contains(kSwappedKey) && json[kSwappedKey].is_object();
}

SequenceNames swapped_sequence_names(const std::optional<std::string>& cursor) {
  if (!is_swapped_cursor(cursor) || *cursor == kSwappedCursor) return {};
  const nlohmann::json json = nlohmann::json::parse(*cursor);
  SequenceNames names;
  for (const auto& [column, name] : json[kSwappedKey].items())
    if (name.is_string()) names[column] = name.get<std::string>();
  return names;
}

}  // namespace dsqlint
