#include "parse/lexer.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace dsqlint {

namespace {

enum CharClass : uint8_t { kSpace = 1, kIdentStart = 2, kDigit = 4, kDollar = 8 };

/// Each byte's classes, looked up once per byte of every statement the rules tokenize.
constexpr auto kClasses = [] {
  std::array<uint8_t, 256> table{};
  for (const char c : {' ', '\t', '\n', '\r', '\f', '\v'}) table[static_cast<unsigned char>(c)] = kSpace;
  // PostgreSQL's scanner: ASCII letters, '_' and every byte of a multibyte character.
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kIdentStart;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kIdentStart;
  for (int c = 0x80; c <= 0xFF; ++c) table[c] = kIdentStart;
  table['_'] = kIdentStart;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  table['$'] = kDollar;
  return table;
}();

bool has_class(char c, uint8_t classes) { return (kClasses[static_cast<unsigned char>(c)] & classes) != 0; }
bool is_space(char c) { return has_class(c, kSpace); }
bool is_ident_start(char c) { return has_class(c, kIdentStart); }
bool is_digit(char c) { return has_class(c, kDigit); }
bool is_ident_char(char c) { return has_class(c, kIdentStart | kDigit | kDollar); }

}  // namespace

Token Lexer::make(TokenKind kind, uint32_t start, bool unterminated) {
  return Token{kind, Span{start, pos_}, unterminated};
}

Token Lexer::next() {
  while (pos_ < end_ && is_space(text_[pos_])) ++pos_;
  if (pos_ >= end_) return Token{TokenKind::End, Span{end_, end_}};
  const uint32_t start = pos_;
  const char c = text_[pos_];
  const char n = pos_ + 1 < end_ ? text_[pos_ + 1] : '\0';
  if (c == '-' && n == '-') {
    while (pos_ < end_ && text_[pos_] != '\n') ++pos_;
    return make(TokenKind::LineComment, start);
  }
  if (c == '/' && n == '*') return lex_block_comment(start);
  if (c == '\'') return lex_string(start, false);
  if (c == '"') return lex_quoted_ident(start);
  if (c == '$') return lex_dollar(start);
  if ((c == 'e' || c == 'E') && n == '\'') {
    ++pos_;
    return lex_string(start, true);
  }
  if (is_ident_start(c)) return lex_word(start);
  if (is_digit(c) || (c == '.' && is_digit(n))) return lex_number(start);
  ++pos_;
  switch (c) {
    case ';': return make(TokenKind::Semicolon, start);
    case '(': return make(TokenKind::LParen, start);
    case ')': return make(TokenKind::RParen, start);
    case ',': return make(TokenKind::Comma, start);
    case '.': return make(TokenKind::Dot, start);
    case '\\': return make(TokenKind::Backslash, start);
    default: return make(TokenKind::Operator, start);
  }
}

Token Lexer::lex_string(uint32_t start, bool backslash_escapes) {
  ++pos_;  // opening quote
  while (pos_ < end_) {
    const char c = text_[pos_++];
    if (backslash_escapes && c == '\\') {
      ++pos_;
    } else if (c == '\'') {
      if (pos_ < end_ && text_[pos_] == '\'') {
        ++pos_;  // '' is an escaped quote
      } else {
        return make(TokenKind::String, start);
      }
    }
  }
  pos_ = end_;
  return make(TokenKind::String, start, true);
}

Token Lexer::lex_quoted_ident(uint32_t start) {
  ++pos_;
  while (pos_ < end_) {
    const void* quote = std::memchr(text_.data() + pos_, '"', end_ - pos_);
    if (!quote) break;
    pos_ = static_cast<uint32_t>(static_cast<const char*>(quote) - text_.data()) + 1;
    if (pos_ < end_ && text_[pos_] == '"') ++pos_;  // "" is an escaped quote
    else return make(TokenKind::QuotedIdent, start);
  }
  pos_ = end_;
  return make(TokenKind::QuotedIdent, start, true);
}

Token Lexer::lex_dollar(uint32_t start) {
  uint32_t p = start + 1;
  if (p < end_ && is_digit(text_[p])) {
    while (p < end_ && is_digit(text_[p])) ++p;
    pos_ = p;
    return make(TokenKind::Param, start);
  }
  while (p < end_ && is_ident_char(text_[p]) && text_[p] != '$') ++p;
  if (p >= end_ || text_[p] != '$') {
    pos_ = start + 1;
    return make(TokenKind::Operator, start);
  }
  const std::string_view delimiter = text_.substr(start, p - start + 1);
  const size_t close = text_.substr(0, end_).find(delimiter, p + 1);
  if (close == std::string_view::npos) {
    pos_ = end_;
    return make(TokenKind::DollarString, start, true);
  }
  pos_ = static_cast<uint32_t>(close + delimiter.size());
  return make(TokenKind::DollarString, start);
}

Token Lexer::lex_block_comment(uint32_t start) {
  pos_ += 2;
  int depth = 1;
  while (pos_ < end_ && depth > 0) {
    const char c = text_[pos_];
    const char n = pos_ + 1 < end_ ? text_[pos_ + 1] : '\0';
    if (c == '/' && n == '*') {
      ++depth;
      pos_ += 2;
    } else if (c == '*' && n == '/') {
      --depth;
      pos_ += 2;
    } else {
      ++pos_;
    }
  }
  return make(TokenKind::BlockComment, start, depth > 0);
}

Token Lexer::lex_word(uint32_t start) {
  while (pos_ < end_ && is_ident_char(text_[pos_])) ++pos_;
  return make(TokenKind::Word, start);
}

Token Lexer::lex_number(uint32_t start) {
  while (pos_ < end_ && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.' ||
                         text_[pos_] == '_'))
    ++pos_;
  return make(TokenKind::Number, start);
}

uint32_t skip_trivia(std::string_view text, uint32_t offset, uint32_t end) {
  // Whitespace and line comments by hand (one precedes every Drizzle statement): lexing
  // the next token just to find where it starts cost more than the rest of the span.
  while (offset < end) {
    uint64_t eight;
    if (offset + 8 <= end && (std::memcpy(&eight, text.data() + offset, 8), eight == 0x2020202020202020ULL)) {
      offset += 8;  // the blanked-out breakpoint comments (prepare.cpp) are runs of spaces
    } else if (is_space(text[offset])) {
      ++offset;
    } else if (text[offset] == '-' && offset + 1 < end && text[offset + 1] == '-') {
      const void* newline = std::memchr(text.data() + offset, '\n', end - offset);
      offset = newline ? static_cast<uint32_t>(static_cast<const char*>(newline) - text.data()) : end;
    } else if (text[offset] == '/' && offset + 1 < end && text[offset + 1] == '*') {
      Lexer lexer(text, offset, end);
      return lexer.next_significant().span.begin;
    } else {
      break;
    }
  }
  return offset;
}

}  // namespace dsqlint
