#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

/// DSQL's own procedures live in schema sys (CALL sys.wait_for_job('...')).
bool is_dsql_system_call(const CallStmt* call) {
  return call->funccall && list_length(call->funccall->funcname) == 2 &&
         dotted_name(call->funccall->funcname).starts_with("sys.");
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (const auto* function = stmt.as<CreateFunctionStmt>(); function && function->is_procedure) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects CREATE PROCEDURE {}: it has no procedures", dotted_name(function->funcname)))
        .at(stmt.word_or_start("PROCEDURE"))
        .help("write a LANGUAGE SQL function if a single query can do the work, or move it into the application");
    return;
  }
  const auto* call = stmt.as<CallStmt>();
  if (!call || !call->funccall || is_dsql_system_call(call)) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects CALL {}: it has no user procedures", dotted_name(call->funccall->funcname)))
      .at(stmt.word_or_start("CALL"))
      .help("run the procedure's statements directly, or call a LANGUAGE SQL function with SELECT");
}

const RuleRegistrar kRule{{
    .id = "create-procedure",
    .summary = "CREATE PROCEDURE, and CALL of a procedure that is not DSQL's own",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateFunctionStmt, T_CallStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
