#include "parse/do_block.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>
#include <simdjson.h>

#include "parse/lexer.h"
#include "parse/pg.h"

extern "C" {
#include <pg_query.h>
}

namespace dsqlint {

namespace {

using simdjson::dom::element;

/// The member `key` of an object, if it has one.
std::optional<element> member(element object, const char* key) {
  element out;
  if (object[key].get(out) != simdjson::SUCCESS) return std::nullopt;
  return out;
}

std::string text_of(std::optional<element> value) {
  std::string_view out;
  if (!value || value->get(out) != simdjson::SUCCESS) return {};
  return std::string(out);
}

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

void read_handlers(element block, DoBlock& out) {
  const auto handlers = member(block, "exceptions");
  if (!handlers) return;
  simdjson::dom::array list;
  if ((*handlers)["PLpgSQL_exception_block"]["exc_list"].get(list) != simdjson::SUCCESS) return;
  for (element handler : list) {
    const auto exception = member(handler, "PLpgSQL_exception");
    if (!exception) continue;
    simdjson::dom::array conditions;
    if ((*exception)["conditions"].get(conditions) == simdjson::SUCCESS)
      for (element condition : conditions)
        if (const auto named = member(condition, "PLpgSQL_condition"))
          out.exception_conditions.push_back(text_of(member(*named, "condname")));
    simdjson::dom::array action;
    if ((*exception)["action"].get(action) == simdjson::SUCCESS && action.size() > 0) out.handlers_do_nothing = false;
  }
}

void read_statements(element body, const Body& source, DoBlock& out, size_t& search_from) {
  simdjson::dom::array items;
  if (body.get(items) != simdjson::SUCCESS) return;
  for (element item : items) {
    if (const auto execsql = member(item, "PLpgSQL_stmt_execsql")) {
      std::string_view query;
      if ((*execsql)["sqlstmt"]["PLpgSQL_expr"]["query"].get(query) != simdjson::SUCCESS) query = {};
      const size_t at = source.text.find(query, search_from);
      DoBlockSql sql{std::string(query), 0};
      if (at != std::string::npos && source.offset != 0) {
        sql.offset = source.offset + static_cast<uint32_t>(at);
        search_from = at + query.size();
      }
      out.sql.push_back(std::move(sql));
    } else if (const auto guard = member(item, "PLpgSQL_stmt_if");
               guard && items.size() <= 2 && out.sql.empty() && out.if_condition.empty() &&
               !member(*guard, "elsif_list") && !member(*guard, "else_body")) {
      // Drizzle's IF NOT EXISTS (SELECT ... FROM pg_type ...) THEN <ddl>; END IF guard.
      std::string_view condition;
      if ((*guard)["cond"]["PLpgSQL_expr"]["query"].get(condition) == simdjson::SUCCESS) out.if_condition = condition;
      if (const auto then = member(*guard, "then_body")) read_statements(*then, source, out, search_from);
      if (out.if_condition.empty()) out.only_sql = false;
    } else if (const auto block = member(item, "PLpgSQL_stmt_block")) {
      if (const auto inner = member(*block, "body")) read_statements(*inner, source, out, search_from);
      read_handlers(*block, out);
    } else if (!member(item, "PLpgSQL_stmt_return")) {
      out.only_sql = false;
    }
  }
}

/// The PL/pgSQL words that begin a procedural statement, not a SQL one.
bool procedural_word(std::string_view text, const Token& token) {
  // A constant array: a braced list of views would measure each word with strlen per call.
  static constexpr std::string_view kWords[] = {
      "PERFORM", "RAISE", "IF",     "CASE",   "LOOP",  "WHILE",   "FOR",    "FOREACH",  "EXIT",
      "CONTINUE", "RETURN", "EXECUTE", "GET", "OPEN", "FETCH", "MOVE", "CLOSE", "NULL",
      "ASSERT", "BEGIN", "DECLARE", "COMMIT", "ROLLBACK", "CALL", "DO"};
  for (const std::string_view word : kWords)
    if (is_word(text, token, word)) return true;
  return false;
}

/// The one form Drizzle and hand-written migrations wrap a statement in, read without
/// compiling PL/pgSQL: BEGIN <sql>; [EXCEPTION WHEN name [OR name ...] THEN NULL;] END [;].
/// The SQL is parsed by PostgreSQL's parser. Anything else (DECLARE, labels, procedural
/// statements, handlers that do something) is nullopt: the PL/pgSQL parser reads it.
std::optional<DoBlock> read_simple_block(const Body& body) {
  const std::string_view text(body.text);
  Lexer lexer(text);
  const auto next = [&] { return lexer.next_significant(); };
  Token token = next();
  if (!is_word(text, token, "BEGIN")) return std::nullopt;
  token = next();
  if (token.kind != TokenKind::Word || procedural_word(text, token)) return std::nullopt;
  const uint32_t begin = token.span.begin;
  uint32_t end = token.span.end;
  int depth = 0;
  for (; token.kind != TokenKind::End && !(token.kind == TokenKind::Semicolon && depth == 0); token = next()) {
    if (token.unterminated) return std::nullopt;
    depth += token.kind == TokenKind::LParen ? 1 : token.kind == TokenKind::RParen ? -1 : 0;
    end = token.span.end;
  }
  if (token.kind != TokenKind::Semicolon) return std::nullopt;
  DoBlock out{.parsed = true};
  out.sql.push_back(DoBlockSql{std::string(text.substr(begin, end - begin)), body.offset ? body.offset + begin : 0});
  token = next();
  if (is_word(text, token, "EXCEPTION")) {
    if (!is_word(text, next(), "WHEN")) return std::nullopt;
    for (token = next(); token.kind == TokenKind::Word; token = next()) {
      std::string name(text.substr(token.span.begin, token.span.size()));
      for (char& c : name) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;  // as tolower in "C"
      out.exception_conditions.push_back(std::move(name));
      if (token = next(); !is_word(text, token, "OR")) break;
    }
    if (!is_word(text, token, "THEN") || !is_word(text, next(), "NULL") || next().kind != TokenKind::Semicolon)
      return std::nullopt;
    token = next();
  }
  if (!is_word(text, token, "END")) return std::nullopt;
  token = next();
  if (token.kind == TokenKind::Semicolon) token = next();
  if (token.kind != TokenKind::End) return std::nullopt;
  return out;
}

}  // namespace

DoBlock read_do_block(ParsedFile& parsed, const SourceFile& file, const ParsedStatement& statement) {
  DoBlock out;
  const Body body_text = find_body(file, statement, out.language);
  if (out.language != "plpgsql") return out;
  if (auto simple = read_simple_block(body_text)) return std::move(*simple);
  // pg_query_parse_plpgsql reads a CREATE FUNCTION; wrap the body in one. A dollar tag
  // that cannot occur in the body keeps its text intact.
  std::string tag = "$dsqlint$";
  while (body_text.text.find(tag) != std::string::npos) tag.insert(1, "x");
  const std::string wrapped = "CREATE FUNCTION dsqlint_do() RETURNS void LANGUAGE plpgsql AS " + tag + body_text.text + tag;
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(wrapped.c_str());
  parsed.renew_memory();
  if (result.error) {
    out.error = result.error->message;
  } else {
    thread_local simdjson::dom::parser parser;
    element functions;
    element body;
    if (parser.parse(result.plpgsql_funcs, std::strlen(result.plpgsql_funcs)).get(functions) == simdjson::SUCCESS &&
        functions.at(0)["PLpgSQL_function"]["action"]["PLpgSQL_stmt_block"]["body"].get(body) == simdjson::SUCCESS) {
      out.parsed = true;
      size_t search_from = 0;
      read_statements(body, body_text, out, search_from);
    }
  }
  pg_query_free_plpgsql_parse_result(result);
  return out;
}

}  // namespace dsqlint
