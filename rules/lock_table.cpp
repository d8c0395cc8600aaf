#include <string>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* lock = stmt.as<LockStmt>();
  if (!lock) return;
  std::string tables;
  for (const RangeVar* relation : list_nodes<RangeVar>(lock->relations, T_RangeVar))
    tables += (tables.empty() ? "" : ", ") + display_name(relation);
  out.report(stmt, StatementClass::Strip,
             fmt::format("DSQL has no LOCK TABLE and uses optimistic concurrency, so apply skips the lock on {}", tables))
      .at(stmt.word_or_start("LOCK"))
      .help("delete the statement; conflicting transactions fail at COMMIT with a serialization error instead of "
            "waiting, so retry them. To serialize work, update a row of a lock table in the same transaction");
}

const RuleRegistrar kRule{{
    .id = "lock-table",
    .summary = "LOCK TABLE",
    .klass = StatementClass::Strip,
    .nodes = {T_LockStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
