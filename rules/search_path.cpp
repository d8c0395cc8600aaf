#include <string>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// The schema unqualified names name after the SET: the first entry but "$user" (whose
/// schema seldom exists); "" when none is named, or for SET ... TO DEFAULT and RESET.
std::string first_schema(const VariableSetStmt* set) {
  if (set->kind != VAR_SET_VALUE) return "";
  const ListCell* cell;
  foreach (cell, set->args) {
    const auto* value = static_cast<const Node*>(lfirst(cell));
    if (!IsA(value, A_Const) || nodeTag(&castNode(A_Const, const_cast<Node*>(value))->val) != T_String) return "";
    const std::string schema = strVal(&castNode(A_Const, const_cast<Node*>(value))->val);
    if (schema != "$user") return schema;
  }
  return "";
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (!stmt.node() || nodeTag(stmt.node()) != T_VariableSetStmt) return;
  const auto* set = reinterpret_cast<const VariableSetStmt*>(stmt.node());
  if (!set->name || std::string_view(set->name) != "search_path") return;
  const std::string schema = first_schema(set);
  if (schema.empty() || schema == "public") return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("after this SET, unqualified names name objects of schema {}, but dsqlint's schema model "
                         "reads them as public: its checks and table rebuilds would look in the wrong schema",
                         schema))
      .at(stmt.word_or_start("SET"))
      .help(fmt::format("qualify the names instead (\"{}\".\"table\") and delete the SET; Drizzle Kit and Prisma "
                        "write qualified names",
                        schema));
}

const RuleRegistrar kRule{{
    .id = "search-path",
    .summary = "SET search_path to a schema other than public",
    .klass = StatementClass::Unsupported,
    .nodes = {T_VariableSetStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
