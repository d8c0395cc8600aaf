#include "parse/references.h"

#include <algorithm>

#include "catalog/object_key.h"
#include "parse/deparse.h"
#include "parse/pg.h"

extern "C" bool dsqlint_collect_references(Node* node, List** refs);

namespace dsqlint {

namespace {

/// Every ColumnRef and RangeVar under `node`; nullopt when the walker cannot read the tree.
std::optional<std::vector<Node*>> references(const Node* node) {
  List* refs = NIL;
  if (!node || !dsqlint_collect_references(const_cast<Node*>(node), &refs)) return std::nullopt;
  std::vector<Node*> out;
  ListCell* cell;
  foreach (cell, refs) out.push_back(static_cast<Node*>(lfirst(cell)));
  return out;
}

std::string relation_key_of(const RangeVar* relation) {
  return object_key(relation->schemaname ? relation->schemaname : "public", relation->relname);
}

/// The names of a column reference: ["t", "c"] for t.c; an empty list for t.*.
std::vector<std::string_view> ref_names(const ColumnRef* ref) {
  std::vector<std::string_view> names;
  const ListCell* cell;
  foreach (cell, ref->fields) {
    const auto* field = static_cast<const Node*>(lfirst(cell));
    if (!IsA(field, String)) return {};
    names.emplace_back(strVal(field));
  }
  return names;
}

/// Points the last name of `ref` at `to`.
void rename_ref(ColumnRef* ref, std::string_view to) {
  llast(ref->fields) = makeString(pstrdup(std::string(to).c_str()));
}

/// Renames the references to column `from` whose qualifier is one of `qualifiers` (or that
/// are unqualified, when `unqualified`); returns those renamed.
std::vector<const Node*> rename_refs(const std::vector<Node*>& refs, const std::vector<std::string>& qualifiers,
                                     bool unqualified, std::string_view from, std::string_view to) {
  std::vector<const Node*> renamed;
  for (Node* node : refs) {
    if (!IsA(node, ColumnRef)) continue;
    auto* ref = castNode(ColumnRef, node);
    const std::vector<std::string_view> names = ref_names(ref);
    if (names.empty() || names.back() != from) continue;
    const bool match = names.size() == 1 ? unqualified
                                         : std::find(qualifiers.begin(), qualifiers.end(), names[names.size() - 2]) !=
                                               qualifiers.end();
    if (!match) continue;
    rename_ref(ref, to);
    renamed.push_back(node);
  }
  return renamed;
}

/// A top-level output column that is one of the `renamed` references, unnamed: name it
/// `from`, so the view's column keeps its name when the column it reads is renamed.
void keep_output_names(SelectStmt* select, const std::vector<const Node*>& renamed, std::string_view from) {
  ListCell* cell;
  foreach (cell, select->targetList) {
    auto* target = castNode(ResTarget, lfirst(cell));
    if (target->name || std::find(renamed.begin(), renamed.end(), target->val) == renamed.end()) continue;
    target->name = pstrdup(std::string(from).c_str());
  }
}

}  // namespace

std::optional<std::vector<std::string>> referenced_columns(const Node* expression) {
  const auto refs = references(expression);
  if (!refs) return std::nullopt;
  std::vector<std::string> out;
  for (Node* node : *refs) {
    if (!IsA(node, ColumnRef)) continue;
    const std::vector<std::string_view> names = ref_names(castNode(ColumnRef, node));
    if (names.empty()) continue;
    if (std::find(out.begin(), out.end(), names.back()) == out.end()) out.emplace_back(names.back());
  }
  return out;
}

std::vector<std::string> referenced_relations(const Node* query) {
  std::vector<std::string> out;
  for (Node* node : references(query).value_or(std::vector<Node*>{})) {
    if (!IsA(node, RangeVar)) continue;
    std::string key = relation_key_of(castNode(RangeVar, node));
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
  }
  return out;
}

std::string own_expression_sql(const Node* expression, const RangeVar* table) {
  if (!expression || !table || !table->relname) return expression_sql(expression);
  const std::string_view schema = table->schemaname ? table->schemaname : "public";
  // Unqualified for the deparse only: the parse tree is the statement's, read again later.
  std::vector<std::pair<ColumnRef*, List*>> qualified;
  for (Node* node : references(expression).value_or(std::vector<Node*>{})) {
    if (!IsA(node, ColumnRef)) continue;
    auto* ref = castNode(ColumnRef, node);
    const std::vector<std::string_view> names = ref_names(ref);
    if (names.size() < 2 || names.size() > 3 || names[names.size() - 2] != table->relname) continue;
    if (names.size() == 3 && names[0] != schema) continue;
    qualified.emplace_back(ref, ref->fields);
    ref->fields = list_make1(llast(ref->fields));
  }
  std::string sql = expression_sql(expression);
  for (const auto& [ref, fields] : qualified) ref->fields = fields;
  return sql;
}

std::string rename_column_in_expression(std::string_view sql, std::string_view table, std::string_view from,
                                        std::string_view to) {
  if (sql.find(from) == std::string_view::npos) return std::string(sql);  // cannot name it: nothing to parse
  ParsedFile arena;
  Node* expression = parse_expression(arena, sql);
  const auto refs = references(expression);
  if (!refs || rename_refs(*refs, {std::string(table)}, true, from, to).empty()) return std::string(sql);
  const std::string renamed = expression_sql(expression);
  return renamed.empty() ? std::string(sql) : renamed;
}

std::string rename_relation_in_query(std::string_view sql, std::string_view from_key, std::string_view to_name) {
  ParsedFile arena;
  const auto statement = parse_fragment(arena, std::string(sql), 0);
  if (!statement || !statement->node) return std::string(sql);
  const auto refs = references(statement->node);
  if (!refs) return std::string(sql);
  std::vector<std::string> bare_names;  // references qualified by the old name follow it
  bool changed = false;
  for (Node* node : *refs) {
    if (!IsA(node, RangeVar)) continue;
    auto* relation = castNode(RangeVar, node);
    if (relation_key_of(relation) != from_key) continue;
    if (!relation->alias) bare_names.emplace_back(relation->relname);
    relation->relname = pstrdup(std::string(to_name).c_str());
    changed = true;
  }
  if (!changed) return std::string(sql);
  for (Node* node : *refs) {
    if (!IsA(node, ColumnRef)) continue;
    auto* ref = castNode(ColumnRef, node);
    const std::vector<std::string_view> names = ref_names(ref);
    if (names.size() < 2) continue;
    const std::string qualifier(names[names.size() - 2]);
    if (std::find(bare_names.begin(), bare_names.end(), qualifier) == bare_names.end()) continue;
    ListCell* cell = list_nth_cell(ref->fields, list_length(ref->fields) - 2);
    lfirst(cell) = makeString(pstrdup(std::string(to_name).c_str()));
  }
  return deparse(statement->node).value_or(std::string(sql));
}

std::string rename_column_in_query(std::string_view sql, std::string_view table_key, std::string_view from,
                                   std::string_view to) {
  ParsedFile arena;
  const auto statement = parse_fragment(arena, std::string(sql), 0);
  if (!statement || !statement->node || !IsA(statement->node, SelectStmt)) return std::string(sql);
  const auto refs = references(statement->node);
  if (!refs) return std::string(sql);
  std::vector<std::string> qualifiers;
  size_t relations = 0;
  for (Node* node : *refs) {
    if (!IsA(node, RangeVar)) continue;
    ++relations;
    const auto* relation = castNode(RangeVar, node);
    if (relation_key_of(relation) == table_key)
      qualifiers.emplace_back(relation->alias ? relation->alias->aliasname : relation->relname);
  }
  if (qualifiers.empty()) return std::string(sql);
  const std::vector<const Node*> renamed = rename_refs(*refs, qualifiers, relations == 1, from, to);
  if (renamed.empty()) return std::string(sql);
  keep_output_names(castNode(SelectStmt, statement->node), renamed, from);
  return deparse(statement->node).value_or(std::string(sql));
}

}  // namespace dsqlint
