#include <string>

#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

bool is_wait_for_job(const FuncCall* call) {
  if (!call || list_length(call->funcname) != 2) return false;
  const std::string name = dotted_name(call->funcname);
  return name == "sys.wait_for_job";
}

/// CALL sys.wait_for_job(...) or SELECT sys.wait_for_job(...).
bool waits_for_job(const Statement& stmt) {
  if (const auto* call = stmt.as<CallStmt>()) return is_wait_for_job(call->funccall);
  const auto* select = stmt.as<SelectStmt>();
  if (!select) return false;
  for (const ResTarget* target : list_nodes<ResTarget>(select->targetList, T_ResTarget))
    if (target->val && IsA(target->val, FuncCall) && is_wait_for_job(castNode(FuncCall, target->val))) return true;
  return false;
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  if (!ctx.transaction.in_block || !waits_for_job(stmt)) return;
  out.report(stmt, StatementClass::Strip,
             "DSQL's sys.wait_for_job cannot run inside a transaction block, so apply skips this call; it waits for "
             "each index or validation job itself")
      .at(stmt.word_or_start("WAIT_FOR_JOB"))
      .help("move the call after COMMIT, or leave it out: apply waits for every job a statement starts before it "
            "runs the next one");
}

const RuleRegistrar kRule{{
    .id = "wait-for-job-in-tx",
    .summary = "sys.wait_for_job inside BEGIN ... COMMIT",
    .klass = StatementClass::Strip,
    .nodes = {T_CallStmt, T_SelectStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
