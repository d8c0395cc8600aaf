#pragma once
#include <string_view>

#include "core/span.h"

namespace dsqlint {

/// PostgreSQL's lexical classes, as far as dsqlint needs them: enough to find statement
/// boundaries, comments, keywords and clause positions without misreading strings,
/// quoted identifiers, dollar quotes or nested comments. The grammar itself is
/// libpg_query's; this lexer never decides what a statement means.
enum class TokenKind {
  Word,          ///< unquoted identifier or keyword
  QuotedIdent,   ///< "..."
  String,        ///< '...', E'...', and prefixed forms
  DollarString,  ///< $tag$...$tag$
  Number,
  Param,         ///< $1
  Semicolon,
  LParen,
  RParen,
  Comma,
  Dot,
  Operator,      ///< any other punctuation, one character at a time
  Backslash,     ///< starts a psql meta-command when outside any literal
  LineComment,   ///< -- ...
  BlockComment,  ///< /* ... */ (nested)
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  Span span;
  bool unterminated = false;  ///< a literal or comment that runs to the end of input

  bool is_comment() const { return kind == TokenKind::LineComment || kind == TokenKind::BlockComment; }
};

/// Splits text[begin, end) into tokens, whitespace skipped.
class Lexer {
 public:
  Lexer(std::string_view text, uint32_t begin, uint32_t end) : text_(text), pos_(begin), end_(end) {}
  explicit Lexer(std::string_view text) : Lexer(text, 0, static_cast<uint32_t>(text.size())) {}

  Token next();              ///< the next token, comments included
  /// The next token that is not a comment; inline, as rules scan token by token.
  Token next_significant() {
    Token token = next();
    while (token.is_comment()) token = next();
    return token;
  }
  uint32_t position() const { return pos_; }
  void seek(uint32_t offset) { pos_ = offset; }

 private:
  Token lex_string(uint32_t start, bool backslash_escapes);
  Token lex_quoted_ident(uint32_t start);
  Token lex_dollar(uint32_t start);
  Token lex_block_comment(uint32_t start);
  Token lex_word(uint32_t start);
  Token lex_number(uint32_t start);
  Token make(TokenKind kind, uint32_t start, bool unterminated = false);

  std::string_view text_;
  uint32_t pos_;
  uint32_t end_;
};

/// Case-insensitive comparison of an unquoted word token with an upper-case keyword.
/// Inline: rules call it on every token they scan, and most tokens fail the first test.
/// ASCII upper case: keywords are ASCII, and no byte of a multibyte character matches one.
inline bool is_word(std::string_view text, const Token& token, std::string_view keyword) {
  if (token.kind != TokenKind::Word || token.span.size() != keyword.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i) {
    const char c = text[token.span.begin + i];
    if ((c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c) != keyword[i]) return false;
  }
  return true;
}

/// Offset of the first token at or after `offset` that is not whitespace or a comment.
uint32_t skip_trivia(std::string_view text, uint32_t offset, uint32_t end);

}  // namespace dsqlint
