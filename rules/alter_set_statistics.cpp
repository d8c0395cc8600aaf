#include <algorithm>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

bool sets_statistics(const AlterTableCmd* command) { return command->subtype == AT_SetStatistics; }

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || (alter->objtype != OBJECT_TABLE && alter->objtype != OBJECT_INDEX)) return;
  const auto commands = alter_commands(alter);
  const auto count = std::count_if(commands.begin(), commands.end(), sets_statistics);
  if (count == 0) return;
  const std::string table = display_name(alter->relation);
  const Span at = stmt.word_or_start("STATISTICS");
  if (static_cast<size_t>(count) < commands.size()) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects ALTER COLUMN ... SET STATISTICS, and this ALTER TABLE on {} also makes other "
                           "changes, so it cannot be skipped whole",
                           table))
        .at(at)
        .help("split the statement: put SET STATISTICS in an ALTER TABLE of its own, which apply skips");
    return;
  }
  const bool statistics = ctx.target.supports(Feature::Statistics);
  out.report(stmt, StatementClass::Strip,
             fmt::format("DSQL rejects ALTER COLUMN ... SET STATISTICS, so apply skips it on {}", table))
      .at(at)
      .help(statistics ? "delete the statement; for better plans on correlated columns, CREATE STATISTICS is "
                         "supported (at most 5 per table)"
                       : "delete the statement; DSQL gathers column statistics itself with ANALYZE");
}

const RuleRegistrar kRule{{
    .id = "alter-set-statistics",
    .summary = "ALTER TABLE ... ALTER COLUMN ... SET STATISTICS",
    .klass = StatementClass::Strip,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
