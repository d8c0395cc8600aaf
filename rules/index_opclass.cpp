#include <algorithm>
#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"
#include "lint/clause_tokens.h"

namespace dsqlint::rules {
namespace {

bool is_order_word(const Statement& stmt, const Token& token) {
  for (const char* word : {"ASC", "DESC", "NULLS", "FIRST", "LAST"})
    if (token_is_word(stmt, token, word)) return true;
  return false;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index) return;
  const auto elements = list_nodes<IndexElem>(index->indexParams, T_IndexElem).to_vector();
  // The parse tree says whether any key has an opclass; lex only then.
  if (std::none_of(elements.begin(), elements.end(), [](const IndexElem* e) { return e->opclass != NIL; })) return;
  const auto keys = index_key_tokens(stmt);
  if (elements.empty() || keys.size() != elements.size()) return;
  std::vector<Edit> edits;
  std::vector<std::string> names;
  Span first{};
  for (size_t k = 0; k < keys.size(); ++k) {
    const IndexElem* element = elements[k];
    if (!element->opclass) continue;
    const auto& key = keys[k];
    // Walk back over NULLS FIRST/LAST and ASC/DESC, then over the (options) of the opclass.
    size_t with_options = key.tokens.size();
    while (with_options > 0 && key.depth[with_options - 1] == 0 && is_order_word(stmt, key.tokens[with_options - 1]))
      --with_options;
    size_t end = with_options;
    if (element->opclassopts && end > 0 && key.tokens[end - 1].kind == TokenKind::RParen) {
      while (end > 0 && !(key.tokens[end - 1].kind == TokenKind::LParen && key.depth[end - 1] == 0)) --end;
      if (end > 0) --end;
    }
    const size_t words = static_cast<size_t>(2 * list_length(element->opclass) - 1);
    if (end < words + 1) continue;
    const size_t begin = end - words;
    const Span span{key.tokens[begin].span.begin, key.tokens[end - 1].span.end};
    edits.push_back(Edit{Span{key.tokens[begin - 1].span.end, key.tokens[with_options - 1].span.end}, ""});
    names.push_back(std::string(stmt.file().slice(span)));
    if (first.empty()) first = span;
  }
  if (edits.empty()) return;
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL rejects the operator class {} on a key of an index on table {}: it takes no opclass on "
                         "index keys",
                         list, display_name(index->relation)))
      .at(first)
      .help("delete the operator class; the index then orders keys by the type's default (the C collation on "
            "DSQL), so queries that relied on the opclass, such as LIKE 'prefix%' with text_pattern_ops, may plan "
            "differently")
      .fix(Applicability::Unsafe, "delete the operator class", std::move(edits));
}

const RuleRegistrar kRule{{
    .id = "index-opclass",
    .summary = "operator class on an index key",
    .klass = StatementClass::Rewrite,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
