#include "plan/dsql_local.h"

#include <vector>

#include "parse/lexer.h"

namespace dsqlint {

LocalStatement translate_for_postgres(std::string_view sql) {
  std::vector<Token> words;  // the first significant tokens decide
  Lexer lexer(sql);
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End && words.size() < 6;
       token = lexer.next_significant())
    words.push_back(token);
  const auto word = [&](size_t i, std::string_view keyword) { return i < words.size() && is_word(sql, words[i], keyword); };
  if (word(0, "AWS") && word(1, "IAM"))
    return {std::nullopt, "IAM role mappings exist only on DSQL"};
  if (word(0, "CALL") && word(1, "SYS") && words.size() > 2 && words[2].kind == TokenKind::Dot && word(3, "WAIT_FOR_JOB"))
    return {std::nullopt, "index jobs exist only on DSQL; PostgreSQL builds the index in its statement"};
  // CREATE [UNIQUE] INDEX ASYNC ... / ALTER TABLE ASYNC ...: drop the one keyword.
  size_t async = 0;
  if (word(0, "CREATE") && word(1, "INDEX") && word(2, "ASYNC")) async = 2;
  if (word(0, "CREATE") && word(1, "UNIQUE") && word(2, "INDEX") && word(3, "ASYNC")) async = 3;
  if (word(0, "ALTER") && word(1, "TABLE") && word(2, "ASYNC")) async = 2;
  if (async == 0) return {std::string(sql), ""};
  const Span span = words[async].span;
  size_t end = span.end;
  while (end < sql.size() && (sql[end] == ' ' || sql[end] == '\t')) ++end;  // no double space left behind
  std::string out(sql.substr(0, span.begin));
  out += sql.substr(end);
  return {out, ""};
}

}  // namespace dsqlint
