#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "clause_edits.h"
#include "column_types.h"
#include "lint/clause_tokens.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// C and POSIX: DSQL's one collation, so dropping the clause changes nothing.
bool is_c_collation(const List* name) {
  if (list_length(name) == 0) return false;
  const std::string_view last = strVal(llast(name));
  return last == "C" || last == "POSIX";
}

/// A COLLATE clause found in the text: what it names and the edit that deletes it.
struct Collation {
  const List* name = nullptr;
  Edit edit;
};

/// COLLATE name, from the COLLATE token at tokens[i], with the blank before it.
std::optional<Edit> delete_collate(const Statement& stmt, const std::vector<Token>& tokens, size_t i) {
  const size_t end = name_end(tokens, i + 1);
  if (end == i + 1) return std::nullopt;
  return Edit{Span{blank_before(stmt, tokens[i].span.begin), tokens[end - 1].span.end}, ""};
}

void column_collations(const Statement& stmt, std::vector<Collation>& found, bool& complete) {
  std::vector<Token> tokens;
  for_each_declared_type(stmt, [&](const DeclaredType& declared) {
    if (!declared.collate) return;
    if (tokens.empty()) tokens = stmt.tokens();
    const size_t i = token_index_at(tokens, stmt.offset(declared.collate->location));
    const auto edit = i < tokens.size() && token_is_word(stmt, tokens[i], "COLLATE") ? delete_collate(stmt, tokens, i)
                                                                                       : std::nullopt;
    if (!edit) complete = false;
    else found.push_back({declared.collate->collname, *edit});
  });
}

void index_collations(const Statement& stmt, const IndexStmt* index, std::vector<Collation>& found, bool& complete) {
  bool any = false;
  const ListCell* cell;  // checked in place first: this runs for every CREATE INDEX
  foreach (cell, index->indexParams) {
    const auto* element = static_cast<const Node*>(lfirst(cell));
    any = any || (IsA(element, IndexElem) && reinterpret_cast<const IndexElem*>(element)->collation != NIL);
  }
  if (!any) return;
  const auto elements = list_nodes<IndexElem>(index->indexParams, T_IndexElem).to_vector();
  const auto keys = index_key_tokens(stmt);
  if (keys.size() != elements.size()) {
    complete = false;
    return;
  }
  for (size_t k = 0; k < keys.size(); ++k) {
    if (elements[k]->collation == NIL) continue;
    const auto& key = keys[k];
    std::optional<Edit> edit;
    for (size_t t = 0; t < key.tokens.size() && !edit; ++t)
      if (key.depth[t] == 0 && token_is_word(stmt, key.tokens[t], "COLLATE")) edit = delete_collate(stmt, key.tokens, t);
    if (!edit) complete = false;
    else found.push_back({elements[k]->collation, *edit});
  }
}

void check(const Statement& stmt, Context&, Findings& out) {
  std::vector<Collation> found;
  bool complete = true;
  if (const auto* index = stmt.as<IndexStmt>()) index_collations(stmt, index, found, complete);
  else column_collations(stmt, found, complete);
  if (found.empty() && complete) return;
  const bool harmless = complete && std::all_of(found.begin(), found.end(), [](const Collation& c) {
    return is_c_collation(c.name);
  });
  std::string names;
  for (const Collation& c : found) {
    const std::string name = dotted_name(c.name);
    if (names.find(name) == std::string::npos) names += (names.empty() ? "" : ", ") + name;
  }
  const std::string message =
      harmless ? fmt::format("DSQL has no COLLATE clause; {} is its only collation, so the clause is deleted", names)
               : fmt::format("DSQL has no COLLATE clause and compares text only in the C collation, not {}", names);
  const Span at = stmt.word_or_start("COLLATE");
  if (!complete) {
    out.report(stmt, StatementClass::Unsupported, message).at(at).help("delete the COLLATE clauses");
    return;
  }
  std::vector<Edit> edits;
  for (const Collation& c : found) edits.push_back(c.edit);
  auto finding = out.report(stmt, StatementClass::Rewrite, message).at(at);
  if (harmless) {
    finding.severity(Severity::Info)
        .help("delete COLLATE; text already sorts and compares byte-wise in C order")
        .fix(Applicability::Safe, "delete COLLATE", std::move(edits));
    return;
  }
  finding
      .help("delete COLLATE; sorting and comparison become byte-wise (C), so ORDER BY results and case- or "
            "accent-insensitive uniqueness change. Compare lower(col) where case must not matter")
      .fix(Applicability::Unsafe, "delete COLLATE (text compares in C order)", std::move(edits));
}

const RuleRegistrar kRule{{
    .id = "column-collate",
    .summary = "COLLATE on a column, domain or index key",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateStmt, T_AlterTableStmt, T_CreateDomainStmt, T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
