#include <string>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// The statement as people write it, when it sets transaction characteristics; empty otherwise.
std::string transaction_setting(const VariableSetStmt* set) {
  if (!set->name) return "";
  const std::string_view name = set->name;
  if (set->kind == VAR_SET_MULTI) {
    if (name == "TRANSACTION") return "SET TRANSACTION";
    if (name == "SESSION CHARACTERISTICS") return "SET SESSION CHARACTERISTICS AS TRANSACTION";
    if (name == "TRANSACTION SNAPSHOT") return "SET TRANSACTION SNAPSHOT";
    return "";
  }
  const bool transaction_variable = name.starts_with("default_transaction_") || name == "transaction_isolation" ||
                                    name == "transaction_read_only" || name == "transaction_deferrable";
  if (!transaction_variable) return "";
  return fmt::format("{} {}", set->kind == VAR_RESET ? "RESET" : "SET", name);
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (!stmt.node() || nodeTag(stmt.node()) != T_VariableSetStmt) return;
  const std::string what = transaction_setting(reinterpret_cast<const VariableSetStmt*>(stmt.node()));
  if (what.empty()) return;
  out.report(stmt, StatementClass::Strip,
             fmt::format("DSQL does not accept {}, so apply skips it", what))
      .at(stmt.word_or_start("SET"))
      .help("put the characteristics on BEGIN instead: BEGIN ISOLATION LEVEL REPEATABLE READ, BEGIN READ ONLY; DSQL "
            "runs every transaction at REPEATABLE READ");
}

const RuleRegistrar kRule{{
    .id = "set-transaction",
    .summary = "SET TRANSACTION, SET SESSION CHARACTERISTICS, SET default_transaction_*",
    .klass = StatementClass::Strip,
    .nodes = {T_VariableSetStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
