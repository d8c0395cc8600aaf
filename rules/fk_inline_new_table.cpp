#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "clause_edits.h"
#include "lint/clause_tokens.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

bool is_attribute(ConstrType type) {
  return type == CONSTR_ATTR_DEFERRABLE || type == CONSTR_ATTR_NOT_DEFERRABLE || type == CONSTR_ATTR_DEFERRED ||
         type == CONSTR_ATTR_IMMEDIATE;
}

/// Deletes the REFERENCES clauses of a column, with the DEFERRABLE/INITIALLY words that
/// belong to them; false when their text cannot be found.
bool drop_column_references(const Statement& stmt, const ColumnDef* column, std::vector<Edit>& edits, int& count) {
  if (!column_constraint(column, CONSTR_FOREIGN)) return true;
  const auto texts = column_constraint_texts(stmt, column);
  if (texts.empty()) return false;
  bool after_reference = false;
  for (const ConstraintText& text : texts) {
    const ConstrType type = text.constraint->contype;
    if (type == CONSTR_FOREIGN) ++count;
    after_reference = type == CONSTR_FOREIGN || (after_reference && is_attribute(type));
    if (after_reference) edits.push_back(Edit{text.remove, ""});
  }
  return true;
}

/// Deletes a table-level FOREIGN KEY element with the comma before it (or after it when it
/// is the first element).
bool drop_table_foreign_key(const Statement& stmt, const std::vector<Token>& tokens, const Constraint* constraint,
                            std::vector<Edit>& edits) {
  if (constraint->location < 0) return false;
  const size_t first = token_index_at(tokens, stmt.offset(constraint->location));
  if (first == 0 || first >= tokens.size()) return false;
  int depth = 0;
  size_t last = first;
  for (size_t i = first; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::LParen) ++depth;
    if ((tokens[i].kind == TokenKind::RParen && depth-- == 0) || (tokens[i].kind == TokenKind::Comma && depth == 0))
      break;
    last = i;
  }
  const Token& before = tokens[first - 1];
  if (before.kind == TokenKind::Comma) {
    edits.push_back(Edit{Span{before.span.begin, tokens[last].span.end}, ""});
    return true;
  }
  if (last + 1 < tokens.size() && tokens[last + 1].kind == TokenKind::Comma && last + 2 < tokens.size()) {
    edits.push_back(Edit{Span{tokens[first].span.begin, tokens[last + 2].span.begin}, ""});
    return true;
  }
  return false;  // the only element: a table of nothing but a foreign key is left alone
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* create = stmt.as<CreateStmt>();
  if (!create || ctx.target.supports(Feature::ForeignKeys)) return;
  const auto table_keys = [&] {
    std::vector<const Constraint*> keys;
    for (const Constraint* c : list_nodes<Constraint>(create->tableElts, T_Constraint))
      if (c->contype == CONSTR_FOREIGN) keys.push_back(c);
    return keys;
  }();
  const auto columns = column_defs(create);
  const bool inline_keys =
      std::any_of(columns.begin(), columns.end(), [](const ColumnDef* c) { return column_constraint(c, CONSTR_FOREIGN); });
  if (table_keys.empty() && !inline_keys) return;
  std::vector<Edit> edits;
  int count = static_cast<int>(table_keys.size());
  bool complete = true;
  for (const ColumnDef* column : columns) complete = drop_column_references(stmt, column, edits, count) && complete;
  if (!table_keys.empty()) {
    const std::vector<Token>& tokens = stmt.tokens();
    for (const Constraint* key : table_keys) complete = drop_table_foreign_key(stmt, tokens, key, edits) && complete;
  }
  const std::string message =
      fmt::format("DSQL as of {} has no foreign keys, so table {} is created without its {}", ctx.target.name,
                  display_name(create->relation), count == 1 ? "foreign key" : fmt::format("{} foreign keys", count));
  if (!complete || edits.empty()) {
    out.report(stmt, StatementClass::Unsupported, message)
        .at(stmt.word_or_start("REFERENCES"))
        .help("delete the REFERENCES/FOREIGN KEY clauses by hand, or target DSQL from 2026-08-26 on");
    return;
  }
  out.report(stmt, StatementClass::Rewrite, message)
      .at(stmt.word_or_start("REFERENCES"))
      .help(fmt::format("the database will not enforce the relationship: check it in the application, or target DSQL "
                        "from {} on, which enforces foreign keys",
                        feature_date(Feature::ForeignKeys)))
      .fix(Applicability::Unsafe, "delete the foreign keys (the relationship is no longer enforced)", std::move(edits));
}

const RuleRegistrar kRule{{
    .id = "fk-inline-new-table",
    .summary = "REFERENCES/FOREIGN KEY in CREATE TABLE on DSQL before foreign keys",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
