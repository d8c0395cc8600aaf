#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

/// A subcommand outside DSQL's ALTER TABLE syntax: how it is written, and whether skipping
/// it is harmless (storage or a relationship that cannot exist on DSQL).
struct Subcommand {
  std::string_view text;  ///< empty when the subcommand is not this rule's
  bool skippable = true;
};

Subcommand classify(AlterTableType type) {
  switch (type) {
    case AT_SetRelOptions: return {"SET (storage parameters)"};
    case AT_ResetRelOptions: return {"RESET (storage parameters)"};
    case AT_SetOptions: return {"ALTER COLUMN ... SET (attribute options)"};
    case AT_ResetOptions: return {"ALTER COLUMN ... RESET (attribute options)"};
    case AT_SetCompression: return {"ALTER COLUMN ... SET COMPRESSION"};
    case AT_SetLogged: return {"SET LOGGED"};
    case AT_SetUnLogged: return {"SET UNLOGGED"};
    case AT_SetTableSpace: return {"SET TABLESPACE"};
    case AT_SetAccessMethod: return {"SET ACCESS METHOD"};
    case AT_ClusterOn: return {"CLUSTER ON"};
    case AT_DropCluster: return {"SET WITHOUT CLUSTER"};
    case AT_DropOids: return {"SET WITHOUT OIDS"};
    case AT_ReplicaIdentity: return {"REPLICA IDENTITY"};
    case AT_EnableRule:
    case AT_EnableAlwaysRule:
    case AT_EnableReplicaRule: return {"ENABLE RULE"};
    case AT_DisableRule: return {"DISABLE RULE"};
    // ENABLE/DISABLE TRIGGER ALL|USER run on DSQL (a real cluster accepts them; there are no
    // triggers to change). A named trigger cannot exist, so naming one fails there.
    case AT_EnableTrig:
    case AT_EnableAlwaysTrig:
    case AT_EnableReplicaTrig: return {"ENABLE TRIGGER name"};
    case AT_DisableTrig: return {"DISABLE TRIGGER name"};
    case AT_DropInherit: return {"NO INHERIT"};
    case AT_DetachPartition:
    case AT_DetachPartitionFinalize: return {"DETACH PARTITION"};
    case AT_DropOf: return {"NOT OF"};
    // These would change which rows a query sees: skipping them is not harmless.
    case AT_AddInherit: return {"INHERIT", false};
    case AT_AttachPartition: return {"ATTACH PARTITION", false};
    case AT_AddOf: return {"OF type", false};
    default: return {};
  }
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || (alter->objtype != OBJECT_TABLE && alter->objtype != OBJECT_INDEX)) return;
  const auto commands = alter_commands(alter);
  std::string clauses;
  size_t flagged = 0;
  bool skippable = true;
  for (const AlterTableCmd* command : commands) {
    const Subcommand sub = classify(command->subtype);
    if (sub.text.empty()) continue;
    ++flagged;
    skippable = skippable && sub.skippable;
    if (clauses.find(sub.text) == std::string::npos) clauses += (clauses.empty() ? "" : ", ") + std::string(sub.text);
  }
  if (flagged == 0) return;
  const std::string what = fmt::format("{} {}", alter->objtype == OBJECT_INDEX ? "index" : "table",
                                       display_name(alter->relation));
  if (!skippable || flagged < commands.size()) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL's ALTER {} has no {}, so it rejects this statement on {}",
                           alter->objtype == OBJECT_INDEX ? "INDEX" : "TABLE", clauses, what))
        .help(skippable ? "split the statement: put these subcommands in an ALTER TABLE of their own, which apply skips"
                        : "DSQL has no inheritance, partitions or typed tables: keep the rows in one ordinary table");
    return;
  }
  out.report(stmt, StatementClass::Strip,
             fmt::format("DSQL's ALTER {} has no {}, so apply skips this statement on {}",
                         alter->objtype == OBJECT_INDEX ? "INDEX" : "TABLE", clauses, what))
      .help("delete the statement: DSQL manages storage, replication and clustering itself, and has no triggers or "
            "rules to enable");
}

const RuleRegistrar kRule{{
    .id = "alter-table-misc-unsupported",
    .summary = "ALTER TABLE/INDEX SET (params), SET LOGGED/UNLOGGED/TABLESPACE, CLUSTER ON, INHERIT, ATTACH/DETACH "
               "PARTITION, REPLICA IDENTITY, ENABLE/DISABLE RULE/TRIGGER",
    .klass = StatementClass::Strip,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
