#include <string>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  std::string what;
  if (const auto* create = stmt.as<CreatedbStmt>()) what = fmt::format("CREATE DATABASE {}", create->dbname);
  else if (const auto* drop = stmt.as<DropdbStmt>()) what = fmt::format("DROP DATABASE {}", drop->dbname);
  else if (const auto* alter = stmt.as<AlterDatabaseStmt>()) what = fmt::format("ALTER DATABASE {}", alter->dbname);
  else if (const auto* set = stmt.as<AlterDatabaseSetStmt>()) what = fmt::format("ALTER DATABASE {}", set->dbname);
  else if (const auto* coll = stmt.as<AlterDatabaseRefreshCollStmt>())
    what = fmt::format("ALTER DATABASE {}", coll->dbname);
  else if (const auto* rename = stmt.as<RenameStmt>(); rename && rename->renameType == OBJECT_DATABASE)
    what = fmt::format("ALTER DATABASE {} RENAME", rename->subname ? rename->subname : "");
  if (what.empty()) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL has one database per cluster, postgres, and rejects {}", what))
      .at(stmt.word_or_start("DATABASE"))
      .help("use schemas in the postgres database to separate applications, or a separate DSQL cluster");
}

const RuleRegistrar kRule{{
    .id = "create-database",
    .summary = "CREATE/ALTER/DROP DATABASE",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreatedbStmt, T_DropdbStmt, T_AlterDatabaseStmt, T_AlterDatabaseSetStmt,
              T_AlterDatabaseRefreshCollStmt, T_RenameStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
