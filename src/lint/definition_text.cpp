#include "lint/definition_text.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/edits.h"

namespace dsqlint {

namespace {

constexpr std::string_view kElementPrefix = "CREATE TABLE t (\n";

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

bool is_name(const Token& token) { return token.kind == TokenKind::Word || token.kind == TokenKind::QuotedIdent; }

/// The index past a (possibly qualified) name starting at tokens[i].
size_t past_name(const std::vector<Token>& tokens, size_t i) {
  while (i < tokens.size() && is_name(tokens[i])) {
    if (i + 1 >= tokens.size() || tokens[i + 1].kind != TokenKind::Dot) return i + 1;
    i += 2;
  }
  return i;
}

/// What the parenthesised list opening at tokens[open] lists, if names.
std::optional<NameList::Of> list_kind(const Statement& stmt, const std::vector<Token>& tokens, size_t open,
                                      std::optional<Span> referenced) {
  if (open == 0) return std::nullopt;
  const Token& before = tokens[open - 1];
  if (referenced && before.span.end == referenced->end) return NameList::Of::Referenced;
  for (const std::string_view word : {"KEY", "UNIQUE", "DISTINCT", "INCLUDE"})
    if (token_is_word(stmt, before, word)) return NameList::Of::Columns;
  // ON DELETE SET NULL (a, b) / SET DEFAULT (a)
  if ((token_is_word(stmt, before, "NULL") || token_is_word(stmt, before, "DEFAULT")) && open >= 2 &&
      token_is_word(stmt, tokens[open - 2], "SET"))
    return NameList::Of::Columns;
  return std::nullopt;
}

std::vector<NameList> lists_in(const Statement& stmt, const std::vector<Token>& tokens, std::optional<Span> referenced) {
  std::vector<NameList> out;
  std::optional<NameList> current;
  int depth = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::LParen) {
      if (depth++ == 0)
        if (const auto of = list_kind(stmt, tokens, i, referenced)) current = NameList{.of = *of};
    } else if (tokens[i].kind == TokenKind::RParen) {
      if (--depth == 0 && current) out.push_back(std::move(*current)), current.reset();
    } else if (current && depth == 1 && is_name(tokens[i])) {
      current->names.push_back(tokens[i]);
    }
  }
  return out;
}

void collect_refs(const Node* node, std::vector<const ColumnRef*>& out) {
  if (!node) return;
  const auto walk = [&out](const void* child) { collect_refs(static_cast<const Node*>(child), out); };
  switch (nodeTag(node)) {
    case T_ColumnRef: out.push_back(reinterpret_cast<const ColumnRef*>(node)); return;
    case T_List: {
      const ListCell* cell;
      foreach (cell, reinterpret_cast<const List*>(node)) walk(lfirst(cell));
      return;
    }
    case T_A_Expr: walk(reinterpret_cast<const A_Expr*>(node)->lexpr), walk(reinterpret_cast<const A_Expr*>(node)->rexpr); return;
    case T_BoolExpr: walk(reinterpret_cast<const BoolExpr*>(node)->args); return;
    case T_FuncCall: {
      const auto* call = reinterpret_cast<const FuncCall*>(node);
      walk(call->args), walk(call->agg_filter), walk(call->agg_order);
      return;
    }
    case T_TypeCast: walk(reinterpret_cast<const TypeCast*>(node)->arg); return;
    case T_NullTest: walk(reinterpret_cast<const NullTest*>(node)->arg); return;
    case T_BooleanTest: walk(reinterpret_cast<const BooleanTest*>(node)->arg); return;
    case T_CollateClause: walk(reinterpret_cast<const CollateClause*>(node)->arg); return;
    case T_NamedArgExpr: walk(reinterpret_cast<const NamedArgExpr*>(node)->arg); return;
    case T_A_Indirection:
      walk(reinterpret_cast<const A_Indirection*>(node)->arg), walk(reinterpret_cast<const A_Indirection*>(node)->indirection);
      return;
    case T_A_Indices: walk(reinterpret_cast<const A_Indices*>(node)->lidx), walk(reinterpret_cast<const A_Indices*>(node)->uidx); return;
    case T_CoalesceExpr: walk(reinterpret_cast<const CoalesceExpr*>(node)->args); return;
    case T_MinMaxExpr: walk(reinterpret_cast<const MinMaxExpr*>(node)->args); return;
    case T_RowExpr: walk(reinterpret_cast<const RowExpr*>(node)->args); return;
    case T_A_ArrayExpr: walk(reinterpret_cast<const A_ArrayExpr*>(node)->elements); return;
    case T_SortBy: walk(reinterpret_cast<const SortBy*>(node)->node); return;
    case T_SubLink: walk(reinterpret_cast<const SubLink*>(node)->testexpr); return;
    case T_CaseExpr: {
      const auto* expr = reinterpret_cast<const CaseExpr*>(node);
      walk(expr->arg), walk(expr->args), walk(expr->defresult);
      return;
    }
    case T_CaseWhen: walk(reinterpret_cast<const CaseWhen*>(node)->expr), walk(reinterpret_cast<const CaseWhen*>(node)->result); return;
    default: return;
  }
}

/// What an index expression is called (FigureColname), or "" when it has no name.
std::string expression_name(const Node* node) {
  if (!node) return "";
  switch (nodeTag(node)) {
    case T_ColumnRef: return column_ref_name(reinterpret_cast<const ColumnRef*>(node));
    case T_FuncCall: return strVal(llast(reinterpret_cast<const FuncCall*>(node)->funcname));
    case T_CollateClause: return expression_name(reinterpret_cast<const CollateClause*>(node)->arg);
    case T_TypeCast: {
      const auto* cast = reinterpret_cast<const TypeCast*>(node);
      const std::string name = expression_name(cast->arg);
      if (!name.empty() || !cast->typeName) return name;
      return strVal(llast(cast->typeName->names));
    }
    case T_CaseExpr: return "case";
    case T_CoalesceExpr: return "coalesce";
    case T_MinMaxExpr: return reinterpret_cast<const MinMaxExpr*>(node)->op == IS_GREATEST ? "greatest" : "least";
    case T_A_ArrayExpr: return "array";
    case T_RowExpr: return "row";
    case T_A_Expr: return reinterpret_cast<const A_Expr*>(node)->kind == AEXPR_NULLIF ? "nullif" : "";
    default: return "";
  }
}

/// The index model of an inline PRIMARY KEY or UNIQUE clause of `column`, if any.
IndexModel* inline_key(TableModel& table, const ColumnModel& column, const Constraint* clause) {
  if (clause->contype != CONSTR_PRIMARY && clause->contype != CONSTR_UNIQUE) return nullptr;
  for (IndexModel& index : table.indexes)
    if (index.definition == column.definition && index.primary == (clause->contype == CONSTR_PRIMARY) &&
        index_text(index) == IndexText::Column)
      return &index;
  return nullptr;
}

}  // namespace

bool mentions(std::string_view text, std::string_view name) {
  if (name.empty() || name.find('"') != std::string_view::npos) return true;  // written with doubled quotes
  const auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  return std::search(text.begin(), text.end(), name.begin(), name.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

DefinitionText::DefinitionText(std::string_view text, Form form)
    : file_(make_source("catalog", form == Form::Element ? std::string(kElementPrefix) + std::string(text) + "\n)"
                                                           : std::string(text))),
      parsed_(parse_file(file_)) {
  const auto begin = static_cast<uint32_t>(form == Form::Element ? kElementPrefix.size() : 0);
  span_ = Span{begin, begin + static_cast<uint32_t>(text.size())};
  if (parsed_.statements.size() != 1 || parsed_.statements[0].kind != SyntaxKind::Postgres || !parsed_.statements[0].node)
    return;
  stmt_.emplace(parsed_.statements[0], file_, 1);
  if (form == Form::Statement) return;
  const auto* create = stmt_->as<CreateStmt>();
  const auto* element = create && list_length(create->tableElts) == 1 ? static_cast<const Node*>(linitial(create->tableElts))
                                                                       : nullptr;
  if (element && IsA(element, ColumnDef)) column_ = reinterpret_cast<const ColumnDef*>(element);
  else if (element && IsA(element, Constraint)) constraint_ = reinterpret_cast<const Constraint*>(element);
  else stmt_.reset();
}

const IndexStmt* DefinitionText::index() const { return stmt_ ? stmt_->as<IndexStmt>() : nullptr; }

std::vector<ConstraintText> DefinitionText::clauses() const {
  if (column_) return column_constraint_texts(*stmt_, column_);
  if (constraint_) return {ConstraintText{constraint_, span_, Span{}}};
  return {};
}

std::vector<Token> DefinitionText::tokens(Span span) const {
  std::vector<Token> out;
  Lexer lexer(file_.text, span.begin, span.end);
  for (Token t = lexer.next_significant(); t.kind != TokenKind::End; t = lexer.next_significant()) out.push_back(t);
  return out;
}

std::string DefinitionText::edited(std::vector<Edit> edits) const {
  return trimmed(apply_edits(slice(span_), span_.begin, std::move(edits)));
}

std::optional<ConstraintLabel> constraint_label(ConstrType type) {
  switch (type) {
    case CONSTR_PRIMARY: return ConstraintLabel::PrimaryKey;
    case CONSTR_UNIQUE: return ConstraintLabel::Unique;
    case CONSTR_FOREIGN: return ConstraintLabel::ForeignKey;
    case CONSTR_CHECK: return ConstraintLabel::Check;
    default: return std::nullopt;
  }
}

bool is_constraint_attribute(const Constraint* constraint) {
  switch (constraint->contype) {
    case CONSTR_ATTR_DEFERRABLE:
    case CONSTR_ATTR_NOT_DEFERRABLE:
    case CONSTR_ATTR_DEFERRED:
    case CONSTR_ATTR_IMMEDIATE: return true;
    default: return false;
  }
}

std::vector<const ColumnRef*> column_refs(const Node* expression) {
  std::vector<const ColumnRef*> out;
  collect_refs(expression, out);
  return out;
}

std::string column_ref_name(const ColumnRef* ref) {
  const auto* last = list_length(ref->fields) > 0 ? static_cast<const Node*>(llast(ref->fields)) : nullptr;
  return last && IsA(last, String) ? strVal(last) : "";
}

std::optional<Token> column_ref_token(const DefinitionText& text, const ColumnRef* ref) {
  if (ref->location < 0 || !text.stmt()) return std::nullopt;
  const uint32_t begin = text.stmt()->offset(ref->location);
  const std::vector<Token> tokens = text.tokens(Span{begin, text.stmt()->span().end});
  const size_t end = past_name(tokens, 0);
  if (end == 0) return std::nullopt;
  return tokens[end - 1];
}

std::vector<NameList> name_lists(const DefinitionText& text, const ConstraintText& clause) {
  if (!text.stmt()) return {};
  std::optional<Span> referenced;
  if (clause.constraint->contype == CONSTR_FOREIGN) referenced = relation_span(text, clause.constraint->pktable);
  return lists_in(*text.stmt(), text.tokens(clause.span), referenced);
}

std::vector<NameList> name_lists(const DefinitionText& text) {
  return text.stmt() ? lists_in(*text.stmt(), text.tokens(), std::nullopt) : std::vector<NameList>{};
}

std::vector<std::string> index_column_names(const IndexStmt* index) {
  std::vector<std::string> out;
  for (const List* list : {index->indexParams, index->indexIncludingParams}) {
    const ListCell* cell;
    foreach (cell, list) {
      const auto* elem = static_cast<const IndexElem*>(lfirst(cell));
      std::string name = elem->name ? elem->name : elem->indexcolname ? elem->indexcolname : expression_name(elem->expr);
      out.push_back(name.empty() ? "expr" : std::move(name));
    }
  }
  return out;
}

std::optional<Span> collate_clause(const DefinitionText& text) {
  const ColumnDef* column = text.column();
  if (!column || !column->collClause || column->collClause->location < 0) return std::nullopt;
  const uint32_t at = text.stmt()->offset(column->collClause->location);
  const std::vector<Token> tokens = text.tokens();
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].span.begin != at) continue;
    const size_t end = past_name(tokens, i + 1);
    if (end == i + 1) return std::nullopt;
    return Span{tokens[i - 1].span.end, tokens[end - 1].span.end};
  }
  return std::nullopt;
}

std::optional<Span> relation_span(const DefinitionText& text, const RangeVar* relation) {
  if (!text.stmt() || !relation || relation->location < 0) return std::nullopt;
  const uint32_t begin = text.stmt()->offset(relation->location);
  const std::vector<Token> tokens = text.tokens(Span{begin, text.stmt()->span().end});
  const size_t end = past_name(tokens, 0);
  if (end == 0) return std::nullopt;
  return Span{tokens[0].span.begin, tokens[end - 1].span.end};
}

IndexText index_text(const IndexModel& index) {
  const Token first = Lexer(index.definition).next_significant();
  if (is_word(index.definition, first, "CREATE")) return IndexText::Statement;
  for (const std::string_view word : {"CONSTRAINT", "PRIMARY", "UNIQUE"})
    if (is_word(index.definition, first, word)) return IndexText::Clause;
  return IndexText::Column;
}

void set_definition(TableModel& table, ColumnModel& column, std::string text) {
  for (IndexModel& index : table.indexes)
    if (index.definition == column.definition) index.definition = text;
  column.definition = std::move(text);
}

void edit_clauses(TableModel& table, const ClauseEditor& edit, std::string_view mention) {
  for (ColumnModel& column : table.columns) {
    if (!mentions(column.definition, mention)) continue;
    const DefinitionText text(column.definition);
    std::vector<Edit> edits;
    for (const ConstraintText& clause : text.clauses())
      for (Edit& e : edit(text, clause, &column, inline_key(table, column, clause.constraint))) edits.push_back(std::move(e));
    if (!edits.empty()) set_definition(table, column, text.edited(std::move(edits)));
  }
  const auto edit_element = [&](std::string& definition, IndexModel* key) {
    if (!mentions(definition, mention)) return;
    const DefinitionText text(definition);
    std::vector<Edit> edits;
    for (const ConstraintText& clause : text.clauses())
      for (Edit& e : edit(text, clause, nullptr, key)) edits.push_back(std::move(e));
    if (!edits.empty()) definition = text.edited(std::move(edits));
  };
  for (std::string& constraint : table.constraints) edit_element(constraint, nullptr);
  for (IndexModel& index : table.indexes)
    if (mentions(index.definition, mention) && index_text(index) == IndexText::Clause) edit_element(index.definition, &index);
}

std::vector<IndexModel> remove_clauses(TableModel& table, const std::function<bool(const Constraint*, const ColumnModel*)>& drop,
                                       std::string_view mention) {
  std::set<std::string> removed;
  for (ColumnModel& column : table.columns) {
    if (!mentions(column.definition, mention)) continue;
    const DefinitionText text(column.definition);
    std::vector<Edit> edits;
    bool dropping = false;
    for (const ConstraintText& clause : text.clauses()) {
      dropping = is_constraint_attribute(clause.constraint) ? dropping : drop(clause.constraint, &column);
      if (!dropping) continue;
      edits.push_back(Edit{clause.remove, ""});
      if (clause.constraint->conname) removed.insert(clause.constraint->conname);
    }
    if (!edits.empty()) set_definition(table, column, text.edited(std::move(edits)));
  }
  std::erase_if(table.constraints, [&](const std::string& definition) {
    if (!mentions(definition, mention)) return false;
    const DefinitionText text(definition);
    return text.constraint() && drop(text.constraint(), nullptr);
  });
  std::vector<IndexModel> keys;
  std::erase_if(table.indexes, [&](const IndexModel& index) {
    const IndexText form = index_text(index);
    const DefinitionText text(form == IndexText::Clause && mentions(index.definition, mention) ? index.definition : "");
    const bool gone = form == IndexText::Column ? removed.contains(index.name)
                                                 : text.constraint() && drop(text.constraint(), nullptr);
    if (gone) keys.push_back(index);
    return gone;
  });
  return keys;
}

}  // namespace dsqlint
