#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

std::string delete_from(const RangeVar* table) {
  // DSQL has no inheritance, but ONLY keeps the statement's meaning on PostgreSQL.
  return fmt::format("DELETE FROM {}{}", table->inh ? "" : "ONLY ", quoted_name(table));
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* truncate = stmt.as<TruncateStmt>();
  if (!truncate) return;
  const auto tables = list_nodes<RangeVar>(truncate->relations, T_RangeVar).to_vector();
  if (tables.empty()) return;
  std::vector<std::string> names;
  for (const RangeVar* table : tables) names.push_back(display_name(table));
  const std::string what = fmt::format("table{} {}", names.size() == 1 ? "" : "s", fmt::join(names, ", "));
  if (truncate->behavior == DROP_CASCADE) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL has no TRUNCATE, and apply cannot rewrite this TRUNCATE ... CASCADE of {}, which also "
                           "empties every table that references it",
                           what))
        .help("write DELETE FROM for each table to be emptied, children first, so that nothing is emptied silently");
    return;
  }
  std::vector<std::string> followups;
  for (size_t i = 1; i < tables.size(); ++i) followups.push_back(delete_from(tables[i]));
  out.report(stmt, StatementClass::Rewrite, fmt::format("DSQL has no TRUNCATE, so apply empties {} with DELETE", what))
      .help(fmt::format("write DELETE FROM per table; unlike TRUNCATE it does not reset identity sequences{}, and a "
                        "DELETE of more than 3,000 rows must be batched, which apply does",
                        truncate->restart_seqs ? " (RESTART IDENTITY is lost)" : ""))
      .fix(Applicability::Unsafe, "delete all rows instead", {Edit{stmt.span(), delete_from(tables.front())}},
           std::move(followups));
}

const RuleRegistrar kRule{{
    .id = "truncate",
    .summary = "TRUNCATE",
    .klass = StatementClass::Rewrite,
    .nodes = {T_TruncateStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
