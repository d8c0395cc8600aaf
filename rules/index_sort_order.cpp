#include <algorithm>
#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"
#include "lint/clause_tokens.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index) return;
  const auto elements = list_nodes<IndexElem>(index->indexParams, T_IndexElem).to_vector();
  // The parse tree says whether any key is sorted; lex only then.
  if (std::none_of(elements.begin(), elements.end(), [](const IndexElem* e) { return e->ordering != SORTBY_DEFAULT; }))
    return;
  const auto keys = index_key_tokens(stmt);
  if (elements.empty() || keys.size() != elements.size()) return;
  std::vector<Edit> edits;
  Span first{};
  for (size_t k = 0; k < keys.size(); ++k) {
    if (elements[k]->ordering == SORTBY_DEFAULT) continue;
    const auto& key = keys[k];
    for (size_t i = key.tokens.size(); i-- > 1;) {
      if (key.depth[i] != 0) continue;
      if (!token_is_word(stmt, key.tokens[i], "ASC") && !token_is_word(stmt, key.tokens[i], "DESC")) continue;
      edits.push_back(Edit{Span{key.tokens[i - 1].span.end, key.tokens[i].span.end}, ""});
      if (first.empty()) first = key.tokens[i].span;
      break;
    }
  }
  if (edits.empty()) return;
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL rejects ASC/DESC on the keys of an index on table {}: it takes no sort order on index keys",
                         display_name(index->relation)))
      .at(first)
      .help("delete ASC/DESC; DSQL can scan the index in either direction. NULLS FIRST/LAST may stay")
      .fix(Applicability::Safe, "delete ASC/DESC", std::move(edits));
}

const RuleRegistrar kRule{{
    .id = "index-sort-order",
    .summary = "ASC/DESC on an index key",
    .klass = StatementClass::Rewrite,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
