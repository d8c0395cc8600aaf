#include "lint/rebuild_refusal.h"

#include <algorithm>

#include "lint/names.h"
#include "lint/recreation_table.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"
#include "lint/statement.h"

namespace dsqlint {

namespace {

void refuse(StatementResult& statement, const std::string& table, const std::string& reason) {
  statement.findings.push_back(Finding{.rule = find_rule("rebuild-refused")->id,
                                       .klass = StatementClass::Unsupported,
                                       .severity = Severity::Error,
                                       .message = "apply cannot rebuild table " + table + ": " + reason,
                                       .help = "split the statement, or change first what the reason names; apply "
                                               "refuses the folder before it changes anything",
                                       .span = statement.span});
  statement.klass = StatementClass::Unsupported;
  statement.rewritten.clear();
  statement.runs_as_written = false;
}

}  // namespace

void refuse_unfollowed_subcommands(StatementResult& statement, const Statement& stmt) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (statement.klass != StatementClass::Recreation || !alter || !alter->relation) return;
  if (statement.changes.size() != alter_commands(alter).size())  // as plan/recreation_spec.cpp refuses it
    refuse(statement, display_name(alter->relation),
           "the ALTER TABLE also does what a rebuild does not carry (ALTER CONSTRAINT, CLUSTER ON ...)");
}

void refuse_impossible_rebuild(StatementResult& statement) {
  if (!statement.table_definition) return;
  const TableModel& before = *statement.table_definition;
  // An emulated enum's rebuild runs another ALTER TABLE (recreation_sql) than the one
  // written: plan and apply build the new table from that one, and so does this check.
  const std::string& emulated = statement.extra->recreation_sql;
  std::vector<SchemaChange> emulated_changes;
  if (!emulated.empty()) {
    auto changes = recreation::alter_changes(emulated);
    if (!changes) return refuse(statement, before.name, changes.error().message);
    emulated_changes = std::move(*changes);
  }
  const std::vector<SchemaChange>& rebuilt = emulated.empty() ? statement.changes : emulated_changes;
  // Most rebuilds change the type or set NOT NULL of columns the table has: no such
  // rebuild is refused, and building the new table for each cost 1.7 % of a check of the
  // generated corpus.
  using Kind = SchemaChange::Kind;
  if (std::all_of(rebuilt.begin(), rebuilt.end(), [&](const SchemaChange& change) {
        return (change.kind == Kind::AlterColumnType || change.kind == Kind::SetNotNull) && before.column(change.name);
      }))
    return;
  const auto altered = recreation::altered_table(before, rebuilt);
  const std::optional<std::string> reason =
      altered ? recreation::dropped_in_use(before, altered->table, statement.extra->dependents)
              : std::optional<std::string>(altered.error().message);
  if (reason) refuse(statement, before.name, *reason);
}

}  // namespace dsqlint
