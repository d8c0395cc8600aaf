#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr std::string_view kCreateHelp =
    "move the trigger's logic into the application or into the statements that write the table; DSQL has no "
    "triggers and no PL/pgSQL";

/// The statement, when it drops or alters a trigger or event trigger.
std::string trigger_change(const Statement& stmt) {
  if (const auto* drop = stmt.as<DropStmt>()) {
    // DSQL runs DROP TRIGGER IF EXISTS (a real cluster accepts it): with no triggers, it does nothing.
    if (drop->removeType == OBJECT_TRIGGER && drop->missing_ok) return "";
    if (drop->removeType == OBJECT_TRIGGER) return "DROP TRIGGER " + dropped_objects_on_tables(drop);
    if (drop->removeType == OBJECT_EVENT_TRIGGER) return "DROP EVENT TRIGGER";
  }
  if (const auto* rename = stmt.as<RenameStmt>(); rename && rename->renameType == OBJECT_TRIGGER)
    return fmt::format("ALTER TRIGGER {} on table {}", rename->subname ? rename->subname : "?",
                       display_name(rename->relation));
  if (stmt.as<AlterEventTrigStmt>()) return "ALTER EVENT TRIGGER";
  return "";
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (const auto* trigger = stmt.as<CreateTrigStmt>()) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects CREATE TRIGGER {} on table {}: it has no triggers", trigger->trigname,
                           display_name(trigger->relation)))
        .at(stmt.word_or_start("TRIGGER"))
        .help(std::string(kCreateHelp));
    return;
  }
  if (const auto* event = stmt.as<CreateEventTrigStmt>()) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects CREATE EVENT TRIGGER {}: it has no event triggers", event->trigname))
        .at(stmt.word_or_start("TRIGGER"))
        .help("run the checks or bookkeeping in the migration process instead; DSQL has no event triggers");
    return;
  }
  const std::string change = trigger_change(stmt);
  if (change.empty()) return;
  out.report(stmt, StatementClass::Strip, fmt::format("DSQL has no triggers, so apply skips {}", change))
      .at(stmt.word_or_start("TRIGGER"))
      .help("remove the statement; no trigger can exist on DSQL, so there is nothing to drop or change");
}

const RuleRegistrar kRule{{
    .id = "create-trigger",
    .summary = "CREATE TRIGGER and event triggers; DROP/ALTER TRIGGER are skipped",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateTrigStmt, T_CreateEventTrigStmt, T_DropStmt, T_RenameStmt, T_AlterEventTrigStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
