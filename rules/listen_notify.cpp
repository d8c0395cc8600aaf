#include <string>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  std::string what;
  if (const auto* listen = stmt.as<ListenStmt>()) what = fmt::format("LISTEN {}", listen->conditionname);
  else if (const auto* notify = stmt.as<NotifyStmt>()) what = fmt::format("NOTIFY {}", notify->conditionname);
  else if (const auto* unlisten = stmt.as<UnlistenStmt>())
    what = unlisten->conditionname ? fmt::format("UNLISTEN {}", unlisten->conditionname) : "UNLISTEN *";
  if (what.empty()) return;
  out.report(stmt, StatementClass::Unsupported, fmt::format("DSQL has no LISTEN/NOTIFY and rejects {}", what))
      .help("signal through the application or an AWS service (SNS, SQS, EventBridge), or poll a table");
}

const RuleRegistrar kRule{{
    .id = "listen-notify",
    .summary = "LISTEN, NOTIFY, UNLISTEN",
    .klass = StatementClass::Unsupported,
    .nodes = {T_ListenStmt, T_NotifyStmt, T_UnlistenStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
