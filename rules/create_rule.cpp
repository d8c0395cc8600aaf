#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const Node* node = stmt.node();
  if (!node) return;
  if (IsA(node, RuleStmt)) {
    const auto* rule = reinterpret_cast<const RuleStmt*>(node);
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects CREATE RULE {} on table {}: it has no rewrite rules", rule->rulename,
                           display_name(rule->relation)))
        .at(stmt.word_or_start("RULE"))
        .help("do the rule's work in the statements that write the table, or in the application; for a read-only "
              "projection, CREATE VIEW is supported");
    return;
  }
  std::string what;
  if (const auto* drop = stmt.as<DropStmt>(); drop && drop->removeType == OBJECT_RULE)
    what = "DROP RULE " + dropped_objects_on_tables(drop);
  else if (const auto* rename = stmt.as<RenameStmt>(); rename && rename->renameType == OBJECT_RULE)
    what = fmt::format("ALTER RULE {} on table {}", rename->subname ? rename->subname : "?",
                       display_name(rename->relation));
  if (what.empty()) return;
  out.report(stmt, StatementClass::Strip, fmt::format("DSQL has no rewrite rules, so apply skips {}", what))
      .at(stmt.word_or_start("RULE"))
      .help("delete the statement: no rule can exist on DSQL, so there is nothing to drop or rename");
}

const RuleRegistrar kRule{{
    .id = "create-rule",
    .summary = "CREATE RULE; DROP RULE and ALTER RULE are skipped",
    .klass = StatementClass::Unsupported,
    .nodes = {T_RuleStmt, T_DropStmt, T_RenameStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
