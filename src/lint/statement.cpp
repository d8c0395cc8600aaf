#include "lint/statement.h"

#include <algorithm>

namespace dsqlint {

const std::vector<Token>& Statement::tokens() const {
  if (tokens_) return *tokens_;
  std::vector<Token>& out = tokens_.emplace();
  Lexer lexer(file_.text, parsed_.span.begin, parsed_.span.end);
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant())
    out.push_back(token);
  return out;
}

std::optional<Token> Statement::find_word(std::string_view keyword, uint32_t from) const {
  Lexer lexer(file_.text, std::max(from, parsed_.span.begin), parsed_.span.end);
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant())
    if (is_word(file_.text, token, keyword)) return token;
  return std::nullopt;
}

Span Statement::word_or_start(std::string_view keyword) const {
  if (const auto token = find_word(keyword)) return token->span;
  Lexer lexer(file_.text, parsed_.span.begin, parsed_.span.end);
  return lexer.next_significant().span;
}

}  // namespace dsqlint
