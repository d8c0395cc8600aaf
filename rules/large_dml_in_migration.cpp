#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "expression_walk.h"
#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

constexpr int64_t kRowLimit = 3000;
constexpr int64_t kMany = std::numeric_limits<int64_t>::max();

/// How many rows a query yields, as far as its text tells: exactly `bound`, at most
/// `bound`, or unknown (no bound) when the data decides.
struct Rows {
  std::optional<int64_t> bound;
  bool exact = false;
};

Rows exactly(int64_t n) { return {n, true}; }
Rows at_most(Rows rows) { return {rows.bound, false}; }

int64_t saturating_add(int64_t a, int64_t b) { return __builtin_add_overflow(a, b, &a) ? kMany : a; }
int64_t saturating_mul(int64_t a, int64_t b) { return __builtin_mul_overflow(a, b, &a) ? kMany : a; }

Rows product(Rows a, Rows b) {
  if (!a.bound || !b.bound) return {};
  return {saturating_mul(*a.bound, *b.bound), a.exact && b.exact};
}

template <typename T>
const T* node_as(const Node* node, NodeTag tag) {
  return node && nodeTag(node) == tag ? reinterpret_cast<const T*>(node) : nullptr;
}

/// An integer literal (`5000`, `-1`, `10000000000`, `5000::int`); nullopt for anything else.
std::optional<int64_t> integer_constant(const Node* node) {
  if (const auto* cast = node_as<TypeCast>(node, T_TypeCast)) node = cast->arg;
  const auto* constant = node_as<A_Const>(node, T_A_Const);
  if (!constant || constant->isnull) return std::nullopt;
  if (IsA(&constant->val, Integer)) return constant->val.ival.ival;
  if (!IsA(&constant->val, Float)) return std::nullopt;
  const std::string_view text = constant->val.fval.fval;
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// The rows of generate_series(a, b[, step]) over integer constants; nullopt otherwise.
std::optional<int64_t> series_length(const FuncCall* call) {
  const int arguments = list_length(call->args);
  if (called_function(call) != "generate_series" || arguments < 2 || arguments > 3) return std::nullopt;
  const auto first = integer_constant(static_cast<const Node*>(linitial(call->args)));
  const auto last = integer_constant(static_cast<const Node*>(lsecond(call->args)));
  const auto step = arguments == 3 ? integer_constant(static_cast<const Node*>(lthird(call->args))) : 1;
  if (!first || !last || !step || *step == 0) return std::nullopt;
  const __int128 distance = static_cast<__int128>(*last) - *first;
  if (distance != 0 && (distance < 0) != (*step < 0)) return 0;  // runs away from its end: no rows
  const __int128 steps = distance / *step;
  return steps >= kMany ? kMany : static_cast<int64_t>(steps) + 1;
}

/// Set-returning functions whose row count the text does not tell.
bool is_other_set_function(std::string_view name) {
  static constexpr std::array<std::string_view, 13> kNames{
      "generate_series",      "generate_subscripts",        "unnest",          "json_array_elements",
      "jsonb_array_elements", "json_array_elements_text",   "json_each",       "jsonb_array_elements_text",
      "jsonb_each",           "regexp_split_to_table",      "regexp_matches",  "string_to_table",
      "jsonb_path_query"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

bool is_aggregate(const FuncCall* call) {
  static constexpr std::array<std::string_view, 12> kNames{"count",    "sum",       "avg",        "min",
                                                           "max",      "array_agg", "string_agg", "json_agg",
                                                           "jsonb_agg", "bool_and", "bool_or",    "every"};
  if (call->over) return false;  // a window function keeps every row
  if (call->agg_star || call->agg_distinct || call->agg_order || call->agg_filter) return true;
  return std::find(kNames.begin(), kNames.end(), called_function(call)) != kNames.end();
}

/// What the select list does to the row count: set-returning calls multiply it (by the
/// longest generate_series), aggregates fold it to one row.
struct SelectList {
  Rows factor = exactly(1);
  bool aggregates = false;
};

SelectList read_select_list(const List* targets) {
  SelectList list;
  auto visit = [&list](const Node* node) {
    const auto* call = node_as<FuncCall>(node, T_FuncCall);
    if (!call) return false;
    list.aggregates |= is_aggregate(call);
    if (const auto length = series_length(call); length && list.factor.bound)
      list.factor.bound = std::max(*list.factor.bound, *length);
    else if (is_other_set_function(called_function(call))) list.factor = {};
    return false;
  };
  walk_expression(reinterpret_cast<const Node*>(targets), visit);
  return list;
}

Rows query_rows(const Node* query);

/// The rows of one FROM item: generate_series (ROWS FROM: the longest), or a subquery.
Rows from_item_rows(const Node* item) {
  if (const auto* subselect = node_as<RangeSubselect>(item, T_RangeSubselect)) return query_rows(subselect->subquery);
  const auto* function = node_as<RangeFunction>(item, T_RangeFunction);
  if (!function) return {};
  int64_t longest = 0;
  const ListCell* cell;
  foreach (cell, function->functions) {
    const auto* call = node_as<FuncCall>(static_cast<const Node*>(linitial(lfirst_node(List, cell))), T_FuncCall);
    const auto length = call ? series_length(call) : std::nullopt;
    if (!length) return {};
    longest = std::max(longest, *length);
  }
  return exactly(longest);
}

/// A plain SELECT (or VALUES): its FROM items cross-joined, times its select list; a
/// filter, grouping or DISTINCT leaves only an upper bound.
Rows simple_rows(const SelectStmt* select) {
  if (select->valuesLists) return exactly(list_length(select->valuesLists));
  const SelectList list = read_select_list(select->targetList);
  if (list.aggregates && !select->groupClause) return select->havingClause ? at_most(exactly(1)) : exactly(1);
  Rows rows = list.factor;
  const ListCell* cell;
  foreach (cell, select->fromClause) rows = product(rows, from_item_rows(static_cast<const Node*>(lfirst(cell))));
  const bool filtered = select->whereClause || select->groupClause || select->havingClause || select->distinctClause;
  return filtered ? at_most(rows) : rows;
}

/// UNION ALL adds up; UNION may drop duplicates; INTERSECT and EXCEPT keep at most the left.
Rows set_operation_rows(const SelectStmt* select) {
  const Rows left = query_rows(reinterpret_cast<const Node*>(select->larg));
  if (select->op != SETOP_UNION) return at_most(left);
  const Rows right = query_rows(reinterpret_cast<const Node*>(select->rarg));
  if (!left.bound || !right.bound) return {};
  return {saturating_add(*left.bound, *right.bound), select->all && left.exact && right.exact};
}

/// LIMIT ALL and OFFSET NULL: the clause is there and changes nothing.
bool is_null_constant(const Node* node) {
  const auto* constant = node_as<A_Const>(node, T_A_Const);
  return constant && constant->isnull;
}

/// OFFSET k removes up to k rows; LIMIT n (FETCH FIRST n ROWS ONLY) keeps at most n. A bound
/// that is not a constant leaves only an upper bound.
Rows limited(Rows rows, const SelectStmt* select) {
  const auto offset = integer_constant(select->limitOffset);
  if (offset && rows.bound) rows.bound = std::max<int64_t>(*rows.bound - std::max<int64_t>(*offset, 0), 0);
  if (select->limitOffset && !offset && !is_null_constant(select->limitOffset)) rows.exact = false;
  const auto limit = integer_constant(select->limitCount);
  if (!select->limitCount || is_null_constant(select->limitCount)) return rows;
  if (!limit || select->limitOption == LIMIT_OPTION_WITH_TIES) return at_most(rows);
  if (!rows.bound) return {std::max<int64_t>(*limit, 0), false};
  return {std::min(*rows.bound, std::max<int64_t>(*limit, 0)), rows.exact};
}

Rows query_rows(const Node* query) {
  const auto* select = node_as<SelectStmt>(query, T_SelectStmt);
  if (!select) return {};
  return limited(select->op == SETOP_NONE ? simple_rows(select) : set_operation_rows(select), select);
}

/// The rows an INSERT writes: DO NOTHING on conflict, or DO UPDATE ... WHERE, may write fewer.
Rows inserted_rows(const InsertStmt* insert) {
  if (!insert->selectStmt) return exactly(1);  // DEFAULT VALUES
  Rows rows = query_rows(insert->selectStmt);
  const OnConflictClause* conflict = insert->onConflictClause;
  if (conflict && (conflict->action == ONCONFLICT_NOTHING || conflict->whereClause)) rows.exact = false;
  return rows;
}

constexpr std::string_view kBatchHelp =
    "change the rows in batches of at most 3,000 per transaction, by key range (WHERE id >= ... AND id < ...); "
    "dsqlint cannot see how many rows the table holds";

void check_insert(const Statement& stmt, const InsertStmt* insert, Findings& out) {
  const Rows rows = inserted_rows(insert);
  if (rows.bound && *rows.bound <= kRowLimit) return;
  const std::string table = display_name(insert->relation);
  const auto* select = node_as<SelectStmt>(insert->selectStmt, T_SelectStmt);
  const std::string_view keyword = select && select->valuesLists ? "VALUES" : "SELECT";
  const auto word = stmt.find_word(keyword, stmt.offset(insert->relation->location));  // past any WITH
  const Span at = word ? word->span : stmt.word_or_start(keyword);
  if (rows.exact) {
    // Known to fail as written: refused before apply touches the database.
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects this INSERT of {} rows into table {}: a transaction changes at most 3,000 "
                           "rows (54000)",
                           *rows.bound, table))
        .at(at)
        .help("split it into INSERT statements of at most 3,000 rows (shorter VALUES lists, or generate_series "
              "ranges), each in its own transaction");
    return;
  }
  const std::string count = rows.bound ? fmt::format("up to {} rows, as many as the data lets through", *rows.bound)
                                        : std::string("as many rows as its query finds at run time");
  out.report(stmt, StatementClass::Ok,
             fmt::format("DSQL limits a transaction to 3,000 changed rows and 10 MiB, and this INSERT into table {} "
                         "writes {}",
                         table, count))
      .at(at)
      .help(std::string(kBatchHelp));
}

/// UPDATE and DELETE have no LIMIT: without WHERE they change every row of the table.
void report_unfiltered(const Statement& stmt, Findings& out, std::string_view verb, const RangeVar* table) {
  out.report(stmt, StatementClass::Ok,
             fmt::format("DSQL limits a transaction to 3,000 changed rows, and this {} {} table {} has no WHERE "
                         "clause",
                         verb, verb == "UPDATE" ? "of" : "from", display_name(table)))
      .at(stmt.word_or_start(verb))
      .help(std::string(kBatchHelp));
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (const auto* insert = node_as<InsertStmt>(stmt.node(), T_InsertStmt)) return check_insert(stmt, insert, out);
  if (const auto* update = node_as<UpdateStmt>(stmt.node(), T_UpdateStmt); update && !update->whereClause)
    return report_unfiltered(stmt, out, "UPDATE", update->relation);
  if (const auto* del = node_as<DeleteStmt>(stmt.node(), T_DeleteStmt); del && !del->whereClause)
    report_unfiltered(stmt, out, "DELETE", del->relation);
}

const RuleRegistrar kRule{{
    .id = "large-dml-in-migration",
    .summary = "INSERT of more than 3,000 rows, or UPDATE/DELETE/INSERT whose row count only the data decides",
    .klass = StatementClass::Ok,
    .nodes = {T_InsertStmt, T_UpdateStmt, T_DeleteStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
