#include <optional>
#include <string>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// The first entry of a path but "$user" (whose schema seldom exists): "" for an empty path.
std::string first_of(const std::vector<std::string>& path) {
  for (const std::string& schema : path)
    if (schema != "$user") return schema;
  return "";
}

/// The path a SET gives; nullopt for SET ... TO DEFAULT and RESET, or a value not a string.
std::optional<std::vector<std::string>> set_path(const VariableSetStmt* set) {
  if (set->kind != VAR_SET_VALUE) return std::nullopt;
  std::vector<std::string> path;
  const ListCell* cell;
  foreach (cell, set->args) {
    const auto* value = static_cast<const Node*>(lfirst(cell));
    if (!IsA(value, A_Const) || nodeTag(&castNode(A_Const, const_cast<Node*>(value))->val) != T_String)
      return std::nullopt;
    const std::string schema = strVal(&castNode(A_Const, const_cast<Node*>(value))->val);
    if (!schema.empty()) path.push_back(schema);
  }
  return path;
}

/// The path of set_config('search_path', '<path>', ...), as pg_dump starts every dump:
/// the value split at its commas, each name without spaces and quotes.
std::optional<std::vector<std::string>> set_config_path(const SelectStmt* select) {
  const ListCell* cell;
  foreach (cell, select->targetList) {
    const Node* value = static_cast<const ResTarget*>(lfirst(cell))->val;
    if (!value || !IsA(value, FuncCall)) continue;
    const auto* call = castNode(FuncCall, const_cast<Node*>(value));
    if (std::string_view(strVal(llast(call->funcname))) != "set_config" || list_length(call->args) < 2) continue;
    const auto* name = static_cast<const Node*>(linitial(call->args));
    const auto* text = static_cast<const Node*>(lsecond(call->args));
    if (!IsA(name, A_Const) || !IsA(text, A_Const)) continue;
    const auto* name_const = castNode(A_Const, const_cast<Node*>(name));
    const auto* text_const = castNode(A_Const, const_cast<Node*>(text));
    if (nodeTag(&name_const->val) != T_String || nodeTag(&text_const->val) != T_String) continue;
    if (std::string_view(strVal(&name_const->val)) != "search_path") continue;
    std::vector<std::string> path;
    std::string entry;
    for (const char c : std::string(strVal(&text_const->val)) + ",") {
      if (c != ',') {
        if (c != ' ' && c != '"') entry += c;
        continue;
      }
      if (!entry.empty()) path.push_back(entry);
      entry.clear();
    }
    return path;
  }
  return std::nullopt;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const Node* node = stmt.node();
  if (!node) return;
  std::optional<std::vector<std::string>> path;
  if (IsA(node, VariableSetStmt)) {
    const auto* set = reinterpret_cast<const VariableSetStmt*>(node);
    if (set->name && std::string_view(set->name) == "search_path") path = set_path(set);
  } else if (IsA(node, SelectStmt)) {
    path = set_config_path(reinterpret_cast<const SelectStmt*>(node));
  }
  if (!path) return;
  const std::string schema = first_of(*path);
  if (schema == "public") return;
  const std::string what = schema.empty() ? "no schema at all" : "objects of schema " + schema;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("after this, unqualified names name {}, but dsqlint's schema model reads them as public, and "
                         "apply's own tracking statements are unqualified: checks, rebuilds and the tracking would "
                         "look in the wrong place",
                         what))
      .help(schema.empty() ? std::string("delete it: in a pg_dump, which starts so, every name is qualified already")
                           : fmt::format("qualify the names instead (\"{}\".\"table\") and delete it; Drizzle Kit and "
                                         "Prisma write qualified names",
                                         schema));
}

const RuleRegistrar kRule{{
    .id = "search-path",
    .summary = "SET search_path or set_config('search_path', ...) to a path that does not start with public",
    .klass = StatementClass::Unsupported,
    .nodes = {T_VariableSetStmt, T_SelectStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
