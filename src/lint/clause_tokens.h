#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "lint/statement.h"

// Token-level views of clauses the parse tree does not locate: index keys, USING, and
// the text of column constraints, for findings and fixes that must point at them.
namespace dsqlint {

/// One key of CREATE INDEX's parenthesised key list: its tokens (nested ones included,
/// each with its parenthesis depth relative to the key, 0 = top level).
struct IndexKeyTokens {
  std::vector<Token> tokens;
  std::vector<int> depth;
};

/// The keys of a CREATE INDEX key list, in order; empty when the list is not found.
std::vector<IndexKeyTokens> index_key_tokens(const Statement& stmt);

/// Whether a token is the unquoted word `keyword` (upper case).
bool token_is_word(const Statement& stmt, const Token& token, std::string_view keyword);

/// The `USING method` words of CREATE INDEX (before the key list), when written.
struct UsingClause {
  Token using_word;
  Token method;
  uint32_t next_begin = 0;  ///< where the token after the method starts
};
std::optional<UsingClause> index_using_clause(const Statement& stmt);

}  // namespace dsqlint

namespace dsqlint {

/// Where one inline constraint of a column definition is written.
struct ConstraintText {
  const Constraint* constraint = nullptr;
  Span span;    ///< from its first word (CONSTRAINT name, or the keyword) to its last token
  Span remove;  ///< span plus the blank before it: delete this to drop the clause
};

/// The inline constraints of a column definition with their text, in written order;
/// empty when a location is unknown.
std::vector<ConstraintText> column_constraint_texts(const Statement& stmt, const ColumnDef* column);

}  // namespace dsqlint
