#pragma once
#include <array>
#include <string>
#include <string_view>

#include "lint/rule_helpers.h"

// Shared by the rules that look inside raw expressions (index keys and predicates,
// generated columns, SELECT lists). Header-only so that rules/ keeps one .cpp per rule.
namespace dsqlint::rules {

/// Calls `visit` on `node` and on every expression below it, depth first, until `visit`
/// returns true; returns whether it did. Subqueries are not entered.
template <typename Visit>
bool walk_expression(const Node* node, Visit& visit) {
  if (!node) return false;
  if (visit(node)) return true;
  const auto walk = [&visit](const void* child) { return walk_expression(static_cast<const Node*>(child), visit); };
  switch (nodeTag(node)) {
    case T_List: {
      const ListCell* cell;
      foreach (cell, reinterpret_cast<const List*>(node))
        if (walk(lfirst(cell))) return true;
      return false;
    }
    case T_FuncCall: {
      const auto* call = reinterpret_cast<const FuncCall*>(node);
      return walk(call->args) || walk(call->agg_filter) || walk(call->agg_order);
    }
    case T_A_Expr: {
      const auto* expr = reinterpret_cast<const A_Expr*>(node);
      return walk(expr->lexpr) || walk(expr->rexpr);
    }
    case T_BoolExpr: return walk(reinterpret_cast<const BoolExpr*>(node)->args);
    case T_TypeCast: return walk(reinterpret_cast<const TypeCast*>(node)->arg);
    case T_NullTest: return walk(reinterpret_cast<const NullTest*>(node)->arg);
    case T_BooleanTest: return walk(reinterpret_cast<const BooleanTest*>(node)->arg);
    case T_CollateClause: return walk(reinterpret_cast<const CollateClause*>(node)->arg);
    case T_NamedArgExpr: return walk(reinterpret_cast<const NamedArgExpr*>(node)->arg);
    case T_A_Indirection: return walk(reinterpret_cast<const A_Indirection*>(node)->arg);
    case T_CoalesceExpr: return walk(reinterpret_cast<const CoalesceExpr*>(node)->args);
    case T_MinMaxExpr: return walk(reinterpret_cast<const MinMaxExpr*>(node)->args);
    case T_RowExpr: return walk(reinterpret_cast<const RowExpr*>(node)->args);
    case T_A_ArrayExpr: return walk(reinterpret_cast<const A_ArrayExpr*>(node)->elements);
    case T_SortBy: return walk(reinterpret_cast<const SortBy*>(node)->node);
    case T_ResTarget: return walk(reinterpret_cast<const ResTarget*>(node)->val);
    case T_CaseExpr: {
      const auto* expr = reinterpret_cast<const CaseExpr*>(node);
      return walk(expr->arg) || walk(expr->args) || walk(expr->defresult);
    }
    case T_CaseWhen: {
      const auto* when = reinterpret_cast<const CaseWhen*>(node);
      return walk(when->expr) || walk(when->result);
    }
    default: return false;
  }
}

/// The function a call names, lower case, without a pg_catalog qualification; empty when
/// it is qualified with another schema (a user function that happens to share a name).
inline std::string called_function(const FuncCall* call) {
  const int parts = list_length(call->funcname);
  if (parts == 0 || parts > 2) return "";
  const std::string name = dotted_name(call->funcname);
  if (parts == 1) return name;
  return name.starts_with("pg_catalog.") ? name.substr(11) : "";
}

/// A call that PostgreSQL does not mark IMMUTABLE, which DSQL (like PostgreSQL) rejects in
/// index expressions, index predicates and generated columns: where it is and what it is.
struct NonImmutableCall {
  const Node* node = nullptr;
  std::string name;  ///< "now()", "CURRENT_TIMESTAMP"
  int location = -1;
};

/// SQL's niladic functions (CURRENT_TIMESTAMP, CURRENT_USER ...), all of them stable.
inline std::string_view sql_value_function_name(SQLValueFunctionOp op) {
  switch (op) {
    case SVFOP_CURRENT_DATE: return "CURRENT_DATE";
    case SVFOP_CURRENT_TIME:
    case SVFOP_CURRENT_TIME_N: return "CURRENT_TIME";
    case SVFOP_CURRENT_TIMESTAMP:
    case SVFOP_CURRENT_TIMESTAMP_N: return "CURRENT_TIMESTAMP";
    case SVFOP_LOCALTIME:
    case SVFOP_LOCALTIME_N: return "LOCALTIME";
    case SVFOP_LOCALTIMESTAMP:
    case SVFOP_LOCALTIMESTAMP_N: return "LOCALTIMESTAMP";
    case SVFOP_CURRENT_ROLE: return "CURRENT_ROLE";
    case SVFOP_CURRENT_USER: return "CURRENT_USER";
    case SVFOP_USER: return "USER";
    case SVFOP_SESSION_USER: return "SESSION_USER";
    case SVFOP_CURRENT_CATALOG: return "CURRENT_CATALOG";
    case SVFOP_CURRENT_SCHEMA: return "CURRENT_SCHEMA";
  }
  return "CURRENT_TIMESTAMP";
}

/// Whether a built-in function is known to be volatile or stable. Only well-known names:
/// an unknown function is given the benefit of the doubt.
inline bool is_known_non_immutable(std::string_view name, int arguments) {
  static constexpr std::array<std::string_view, 24> kNames{
      "now",           "clock_timestamp",   "statement_timestamp", "transaction_timestamp", "timeofday",
      "random",        "random_normal",     "setseed",             "gen_random_uuid",       "uuid_generate_v1",
      "uuid_generate_v1mc", "uuid_generate_v4", "nextval",         "currval",               "lastval",
      "setval",        "txid_current",      "pg_current_xact_id",  "pg_backend_pid",        "current_setting",
      "current_database", "current_schema", "current_schemas",     "version"};
  if (name == "age") return arguments == 1;  // age(timestamp) reads the clock; age(a, b) does not
  for (const std::string_view known : kNames)
    if (name == known) return true;
  return false;
}

/// The first call in an expression that is known not to be immutable.
inline NonImmutableCall first_non_immutable_call(const Node* expression) {
  NonImmutableCall found;
  auto visit = [&found](const Node* node) {
    if (IsA(node, SQLValueFunction)) {
      const auto* value = reinterpret_cast<const SQLValueFunction*>(node);
      found = {node, std::string(sql_value_function_name(value->op)), value->location};
      return true;
    }
    if (!IsA(node, FuncCall)) return false;
    const auto* call = reinterpret_cast<const FuncCall*>(node);
    const std::string name = called_function(call);
    if (!is_known_non_immutable(name, list_length(call->args))) return false;
    found = {node, name + "()", call->location};
    return true;
  };
  walk_expression(expression, visit);
  return found;
}

/// The parse location of an expression node, or -1 when the node kind has none here.
inline int expression_location(const Node* node) {
  if (!node) return -1;
  switch (nodeTag(node)) {
    case T_FuncCall: return reinterpret_cast<const FuncCall*>(node)->location;
    case T_A_Expr: return reinterpret_cast<const A_Expr*>(node)->location;
    case T_TypeCast: return reinterpret_cast<const TypeCast*>(node)->location;
    case T_ColumnRef: return reinterpret_cast<const ColumnRef*>(node)->location;
    case T_A_Const: return reinterpret_cast<const A_Const*>(node)->location;
    case T_BoolExpr: return reinterpret_cast<const BoolExpr*>(node)->location;
    case T_NullTest: return reinterpret_cast<const NullTest*>(node)->location;
    case T_CaseExpr: return reinterpret_cast<const CaseExpr*>(node)->location;
    case T_CoalesceExpr: return reinterpret_cast<const CoalesceExpr*>(node)->location;
    case T_SQLValueFunction: return reinterpret_cast<const SQLValueFunction*>(node)->location;
    case T_CollateClause: return reinterpret_cast<const CollateClause*>(node)->location;
    default: return -1;
  }
}

}  // namespace dsqlint::rules
