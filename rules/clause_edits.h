#pragma once
#include <cctype>
#include <optional>
#include <vector>

#include "lint/clause_tokens.h"
#include "lint/statement.h"

// Shared by the rules whose fixes delete a clause (storage parameters, COLLATE, role
// options, inline foreign keys). Header-only so that rules/ keeps one .cpp per rule.
namespace dsqlint::rules {

/// `offset` moved back over the blanks before it, not past the statement's start: deleting
/// from there removes a clause together with the space that introduced it.
inline uint32_t blank_before(const Statement& stmt, uint32_t offset) {
  const std::string_view text = stmt.file().text;
  while (offset > stmt.span().begin && std::isspace(static_cast<unsigned char>(text[offset - 1]))) --offset;
  return offset;
}

/// The index of the parenthesis that closes tokens[open], or nullopt when unbalanced.
inline std::optional<size_t> matching_paren(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::LParen) ++depth;
    if (tokens[i].kind == TokenKind::RParen && --depth == 0) return i;
  }
  return std::nullopt;
}

/// The index just past a possibly qualified name starting at tokens[first]
/// ("pg_catalog"."C", s.t), or `first` when no name starts there.
inline size_t name_end(const std::vector<Token>& tokens, size_t first) {
  size_t i = first;
  while (i < tokens.size() && (tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::QuotedIdent)) {
    ++i;
    if (i + 1 < tokens.size() && tokens[i].kind == TokenKind::Dot) ++i;
    else break;
  }
  return i;
}

/// The index of the first token that starts at or after `offset`.
inline size_t token_index_at(const std::vector<Token>& tokens, uint32_t offset) {
  size_t i = 0;
  while (i < tokens.size() && tokens[i].span.begin < offset) ++i;
  return i;
}

}  // namespace dsqlint::rules
