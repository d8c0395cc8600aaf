#include <vector>

#include <fmt/format.h>

#include "clause_edits.h"
#include "lint/clause_tokens.h"
#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// Edits deleting WITH (...) and TABLESPACE name after the key list, before any WHERE.
std::vector<Edit> clause_edits(const Statement& stmt) {
  const std::vector<Token>& tokens = stmt.tokens();
  size_t i = 0;
  while (i < tokens.size() && !token_is_word(stmt, tokens[i], "ON")) ++i;
  while (i < tokens.size() && tokens[i].kind != TokenKind::LParen) ++i;
  const auto keys_end = i < tokens.size() ? matching_paren(tokens, i) : std::nullopt;
  std::vector<Edit> edits;
  if (!keys_end) return edits;
  for (i = *keys_end + 1; i + 1 < tokens.size(); ++i) {
    if (token_is_word(stmt, tokens[i], "WHERE")) break;
    if (tokens[i].kind == TokenKind::LParen) {  // INCLUDE (...)
      const auto close = matching_paren(tokens, i);
      if (!close) return {};
      i = *close;
      continue;
    }
    if (token_is_word(stmt, tokens[i], "WITH") && tokens[i + 1].kind == TokenKind::LParen) {
      const auto close = matching_paren(tokens, i + 1);
      if (!close) return {};
      edits.push_back(Edit{Span{blank_before(stmt, tokens[i].span.begin), tokens[*close].span.end}, ""});
      i = *close;
    } else if (token_is_word(stmt, tokens[i], "TABLESPACE")) {
      const size_t end = name_end(tokens, i + 1);
      if (end == i + 1) return {};
      edits.push_back(Edit{Span{blank_before(stmt, tokens[i].span.begin), tokens[end - 1].span.end}, ""});
      i = end - 1;
    }
  }
  return edits;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index || (!index->options && !index->tableSpace)) return;
  const std::string clauses = index->options && index->tableSpace ? "WITH (...) and TABLESPACE"
                              : index->options                    ? "WITH (...)"
                                                                  : "TABLESPACE";
  const std::string message = fmt::format(
      "DSQL's CREATE INDEX has no {} clause, which the index on table {} uses", clauses, display_name(index->relation));
  std::vector<Edit> edits = clause_edits(stmt);
  const size_t expected = (index->options ? 1 : 0) + (index->tableSpace ? 1 : 0);
  if (edits.size() != expected) {
    out.report(stmt, StatementClass::Unsupported, message)
        .at(stmt.word_or_start(index->options ? "WITH" : "TABLESPACE"))
        .help("delete the clause: DSQL manages index storage itself");
    return;
  }
  out.report(stmt, StatementClass::Rewrite, message)
      .at(stmt.word_or_start(index->options ? "WITH" : "TABLESPACE"))
      .help("delete the clause: DSQL manages index storage itself, so fill factor, deduplication and tablespaces do "
            "not apply")
      .fix(Applicability::Safe, fmt::format("delete {}", clauses), std::move(edits));
}

const RuleRegistrar kRule{{
    .id = "index-storage-params",
    .summary = "CREATE INDEX ... WITH (storage parameters) or TABLESPACE",
    .klass = StatementClass::Rewrite,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
