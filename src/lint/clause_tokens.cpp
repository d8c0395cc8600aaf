#include "lint/clause_tokens.h"

#include "parse/lexer.h"

namespace dsqlint {

bool token_is_word(const Statement& stmt, const Token& token, std::string_view keyword) {
  return is_word(stmt.file().text, token, keyword);
}

namespace {

/// Index of the key list's opening parenthesis: the first top-level "(" after ON.
std::optional<size_t> key_list_open(const Statement& stmt, const std::vector<Token>& tokens) {
  bool after_on = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!after_on) {
      if (token_is_word(stmt, tokens[i], "ON")) after_on = true;
      continue;
    }
    if (tokens[i].kind == TokenKind::LParen) return i;
  }
  return std::nullopt;
}

}  // namespace

std::vector<IndexKeyTokens> index_key_tokens(const Statement& stmt) {
  const std::vector<Token>& tokens = stmt.tokens();
  const auto open = key_list_open(stmt, tokens);
  std::vector<IndexKeyTokens> keys;
  if (!open) return keys;
  keys.emplace_back();
  int depth = 0;
  for (size_t i = *open + 1; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.kind == TokenKind::RParen) {
      if (depth == 0) return keys;
      --depth;
    } else if (token.kind == TokenKind::Comma && depth == 0) {
      keys.emplace_back();
      continue;
    }
    keys.back().tokens.push_back(token);
    keys.back().depth.push_back(token.kind == TokenKind::RParen ? depth + 1 : depth);
    if (token.kind == TokenKind::LParen) ++depth;
  }
  return {};  // unbalanced: leave it alone
}

std::optional<UsingClause> index_using_clause(const Statement& stmt) {
  // USING comes between the table's name and the key list: lexed from the name only.
  const auto* index = stmt.as<IndexStmt>();
  if (!index || !index->relation || index->relation->location < 0) return std::nullopt;
  const std::string_view text = stmt.file().text;
  Lexer lexer(text, stmt.offset(index->relation->location), stmt.span().end);
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End && token.kind != TokenKind::LParen;
       token = lexer.next_significant()) {
    if (!is_word(text, token, "USING")) continue;
    const Token method = lexer.next_significant();
    if (method.kind != TokenKind::Word && method.kind != TokenKind::QuotedIdent) return std::nullopt;
    return UsingClause{token, method, lexer.next_significant().span.begin};
  }
  return std::nullopt;
}

}  // namespace dsqlint

namespace dsqlint {

std::vector<ConstraintText> column_constraint_texts(const Statement& stmt, const ColumnDef* column) {
  std::vector<ConstraintText> out;
  if (!column || column->location < 0) return out;
  const uint32_t start = stmt.offset(column->location);
  const std::vector<Token>& all = stmt.tokens();
  // The column definition's tokens: from its name to the first top-level comma.
  std::vector<Token> tokens;
  int depth = 0;
  for (const Token& token : all) {
    if (token.span.begin < start) continue;
    if (token.kind == TokenKind::Semicolon) break;
    if (token.kind == TokenKind::Comma && depth == 0) break;
    if (token.kind == TokenKind::RParen && depth == 0) break;
    if (token.kind == TokenKind::LParen) ++depth;
    if (token.kind == TokenKind::RParen) --depth;
    tokens.push_back(token);
  }
  const ListCell* cell;
  std::vector<const Constraint*> constraints;
  foreach (cell, column->constraints) {
    const auto* node = static_cast<const Node*>(lfirst(cell));
    if (!node || !IsA(node, Constraint)) return {};
    const auto* constraint = reinterpret_cast<const Constraint*>(node);
    if (constraint->location < 0) return {};
    constraints.push_back(constraint);
  }
  for (size_t i = 0; i < constraints.size(); ++i) {
    const uint32_t begin = stmt.offset(constraints[i]->location);
    const uint32_t limit =
        i + 1 < constraints.size() ? stmt.offset(constraints[i + 1]->location) : UINT32_MAX;
    uint32_t stop = limit;
    if (column->collClause && column->collClause->location >= 0) {
      const uint32_t collate = stmt.offset(column->collClause->location);
      if (collate > begin && collate < stop) stop = collate;
    }
    std::optional<size_t> first, last;
    for (size_t t = 0; t < tokens.size(); ++t) {
      if (tokens[t].span.begin < begin || tokens[t].span.begin >= stop) continue;
      if (!first) first = t;
      last = t;
    }
    if (!first || *first == 0) return {};
    const Span span{tokens[*first].span.begin, tokens[*last].span.end};
    out.push_back(ConstraintText{constraints[i], span, Span{tokens[*first - 1].span.end, span.end}});
  }
  return out;
}

}  // namespace dsqlint
