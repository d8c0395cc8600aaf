#include <string>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  std::string what;
  if (const auto* create = stmt.as<CreateTableAsStmt>(); create && create->objtype == OBJECT_MATVIEW)
    what = create->into && create->into->rel ? "CREATE MATERIALIZED VIEW " + display_name(create->into->rel)
                                             : "CREATE MATERIALIZED VIEW";
  else if (const auto* refresh = stmt.as<RefreshMatViewStmt>())
    what = "REFRESH MATERIALIZED VIEW " + (refresh->relation ? display_name(refresh->relation) : std::string());
  else if (const auto* drop = stmt.as<DropStmt>(); drop && drop->removeType == OBJECT_MATVIEW)
    what = "DROP MATERIALIZED VIEW";
  else if (const auto* alter = stmt.as<AlterTableStmt>(); alter && alter->objtype == OBJECT_MATVIEW)
    what = "ALTER MATERIALIZED VIEW";
  else if (const auto* rename = stmt.as<RenameStmt>();
           rename && (rename->renameType == OBJECT_MATVIEW || rename->relationType == OBJECT_MATVIEW))
    what = "ALTER MATERIALIZED VIEW ... RENAME";
  if (what.empty()) return;
  while (!what.empty() && what.back() == ' ') what.pop_back();
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL has no materialized views and rejects {}", what))
      .at(stmt.word_or_start("MATERIALIZED"))
      .help("use a plain CREATE VIEW (computed on every read), or a table the application refreshes in batches of "
            "at most 3,000 rows");
}

const RuleRegistrar kRule{{
    .id = "materialized-view",
    .summary = "CREATE/REFRESH/ALTER/DROP MATERIALIZED VIEW",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateTableAsStmt, T_RefreshMatViewStmt, T_DropStmt, T_AlterTableStmt, T_RenameStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
