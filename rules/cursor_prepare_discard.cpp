#include <string>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// What the statement is, and whether apply can skip it without losing work (it only
/// releases session state that cannot exist on DSQL).
struct SessionStatement {
  std::string what;
  bool skippable = false;
};

SessionStatement classify(const Node* node) {
  switch (nodeTag(node)) {
    case T_DeclareCursorStmt: {
      const auto* cursor = reinterpret_cast<const DeclareCursorStmt*>(node);
      return {fmt::format("DECLARE {} CURSOR", cursor->portalname ? cursor->portalname : "")};
    }
    case T_FetchStmt: {
      const auto* fetch = reinterpret_cast<const FetchStmt*>(node);
      return {fmt::format("{} {}", fetch->ismove ? "MOVE" : "FETCH", fetch->portalname ? fetch->portalname : "")};
    }
    case T_ClosePortalStmt: {
      const auto* close = reinterpret_cast<const ClosePortalStmt*>(node);
      return {close->portalname ? fmt::format("CLOSE {}", close->portalname) : "CLOSE ALL", true};
    }
    case T_PrepareStmt: return {fmt::format("PREPARE {}", reinterpret_cast<const PrepareStmt*>(node)->name)};
    case T_ExecuteStmt: return {fmt::format("EXECUTE {}", reinterpret_cast<const ExecuteStmt*>(node)->name)};
    case T_DeallocateStmt: {
      const auto* deallocate = reinterpret_cast<const DeallocateStmt*>(node);
      if (!deallocate->name) return {};  // DEALLOCATE ALL is accepted
      return {fmt::format("DEALLOCATE {}", deallocate->name), true};
    }
    case T_DiscardStmt: return {"DISCARD", true};
    default: return {};
  }
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (!stmt.node()) return;
  const SessionStatement session = classify(stmt.node());
  if (session.what.empty()) return;
  if (session.skippable) {
    out.report(stmt, StatementClass::Strip,
               fmt::format("DSQL does not accept {}, so apply skips it; it releases session state that DSQL never "
                           "creates",
                           session.what))
        .help("delete the statement; only DEALLOCATE ALL is accepted");
    return;
  }
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects {}: it has no SQL-level cursors or prepared statements", session.what))
      .help("write the query out in full in the migration (drivers may still prepare statements over the protocol); "
            "read large results in key ranges instead of through a cursor");
}

const RuleRegistrar kRule{{
    .id = "cursor-prepare-discard",
    .summary = "DECLARE CURSOR, FETCH, CLOSE, SQL-level PREPARE/EXECUTE, DEALLOCATE name, DISCARD",
    .klass = StatementClass::Unsupported,
    .nodes = {T_DeclareCursorStmt, T_FetchStmt, T_ClosePortalStmt, T_PrepareStmt, T_ExecuteStmt, T_DeallocateStmt,
              T_DiscardStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
