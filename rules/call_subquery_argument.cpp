#include <fmt/format.h>

#include "clause_edits.h"
#include "expression_walk.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

/// The first subquery (scalar, EXISTS, IN, ARRAY) among a call's arguments, at any depth.
const SubLink* argument_subquery(const FuncCall* call) {
  const SubLink* found = nullptr;
  auto visit = [&found](const Node* node) {
    if (!IsA(node, SubLink)) return false;
    found = reinterpret_cast<const SubLink*>(node);
    return true;
  };
  walk_expression(reinterpret_cast<const Node*>(call->args), visit);
  return found;
}

/// From where the subquery starts (its parenthesis, EXISTS, IN or ARRAY) to the parenthesis
/// that closes it; just the first token when the parentheses cannot be matched.
Span subquery_span(const Statement& stmt, const SubLink* sublink) {
  const std::vector<Token>& tokens = stmt.tokens();
  const size_t first = token_index_at(tokens, stmt.offset(sublink->location));
  if (first >= tokens.size()) return stmt.span();
  size_t open = first;
  while (open < tokens.size() && tokens[open].kind != TokenKind::LParen) ++open;
  const auto close = open < tokens.size() ? matching_paren(tokens, open) : std::nullopt;
  return Span{tokens[first].span.begin, (close ? tokens[*close] : tokens[first]).span.end};
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* call = stmt.as<CallStmt>();
  if (!call || !call->funccall) return;
  const SubLink* sublink = argument_subquery(call->funccall);
  if (!sublink) return;
  const std::string name = dotted_name(call->funccall->funcname);
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL, like PostgreSQL, rejects CALL {} with a subquery as an argument (cannot use "
                         "subquery in CALL argument)",
                         name))
      .at(subquery_span(stmt, sublink))
      .help(fmt::format("run the SELECT first and pass its value: CALL {}('<value>')", name));
}

const RuleRegistrar kRule{{
    .id = "call-subquery-argument",
    .summary = "CALL with a subquery as an argument",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CallStmt},
    .targets = Targets::All,
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
