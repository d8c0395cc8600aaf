#include "parse/do_block.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "parse/pg.h"

extern "C" {
#include <pg_query.h>
}

namespace dsqlint {

namespace {

using nlohmann::json;

/// The body string of a DO statement and the file offset where its bytes start (0 when
/// the literal has escapes, so its bytes differ from the file's).
struct Body {
  std::string text;
  uint32_t offset = 0;
};

Body find_body(const SourceFile& file, const ParsedStatement& statement, std::string& language) {
  Body body;
  const auto* stmt = castNode(DoStmt, statement.node);
  ListCell* cell;
  foreach (cell, stmt->args) {
    const auto* option = lfirst_node(DefElem, cell);
    if (std::string_view(option->defname) == "language") language = strVal(option->arg);
    if (std::string_view(option->defname) != "as") continue;
    body.text = strVal(option->arg);
    const uint32_t at = statement.base + static_cast<uint32_t>(option->location);
    const std::string_view text(file.text);
    if (at < text.size() && text[at] == '$') {
      const size_t close = text.find('$', at + 1);
      if (close != std::string_view::npos && text.substr(close + 1, body.text.size()) == body.text)
        body.offset = static_cast<uint32_t>(close + 1);
    } else if (at < text.size() && text.substr(at + 1, body.text.size()) == body.text) {
      body.offset = at + 1;
    }
  }
  return body;
}

void read_statements(const json& body, const Body& source, DoBlock& out, size_t& search_from) {
  for (const json& item : body) {
    if (item.contains("PLpgSQL_stmt_execsql")) {
      std::string query = item["PLpgSQL_stmt_execsql"]["sqlstmt"]["PLpgSQL_expr"].value("query", "");
      const size_t at = source.text.find(query, search_from);
      DoBlockSql sql{query, 0};
      if (at != std::string::npos && source.offset != 0) {
        sql.offset = source.offset + static_cast<uint32_t>(at);
        search_from = at + query.size();
      }
      out.sql.push_back(std::move(sql));
    } else if (item.contains("PLpgSQL_stmt_block")) {
      const json& block = item["PLpgSQL_stmt_block"];
      if (block.contains("body")) read_statements(block["body"], source, out, search_from);
      if (!block.contains("exceptions")) continue;
      for (const json& handler : block["exceptions"]["PLpgSQL_exception_block"]["exc_list"]) {
        const json& exception = handler["PLpgSQL_exception"];
        for (const json& condition : exception["conditions"])
          out.exception_conditions.push_back(condition["PLpgSQL_condition"].value("condname", ""));
        if (exception.contains("action") && !exception["action"].empty()) out.handlers_do_nothing = false;
      }
    } else if (!item.contains("PLpgSQL_stmt_return")) {
      out.only_sql = false;
    }
  }
}

}  // namespace

DoBlock read_do_block(ParsedFile& parsed, const SourceFile& file, const ParsedStatement& statement) {
  DoBlock out;
  const Body body = find_body(file, statement, out.language);
  if (out.language != "plpgsql") return out;
  // pg_query_parse_plpgsql reads a CREATE FUNCTION; wrap the body in one. A dollar tag
  // that cannot occur in the body keeps its text intact.
  std::string tag = "$dsqlint$";
  while (body.text.find(tag) != std::string::npos) tag.insert(1, "x");
  const std::string wrapped = "CREATE FUNCTION dsqlint_do() RETURNS void LANGUAGE plpgsql AS " + tag + body.text + tag;
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(wrapped.c_str());
  parsed.renew_memory();
  if (result.error) {
    out.error = result.error->message;
  } else {
    const json functions = json::parse(result.plpgsql_funcs, nullptr, false);
    if (!functions.is_discarded() && !functions.empty()) {
      out.parsed = true;
      size_t search_from = 0;
      read_statements(functions[0]["PLpgSQL_function"]["action"]["PLpgSQL_stmt_block"]["body"], body, out,
                      search_from);
    }
  }
  pg_query_free_plpgsql_parse_result(result);
  return out;
}

}  // namespace dsqlint
