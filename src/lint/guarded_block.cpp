#include "lint/guarded_block.h"

#include <map>

#include "lint/rule.h"
#include "parse/deparse.h"
#include "parse/pg.h"

extern "C" bool dsqlint_collect_references(Node* node, List** refs);

namespace dsqlint {

namespace {

/// The conditions a guard's handler may swallow: the object is there already (or, for a
/// guarded DROP, gone already). Anything else is an error the block would have hidden.
const std::map<std::string, std::string, std::less<>>& guard_conditions() {
  static const std::map<std::string, std::string, std::less<>> codes = {
      {"duplicate_object", "42710"}, {"duplicate_table", "42P07"},  {"duplicate_column", "42701"},
      {"duplicate_schema", "42P06"}, {"duplicate_function", "42723"}, {"undefined_object", "42704"},
      {"undefined_table", "42P01"},  {"undefined_column", "42703"}};
  return codes;
}

/// Whether a relation of a guard's query is PostgreSQL's catalog: pg_* (unqualified or in
/// pg_catalog) or information_schema.*.
bool catalog_relation(const RangeVar* relation) {
  const std::string_view schema = relation->schemaname ? relation->schemaname : "";
  const std::string_view name = relation->relname ? relation->relname : "";
  if (schema == "information_schema") return true;
  return (schema.empty() || schema == "pg_catalog") && name.starts_with("pg_");
}

/// Why `condition` is not `[NOT] EXISTS (a query of the catalog)`; empty when it is.
std::string condition_problem(const std::string& condition, ParsedFile& arena) {
  Node* node = parse_expression(arena, condition);
  if (!node) return "its IF condition is not one expression";
  if (IsA(node, BoolExpr) && castNode(BoolExpr, node)->boolop == NOT_EXPR &&
      list_length(castNode(BoolExpr, node)->args) == 1)
    node = static_cast<Node*>(linitial(castNode(BoolExpr, node)->args));
  if (!IsA(node, SubLink) || castNode(SubLink, node)->subLinkType != EXISTS_SUBLINK)
    return "its IF condition is not [NOT] EXISTS (SELECT ...)";
  List* references = nullptr;
  if (!dsqlint_collect_references(castNode(SubLink, node)->subselect, &references))
    return "its IF condition cannot be read";
  bool reads = false;
  ListCell* cell;
  foreach (cell, references) {
    if (!IsA(lfirst(cell), RangeVar)) continue;
    if (!catalog_relation(lfirst_node(RangeVar, cell))) return "its IF condition reads a table, not the catalog";
    reads = true;
  }
  return reads ? "" : "its IF condition reads no catalog table";
}

}  // namespace

GuardedBlock read_guarded_block(const DoBlock& block, ParsedFile& arena) {
  GuardedBlock out;
  if (block.language != "plpgsql") {
    out.reason = "its language is " + block.language;
    return out;
  }
  if (!block.parsed) {
    out.reason = "its body is not valid PL/pgSQL (" + block.error + ")";
    return out;
  }
  if (!block.only_sql || block.sql.size() != 1) {
    out.reason = "it runs procedural code, not one guarded statement";
    return out;
  }
  if (!block.if_condition.empty()) {
    if (!block.exception_conditions.empty()) {
      out.reason = "it has both an IF guard and an exception handler";
      return out;
    }
    if (out.reason = condition_problem(block.if_condition, arena); !out.reason.empty()) return out;
    out.run_if_sql = "SELECT " + block.if_condition;
    out.guard = "IF " + block.if_condition;
  } else {
    if (block.exception_conditions.empty()) {
      out.reason = "it guards nothing: no IF and no exception handler";
      return out;
    }
    if (!block.handlers_do_nothing) {
      out.reason = "its exception handler does more than null";
      return out;
    }
    for (const std::string& condition : block.exception_conditions) {
      const auto code = guard_conditions().find(condition);
      if (code == guard_conditions().end()) {
        out.reason = "its handler swallows " + condition + ", which is not an object that exists or is gone already";
        return out;
      }
      out.handled_codes.push_back(code->second);
      out.guard += (out.guard.empty() ? "EXCEPTION WHEN " : " OR ") + condition;
    }
  }
  out.matches = true;
  out.sql = block.sql.front().text;
  out.offset = block.sql.front().offset;
  return out;
}

const GuardedBlock& guarded_block(const Statement& statement, Context& context) {
  auto& cache = context.guarded_cache;
  if (cache && cache->first == statement.index()) return cache->second;
  GuardedBlock block;
  if (drizzle_fk_idiom(statement, context).matches) block.reason = "it is Drizzle's foreign-key idiom";
  else block = read_guarded_block(read_do_block(context.parsed, context.file, statement.parsed()), context.parsed);
  cache.emplace(statement.index(), std::move(block));
  return cache->second;
}

}  // namespace dsqlint
