#include <string>

#include <fmt/format.h>

#include "expression_walk.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// pg_advisory_lock, pg_try_advisory_xact_lock_shared, pg_advisory_unlock_all ...
bool is_advisory_lock_function(std::string_view name) {
  return name.starts_with("pg_") && (name.find("advisory_lock") != std::string_view::npos ||
                                     name.find("advisory_unlock") != std::string_view::npos ||
                                     name.find("advisory_xact_lock") != std::string_view::npos);
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* select = stmt.as<SelectStmt>();
  if (!select || select->targetList == NIL) return;
  const FuncCall* found = nullptr;
  auto visit = [&found](const Node* node) {
    if (!IsA(node, FuncCall)) return false;
    const auto* call = reinterpret_cast<const FuncCall*>(node);
    if (!is_advisory_lock_function(called_function(call))) return false;
    found = call;
    return true;
  };
  if (!walk_expression(reinterpret_cast<const Node*>(select->targetList), visit) &&
      !walk_expression(select->whereClause, visit))
    return;
  const uint32_t at = stmt.offset(found->location);
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL has no advisory locks, so {}() fails; it uses optimistic concurrency instead of locks",
                         called_function(found)))
      .at(Span{at, at})
      .help("delete the lock calls: dsqlint apply holds its own migration lock. To serialize other work, update a "
            "row of a lock table in the same transaction and retry on a serialization error (40001)");
}

const RuleRegistrar kRule{{
    .id = "advisory-lock",
    .summary = "pg_advisory_lock, pg_try_advisory_lock, pg_advisory_xact_lock and their unlocks",
    .klass = StatementClass::Unsupported,
    .nodes = {T_SelectStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
