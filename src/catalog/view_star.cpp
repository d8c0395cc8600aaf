#include "catalog/view_star.h"

#include <optional>
#include <vector>

#include "catalog/object_key.h"
#include "parse/deparse.h"
#include "parse/parsed_file.h"
#include "parse/pg.h"

namespace dsqlint {

namespace {

/// A table of the FROM clause: the name a `t.*` uses for it, and its columns.
struct FromTable {
  std::string name;
  const TableModel* table;
};

/// The tables of a FROM item in order; false when it holds anything else.
bool from_tables(const Node* item, const Catalog& catalog, std::vector<FromTable>& out) {
  if (IsA(item, RangeVar)) {
    const auto* relation = castNode(RangeVar, const_cast<Node*>(item));
    const TableModel* table =
        catalog.table(object_key(relation->schemaname ? relation->schemaname : "public", relation->relname));
    if (!table) return false;
    out.push_back({relation->alias ? relation->alias->aliasname : relation->relname, table});
    return true;
  }
  if (IsA(item, JoinExpr)) {
    const auto* join = castNode(JoinExpr, const_cast<Node*>(item));
    // USING and NATURAL merge the joined columns: * lists them otherwise; an alias renames them.
    if (join->usingClause || join->isNatural || join->alias) return false;
    return from_tables(join->larg, catalog, out) && from_tables(join->rarg, catalog, out);
  }
  return false;
}

Node* column_ref(const std::string& table, const std::string& column) {
  auto* ref = makeNode(ColumnRef);
  ref->fields = list_make2(makeString(pstrdup(table.c_str())), makeString(pstrdup(column.c_str())));
  ref->location = -1;
  return reinterpret_cast<Node*>(ref);
}

/// The star a select-list entry is: "" for `*`, the table's name for `t.*`; nullopt for none.
std::optional<std::string> star_of(const ResTarget* target) {
  if (!target->val || !IsA(target->val, ColumnRef)) return std::nullopt;
  const List* fields = castNode(ColumnRef, target->val)->fields;
  if (!IsA(llast(fields), A_Star)) return std::nullopt;
  if (list_length(fields) == 1) return "";
  if (list_length(fields) == 2 && IsA(linitial(fields), String)) return std::string(strVal(linitial(fields)));
  return std::nullopt;  // schema.table.*: left as written
}

}  // namespace

std::string expand_star(const std::string& query_sql, const Catalog& catalog) {
  if (query_sql.find('*') == std::string::npos) return query_sql;  // most views: nothing to parse
  ParsedFile arena;
  const auto parsed = parse_fragment(arena, query_sql, 0);
  if (!parsed || !parsed->node || !IsA(parsed->node, SelectStmt)) return query_sql;
  auto* select = castNode(SelectStmt, parsed->node);
  if (select->op != SETOP_NONE || select->valuesLists) return query_sql;
  std::vector<FromTable> tables;
  const ListCell* cell;
  foreach (cell, select->fromClause)
    if (!from_tables(static_cast<const Node*>(lfirst(cell)), catalog, tables)) return query_sql;
  List* targets = NIL;
  bool expanded = false;
  foreach (cell, select->targetList) {
    auto* target = static_cast<ResTarget*>(lfirst(cell));
    const auto star = star_of(target);
    if (!star) {
      targets = lappend(targets, target);
      continue;
    }
    bool found = false;
    for (const FromTable& from : tables) {
      if (!star->empty() && from.name != *star) continue;
      found = true;
      for (const ColumnModel& column : from.table->columns) {
        auto* item = makeNode(ResTarget);
        item->val = column_ref(from.name, column.name);
        item->location = -1;
        targets = lappend(targets, item);
      }
    }
    if (!found) return query_sql;
    expanded = true;
  }
  if (!expanded) return query_sql;
  select->targetList = targets;
  return deparse(reinterpret_cast<Node*>(select)).value_or(query_sql);
}

}  // namespace dsqlint
