#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/object_names.h"
#include "catalog/schema.h"
#include "core/finding.h"
#include "lint/clause_tokens.h"
#include "lint/statement.h"

// The texts the catalog keeps (column definitions, constraint clauses, CREATE INDEX
// statements) parsed again, so that replaying an ALTER edits the one clause it changes
// and leaves the rest as written.
namespace dsqlint {

/// One catalog text parsed on its own: a definition element (a column or a table
/// constraint) as the only element of a CREATE TABLE, or a statement as it is.
class DefinitionText {
 public:
  enum class Form { Element, Statement };
  explicit DefinitionText(std::string_view text, Form form = Form::Element);
  DefinitionText(const DefinitionText&) = delete;
  DefinitionText& operator=(const DefinitionText&) = delete;

  /// Null when the text does not read as one element (or one statement).
  const Statement* stmt() const { return stmt_ ? &*stmt_ : nullptr; }
  const ColumnDef* column() const { return column_; }          ///< the element, a column definition
  const Constraint* constraint() const { return constraint_; }  ///< the element, a table constraint
  const IndexStmt* index() const;                               ///< the statement, a CREATE INDEX

  /// The inline constraints of a column, or the table constraint itself (`remove` empty).
  std::vector<ConstraintText> clauses() const;
  /// The significant tokens of the text in [begin, end) of the parse's file.
  std::vector<Token> tokens(Span span) const;
  std::vector<Token> tokens() const { return tokens(span_); }
  Span span() const { return span_; }  ///< the text within the parse's file
  std::string_view slice(Span span) const { return file_.slice(span); }
  /// An identifier token as PostgreSQL reads it.
  std::string name_of(const Token& token) const { return identifier_name(slice(token.span)); }
  /// The text with `edits` (spans in the parse's file) applied, trimmed.
  std::string edited(std::vector<Edit> edits) const;

 private:
  SourceFile file_;
  ParsedFile parsed_;
  std::optional<Statement> stmt_;
  Span span_;
  const ColumnDef* column_ = nullptr;
  const Constraint* constraint_ = nullptr;
};

/// What an index model's definition is: a CREATE INDEX, a table constraint clause, or
/// the definition of the column whose inline PRIMARY KEY / UNIQUE it is.
enum class IndexText { Statement, Clause, Column };
IndexText index_text(const IndexModel& index);

/// Replaces a column's definition, and the definition of the index models of its inline keys.
void set_definition(TableModel& table, ColumnModel& column, std::string text);

/// Edits to the clause of `text` that `clause` is; `owner` is the column of an inline
/// clause, `key` the index model of a key (inline or of the table).
using ClauseEditor = std::function<std::vector<Edit>(const DefinitionText& text, const ConstraintText& clause,
                                                     const ColumnModel* owner, IndexModel* key)>;

/// Whether `text` may name `name`: it holds it, ASCII case aside. Saves parsing the texts
/// of a table that cannot hold what an edit looks for.
bool mentions(std::string_view text, std::string_view name);

/// Calls `edit` for every constraint clause of `table`, in the order a rebuild reads
/// them (the columns' inline clauses, the table constraints, the key clauses), and
/// writes the edits back; skips the texts that do not mention `mention`, if given.
void edit_clauses(TableModel& table, const ClauseEditor& edit, std::string_view mention = {});

/// Removes the constraint clauses `drop` selects: a column's inline one with what
/// qualifies it (DEFERRABLE ...), a table constraint or key whole; skips the texts that do
/// not mention `mention`, if given. Returns the keys removed. Expects the table's
/// constraints all named (freeze_constraint_names).
std::vector<IndexModel> remove_clauses(TableModel& table, const std::function<bool(const Constraint*, const ColumnModel*)>& drop,
                                       std::string_view mention = {});

/// The label PostgreSQL names an unnamed constraint of this type with, if it names it.
std::optional<ConstraintLabel> constraint_label(ConstrType type);

/// Whether a constraint node only qualifies the one before it (DEFERRABLE, INITIALLY ...).
bool is_constraint_attribute(const Constraint* constraint);

/// The column references of an expression, depth first (subqueries are not entered).
std::vector<const ColumnRef*> column_refs(const Node* expression);

/// The column a reference names (its last part); empty for `t.*`.
std::string column_ref_name(const ColumnRef* ref);

/// The token of that last part in `text`'s parse; nullopt when it cannot be found.
std::optional<Token> column_ref_token(const DefinitionText& text, const ColumnRef* ref);

/// A parenthesised list of names in a constraint clause or CREATE INDEX: what it lists,
/// and its name tokens.
struct NameList {
  enum class Of { Columns, Referenced };  ///< the table's own columns, or a foreign key's referenced ones
  Of of = Of::Columns;
  std::vector<Token> names;
};

/// The name lists of a constraint clause (PRIMARY KEY, UNIQUE, FOREIGN KEY, REFERENCES,
/// INCLUDE, ON DELETE SET NULL (...)); a CHECK's expression is not one.
std::vector<NameList> name_lists(const DefinitionText& text, const ConstraintText& clause);
/// The name lists of a statement (a CREATE INDEX's INCLUDE list); not its key list.
std::vector<NameList> name_lists(const DefinitionText& text);

/// What PostgreSQL calls the columns of an index when it names it (ChooseIndexColumnNames):
/// a key column's name, an expression's function or column name, else "expr"; keys first,
/// then INCLUDE columns.
std::vector<std::string> index_column_names(const IndexStmt* index);

/// A column definition's COLLATE clause with the blank before it: delete this to drop it.
std::optional<Span> collate_clause(const DefinitionText& text);

/// The span of a relation's (possibly qualified) name: a foreign key's referenced table,
/// the table of a CREATE INDEX.
std::optional<Span> relation_span(const DefinitionText& text, const RangeVar* relation);

}  // namespace dsqlint
