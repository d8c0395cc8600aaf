#include <string>
#include <vector>

#include <fmt/format.h>

#include "clause_edits.h"
#include "lint/clause_tokens.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

/// How many storage clauses the parse tree says the statement has, and which kinds.
struct Clauses {
  size_t count = 0;
  std::string names;

  void add(bool present, std::string_view name) {
    if (!present) return;
    ++count;
    if (names.find(name) == std::string::npos) names += (names.empty() ? "" : ", ") + std::string(name);
  }
};

void add_constraint(Clauses& clauses, const Constraint* constraint) {
  // Only index-backed constraints take storage options (identity options are sequence options).
  if (constraint->contype != CONSTR_PRIMARY && constraint->contype != CONSTR_UNIQUE) return;
  clauses.add(constraint->options != NIL, "WITH (...)");
  clauses.add(constraint->indexspace != nullptr, "USING INDEX TABLESPACE");
}

/// Walked in place: this runs for every CREATE TABLE.
Clauses storage_clauses(const CreateStmt* create) {
  Clauses clauses;
  clauses.add(create->options != NIL, "WITH (...)");
  clauses.add(create->tablespacename != nullptr, "TABLESPACE");
  clauses.add(create->accessMethod != nullptr, "USING");
  const ListCell* cell;
  foreach (cell, create->tableElts) {
    const auto* element = static_cast<const Node*>(lfirst(cell));
    if (IsA(element, Constraint)) add_constraint(clauses, reinterpret_cast<const Constraint*>(element));
    if (!IsA(element, ColumnDef)) continue;
    const ListCell* inner;
    foreach (inner, reinterpret_cast<const ColumnDef*>(element)->constraints) {
      const auto* constraint = static_cast<const Node*>(lfirst(inner));
      if (IsA(constraint, Constraint)) add_constraint(clauses, reinterpret_cast<const Constraint*>(constraint));
    }
  }
  return clauses;
}

/// Edits deleting every WITH (...), [USING INDEX] TABLESPACE name and table-level USING method.
std::vector<Edit> clause_edits(const Statement& stmt) {
  const std::vector<Token>& tokens = stmt.tokens();
  std::vector<Edit> edits;
  int depth = 0;
  bool elements_closed = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.kind == TokenKind::LParen) ++depth;
    if (token.kind == TokenKind::RParen && --depth == 0) elements_closed = true;
    const bool has_next = i + 1 < tokens.size();
    if (has_next && token_is_word(stmt, token, "WITH") && tokens[i + 1].kind == TokenKind::LParen) {
      const auto close = matching_paren(tokens, i + 1);
      if (!close) return {};
      edits.push_back(Edit{Span{blank_before(stmt, token.span.begin), tokens[*close].span.end}, ""});
      i = *close;
      continue;
    }
    // A column may be named tablespace or using: those follow "(" or ",".
    const bool after_element_start = i > 0 && (tokens[i - 1].kind == TokenKind::LParen || tokens[i - 1].kind == TokenKind::Comma);
    const bool tablespace = token_is_word(stmt, token, "TABLESPACE") && !after_element_start;
    const bool using_method = depth == 0 && elements_closed && token_is_word(stmt, token, "USING");
    if (!tablespace && !using_method) continue;
    const size_t end = name_end(tokens, i + 1);
    if (end == i + 1) return {};
    const bool using_index = tablespace && i >= 2 && token_is_word(stmt, tokens[i - 2], "USING") &&
                             token_is_word(stmt, tokens[i - 1], "INDEX");
    const uint32_t begin = using_index ? tokens[i - 2].span.begin : token.span.begin;
    edits.push_back(Edit{Span{blank_before(stmt, begin), tokens[end - 1].span.end}, ""});
    i = end - 1;
  }
  return edits;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* create = stmt.as<CreateStmt>();
  if (!create || create->partbound) return;
  const Clauses clauses = storage_clauses(create);
  if (clauses.count == 0) return;
  const std::string message = fmt::format("DSQL's CREATE TABLE has no {} clause, which table {} uses", clauses.names,
                                          display_name(create->relation));
  std::vector<Edit> edits = clause_edits(stmt);
  const Span at = stmt.word_or_start(create->options ? "WITH" : create->accessMethod ? "USING" : "TABLESPACE");
  if (edits.size() != clauses.count) {
    out.report(stmt, StatementClass::Unsupported, message)
        .at(at)
        .help("delete the storage clauses: DSQL manages table storage itself");
    return;
  }
  out.report(stmt, StatementClass::Rewrite, message)
      .at(at)
      .help("delete the clauses: DSQL manages storage itself, so fill factor, autovacuum settings, tablespaces and "
            "access methods do not apply")
      .fix(Applicability::Safe, fmt::format("delete {}", clauses.names), std::move(edits));
}

const RuleRegistrar kRule{{
    .id = "table-storage-params",
    .summary = "CREATE TABLE ... WITH (storage parameters), TABLESPACE, USING method, USING INDEX TABLESPACE",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
