#include "lint/table_edits.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "lint/definition_text.h"
#include "lint/names.h"
#include "lint/rule_helpers.h"
#include "lint/schema_changes.h"

namespace dsqlint {

namespace {

using Form = DefinitionText::Form;

ColumnModel* find_column(TableModel& table, const std::string& name) {
  for (ColumnModel& column : table.columns)
    if (column.name == name) return &column;
  return nullptr;
}

bool named(const Constraint* constraint, const std::string& name) {
  return constraint->conname && name == constraint->conname;
}

std::vector<std::string> string_list(const List* list) {
  std::vector<std::string> out;
  const ListCell* cell;
  foreach (cell, list) out.emplace_back(strVal(lfirst(cell)));
  return out;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// The names PostgreSQL gives unnamed constraints, given in the order a rebuild reads
/// them, past every name the table's constraints have already.
class Namer {
 public:
  explicit Namer(const TableModel& table) : table_(table.name) {
    for (const ColumnModel& column : table.columns) columns_.push_back(column.name);
  }

  /// Takes the name of a named clause, so that no unnamed one gets it.
  void take(const ConstraintText& clause) {
    const Constraint* constraint = clause.constraint;
    if (!constraint_label(constraint->contype)) return;
    if (constraint->conname) used_.insert(constraint->conname);
    else if (constraint->indexname) used_.insert(constraint->indexname);
  }

  /// The name to write into an unnamed clause (a key USING INDEX takes the index's name).
  std::optional<std::string> name(const DefinitionText& text, const ConstraintText& clause, const ColumnModel* owner) {
    const Constraint* constraint = clause.constraint;
    const auto label = constraint_label(constraint->contype);
    if (!label || constraint->conname) return std::nullopt;
    if (constraint->indexname) return std::string(constraint->indexname);
    std::vector<std::string> keys;
    if (*label == ConstraintLabel::Check) keys = mentioned_columns(text.slice(clause.span), columns_);
    else if (owner) keys = {owner->name};
    else if (*label == ConstraintLabel::ForeignKey) keys = string_list(constraint->fk_attrs);
    else keys = string_list(constraint->keys);
    if (*label == ConstraintLabel::Unique && !owner)
      for (std::string& column : string_list(constraint->including)) keys.push_back(std::move(column));
    return choose_constraint_name(table_, *label, keys, used_);
  }

  const std::set<std::string>& used() const { return used_; }

 private:
  std::string table_;
  std::vector<std::string> columns_;
  std::set<std::string> used_;
};

/// Edits renaming the name tokens among `names` that read as `from`.
void rename_names(const DefinitionText& text, const std::vector<Token>& names, const std::string& from,
                  const std::string& to, std::vector<Edit>& edits) {
  for (const Token& token : names)
    if (text.name_of(token) == from) edits.push_back(Edit{token.span, quote_identifier(to)});
}

/// Edits renaming the column references of an expression that name `from`.
void rename_refs(const DefinitionText& text, const Node* expression, const std::string& from, const std::string& to,
                 std::vector<Edit>& edits) {
  for (const ColumnRef* ref : column_refs(expression))
    if (column_ref_name(ref) == from)
      if (const auto token = column_ref_token(text, ref); token && text.name_of(*token) == from)
        edits.push_back(Edit{token->span, quote_identifier(to)});
}

/// The table name of a key "schema.name": what a reference to the table must mention.
std::string_view relation_name(const std::string& key) {
  return std::string_view(key).substr(key.find('.') + 1);
}

bool references(const Constraint* constraint, const std::string& target) {
  return constraint->contype == CONSTR_FOREIGN && constraint->pktable &&
         relation_key(constraint->pktable->schemaname, constraint->pktable->relname) == target;
}

bool mentions(const Node* expression, const std::string& column) {
  for (const ColumnRef* ref : column_refs(expression))
    if (column_ref_name(ref) == column) return true;
  return false;
}

/// Whether dropping `column` of the table `self` drops this clause with it.
bool uses_column(const Constraint* constraint, const std::string& column, const std::string& self) {
  switch (constraint->contype) {
    case CONSTR_CHECK: return mentions(constraint->raw_expr, column);
    case CONSTR_FOREIGN:
      return contains(string_list(constraint->fk_attrs), column) ||
             (references(constraint, self) && contains(string_list(constraint->pk_attrs), column));
    case CONSTR_PRIMARY:
    case CONSTR_UNIQUE:
      return contains(string_list(constraint->keys), column) || contains(string_list(constraint->including), column);
    default: return false;
  }
}

bool index_uses_column(const IndexModel& index, const std::string& column) {
  if (contains(index.columns, column)) return true;
  if (index_text(index) != IndexText::Statement) return false;
  const DefinitionText text(index.definition, Form::Statement);
  const IndexStmt* stmt = text.index();
  if (!stmt) return false;
  for (const List* list : {stmt->indexParams, stmt->indexIncludingParams})
    for (const IndexElem* elem : list_nodes<IndexElem>(list, T_IndexElem))
      if ((elem->name && column == elem->name) || mentions(elem->expr, column)) return true;
  return mentions(stmt->whereClause, column);
}

/// `expression` as a column DEFAULT: as written when CREATE TABLE reads it so (b_expr),
/// else in parentheses (SET DEFAULT takes any expression).
std::string default_clause(const std::string& expression) {
  const DefinitionText text("c int DEFAULT " + expression);
  const bool plain = text.column() && list_length(text.column()->constraints) == 1 && !text.column()->collClause;
  return "DEFAULT " + (plain ? expression : "(" + expression + ")");
}

/// A serial column keeps its sequence when its type changes to another integer type.
std::string retyped(const ColumnModel& before, const ColumnModel& after) {
  static const std::set<std::string, std::less<>> serials = {"serial", "serial4", "bigserial", "serial8", "smallserial",
                                                             "serial2"};
  if (!serials.contains(before.type)) return after.type_sql;
  if (after.type == "int8") return "bigserial";
  if (after.type == "int4") return "serial";
  if (after.type == "int2") return "smallserial";
  return after.type_sql;
}

/// Names the unnamed constraints of `table`, writing the names in when `write`; returns
/// every constraint name the table has.
std::set<std::string> name_constraints(TableModel& table, bool write) {
  Namer namer(table);
  edit_clauses(table, [&](const DefinitionText&, const ConstraintText& clause, const ColumnModel*, IndexModel*) {
    namer.take(clause);
    return std::vector<Edit>{};
  });
  edit_clauses(table, [&](const DefinitionText& text, const ConstraintText& clause, const ColumnModel* owner,
                          IndexModel* key) -> std::vector<Edit> {
    const auto name = namer.name(text, clause, owner);
    if (!name || !write) return {};
    if (key && key->name.empty()) key->name = *name;
    return {Edit{Span{clause.span.begin, clause.span.begin}, "CONSTRAINT " + quote_identifier(*name) + " "}};
  });
  return namer.used();
}

/// PostgreSQL 15 keeps the NOT NULL that a dropped primary key implied on its columns.
void keep_not_null(TableModel& table, const std::vector<IndexModel>& dropped) {
  for (const IndexModel& key : dropped)
    if (key.primary)
      for (const std::string& column : key.columns) set_not_null(table, column, true);
}

/// The first top-level ON of a CREATE INDEX: its name goes before it.
std::optional<Token> index_on_word(const DefinitionText& text) {
  for (const Token& token : text.tokens())
    if (token_is_word(*text.stmt(), token, "ON")) return token;
  return std::nullopt;
}

}  // namespace

void freeze_constraint_names(TableModel& table) {
  if (table.constraint_names_written) return;
  name_constraints(table, true);
  table.constraint_names_written = true;
}

bool has_unnamed_constraint(const std::string& column_definition) {
  const DefinitionText text(column_definition);
  for (const ConstraintText& clause : text.clauses())
    if (constraint_label(clause.constraint->contype) && !clause.constraint->conname) return true;
  return false;
}

void set_not_null(TableModel& table, const std::string& name, bool not_null) {
  ColumnModel* column = find_column(table, name);
  const DefinitionText text(column ? column->definition : "");
  if (!text.column()) return;
  std::vector<Edit> edits;
  bool has_not_null = false;
  for (const ConstraintText& clause : text.clauses()) {
    has_not_null = has_not_null || clause.constraint->contype == CONSTR_NOTNULL;
    if (clause.constraint->contype == (not_null ? CONSTR_NULL : CONSTR_NOTNULL)) edits.push_back(Edit{clause.remove, ""});
  }
  std::string definition = text.edited(std::move(edits));
  if (not_null && !has_not_null) definition += " NOT NULL";
  set_definition(table, *column, std::move(definition));
  column->not_null = not_null || column_constraint(text.column(), CONSTR_PRIMARY);
}

void set_default(TableModel& table, const std::string& name, const std::string& expression) {
  ColumnModel* column = find_column(table, name);
  const DefinitionText text(column ? column->definition : "");
  if (!text.column()) return;
  std::vector<Edit> edits;
  for (const ConstraintText& clause : text.clauses())
    if (clause.constraint->contype == CONSTR_DEFAULT) edits.push_back(Edit{clause.remove, ""});
  std::string definition = text.edited(std::move(edits));
  if (!expression.empty()) definition.append(" ").append(default_clause(expression));
  set_definition(table, *column, std::move(definition));
}

void set_type(TableModel& table, const ColumnModel& after, const std::string& collate) {
  ColumnModel* column = find_column(table, after.name);
  const DefinitionText text(column ? column->definition : "");
  const ColumnDef* def = text.column();
  if (!def || !def->typeName || def->typeName->location < 0) return;
  const uint32_t type_begin = text.stmt()->offset(def->typeName->location);
  uint32_t limit = text.span().end;
  if (const auto clauses = text.clauses(); !clauses.empty()) limit = std::min(limit, clauses.front().span.begin);
  if (def->collClause && def->collClause->location >= 0) limit = std::min(limit, text.stmt()->offset(def->collClause->location));
  Span type{type_begin, type_begin};
  for (const Token& token : text.tokens(Span{type_begin, limit})) {
    if (token_is_word(*text.stmt(), token, "COMPRESSION") || token_is_word(*text.stmt(), token, "OPTIONS")) break;
    type.end = token.span.end;
  }
  std::vector<Edit> edits{Edit{type, retyped(*column, after) + (collate.empty() ? "" : " " + collate)}};
  if (const auto old_collate = collate_clause(text)) edits.push_back(Edit{*old_collate, ""});
  set_definition(table, *column, text.edited(std::move(edits)));
  column->type = after.type;
  column->type_sql = after.type_sql;
  column->width = after.width;
}

std::vector<IndexModel> drop_constraint(TableModel& table, const std::string& name) {
  freeze_constraint_names(table);
  std::vector<IndexModel> keys =
      remove_clauses(table, [&](const Constraint* constraint, const ColumnModel*) { return named(constraint, name); }, name);
  std::erase_if(table.indexes, [&](const IndexModel& index) { return index.name == name; });
  keep_not_null(table, keys);
  return keys;
}

void drop_references(TableModel& table, const std::string& target, const IndexModel* key) {
  remove_clauses(
      table,
      [&](const Constraint* constraint, const ColumnModel*) {
        if (!references(constraint, target)) return false;
        if (!key) return true;
        const std::vector<std::string> columns = string_list(constraint->pk_attrs);
        if (columns.empty()) return key->primary;
        return columns.size() == key->columns.size() && std::is_permutation(columns.begin(), columns.end(), key->columns.begin());
      },
      relation_name(target));
}

void name_index(TableModel& table, IndexModel& index) {
  if (!index.name.empty() || index_text(index) != IndexText::Statement) return;
  const DefinitionText text(index.definition, Form::Statement);
  const auto on = text.index() ? index_on_word(text) : std::nullopt;
  if (!on) return;
  freeze_constraint_names(table);  // named now; the index's name is chosen past theirs
  std::set<std::string> used = name_constraints(table, false);
  for (const IndexModel& other : table.indexes) used.insert(other.name);
  index.name = choose_index_name(table.name, index_column_names(text.index()), used);
  index.definition = text.edited({Edit{Span{on->span.begin, on->span.begin}, quote_identifier(index.name) + " "}});
}

void rename_index(TableModel& table, const std::string& from, const std::string& to) {
  for (IndexModel& index : table.indexes) {
    if (index.name != from) continue;
    if (index_text(index) != IndexText::Statement) return rename_constraint(table, from, to);
    index.name = to;
    const DefinitionText text(index.definition, Form::Statement);
    const std::vector<Token> tokens = text.tokens();
    for (size_t i = 1; i < tokens.size(); ++i)
      if (token_is_word(*text.stmt(), tokens[i], "ON")) {
        if (text.name_of(tokens[i - 1]) == from) index.definition = text.edited({Edit{tokens[i - 1].span, quote_identifier(to)}});
        break;
      }
  }
}

void rename_constraint(TableModel& table, const std::string& from, const std::string& to) {
  freeze_constraint_names(table);
  edit_clauses(table, [&](const DefinitionText& text, const ConstraintText& clause, const ColumnModel*,
                          IndexModel* key) -> std::vector<Edit> {
    const std::vector<Token> tokens = text.tokens(clause.span);
    if (!named(clause.constraint, from) || tokens.size() < 2 || !token_is_word(*text.stmt(), tokens[0], "CONSTRAINT"))
      return {};
    if (key) key->name = to;
    return {Edit{tokens[1].span, quote_identifier(to)}};
  }, from);
}

void rename_column(TableModel& table, const std::string& from, const std::string& to) {
  freeze_constraint_names(table);
  const std::string self = table.key();
  edit_clauses(table, [&](const DefinitionText& text, const ConstraintText& clause, const ColumnModel*,
                          IndexModel*) -> std::vector<Edit> {
    std::vector<Edit> edits;
    const Constraint* constraint = clause.constraint;
    if (constraint->contype == CONSTR_CHECK || constraint->contype == CONSTR_GENERATED)
      rename_refs(text, constraint->raw_expr, from, to, edits);
    for (const NameList& list : name_lists(text, clause))
      if (list.of == NameList::Of::Columns || references(constraint, self)) rename_names(text, list.names, from, to, edits);
    return edits;
  }, from);
  if (ColumnModel* column = find_column(table, from)) {
    const DefinitionText text(column->definition);
    const std::vector<Token> tokens = text.tokens();
    if (text.column() && !tokens.empty())
      set_definition(table, *column, text.edited({Edit{tokens.front().span, quote_identifier(to)}}));
    column->name = to;
  }
  for (IndexModel& index : table.indexes) {
    std::replace(index.columns.begin(), index.columns.end(), from, to);
    if (index_text(index) != IndexText::Statement || !mentions(index.definition, from)) continue;
    const DefinitionText text(index.definition, Form::Statement);
    const IndexStmt* stmt = text.index();
    if (!stmt) continue;
    std::vector<Edit> edits;
    const std::vector<IndexKeyTokens> keys = index_key_tokens(*text.stmt());
    const auto elems = list_nodes<IndexElem>(stmt->indexParams, T_IndexElem);
    for (size_t i = 0; i < elems.size() && i < keys.size(); ++i) {
      if (elems[i]->name && !keys[i].tokens.empty()) rename_names(text, {keys[i].tokens.front()}, from, to, edits);
      rename_refs(text, elems[i]->expr, from, to, edits);
    }
    rename_refs(text, stmt->whereClause, from, to, edits);
    for (const NameList& list : name_lists(text)) rename_names(text, list.names, from, to, edits);
    if (!edits.empty()) index.definition = text.edited(std::move(edits));
  }
}

std::vector<IndexModel> drop_column(TableModel& table, const std::string& name) {
  freeze_constraint_names(table);
  const std::string self = table.key();
  std::vector<IndexModel> keys = remove_clauses(
      table,
      [&](const Constraint* constraint, const ColumnModel* owner) {
        return (!owner || owner->name != name) && uses_column(constraint, name, self);
      },
      name);
  std::erase_if(table.indexes, [&](const IndexModel& index) {
    if (!contains(index.columns, name) && !(mentions(index.definition, name) && index_uses_column(index, name))) return false;
    if (index_text(index) != IndexText::Statement) keys.push_back(index);
    return true;
  });
  std::erase_if(table.columns, [&](const ColumnModel& column) { return column.name == name; });
  keep_not_null(table, keys);
  return keys;
}

void rename_table(TableModel& table, const std::string& to) {
  freeze_constraint_names(table);
  for (IndexModel& index : table.indexes) {
    const DefinitionText text(index_text(index) == IndexText::Statement ? index.definition : "", Form::Statement);
    const auto span = text.index() ? relation_span(text, text.index()->relation) : std::nullopt;
    const std::vector<Token> tokens = span ? text.tokens(*span) : std::vector<Token>{};
    if (!tokens.empty()) index.definition = text.edited({Edit{tokens.back().span, quote_identifier(to)}});
  }
  table.name = to;
}

void rename_referenced_column(TableModel& table, const std::string& target, const std::string& from,
                              const std::string& to) {
  edit_clauses(table, [&](const DefinitionText& text, const ConstraintText& clause, const ColumnModel*,
                          IndexModel*) -> std::vector<Edit> {
    std::vector<Edit> edits;
    if (!references(clause.constraint, target)) return edits;
    for (const NameList& list : name_lists(text, clause))
      if (list.of == NameList::Of::Referenced) rename_names(text, list.names, from, to, edits);
    return edits;
  }, relation_name(target));
}

void rename_referenced_table(TableModel& table, const std::string& target, const std::string& to) {
  edit_clauses(table, [&](const DefinitionText& text, const ConstraintText& clause, const ColumnModel*,
                          IndexModel*) -> std::vector<Edit> {
    if (!references(clause.constraint, target)) return {};
    const auto span = relation_span(text, clause.constraint->pktable);
    const std::vector<Token> tokens = span ? text.tokens(*span) : std::vector<Token>{};
    if (tokens.empty()) return {};
    return {Edit{tokens.back().span, quote_identifier(to)}};
  }, relation_name(target));
}

}  // namespace dsqlint
