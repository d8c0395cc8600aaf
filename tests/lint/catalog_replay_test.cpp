#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/check_command.h"
#include "lint/linter.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

/// Lints files written to a scratch folder, in name order, as `check` does.
std::vector<FileResult> check_folder(const std::vector<std::pair<std::string, std::string>>& files, unsigned jobs = 1) {
  const fs::path dir = fs::temp_directory_path() / ("dsqlint-catalog-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  std::vector<FileResult> out;
  check_inputs({dir.string()}, "", TargetProfile{}, jobs, [&](FileResult&& file) { out.push_back(std::move(file)); });
  fs::remove_all(dir);
  return out;
}

bool fired(const StatementResult& statement, std::string_view rule) {
  for (const Finding& finding : statement.findings)
    if (finding.rule == rule) return true;
  return false;
}

TEST(CatalogReplay, HistoryCarriesAcrossFilesInApplyOrder) {
  for (unsigned jobs : {1u, 2u}) {
    const auto results = check_folder({
        {"0001_create.sql", "CREATE TABLE \"events\" (\"id\" uuid PRIMARY KEY, \"payload\" text);"},
        {"0002_retype.sql", "ALTER TABLE \"events\" ALTER COLUMN \"payload\" TYPE jsonb USING \"payload\"::jsonb;"},
        {"0003_index.sql", "CREATE INDEX ASYNC \"events_payload_idx\" ON \"events\" (\"payload\");"},
        {"0004_rename.sql", "ALTER TABLE \"events\" RENAME TO \"log\";\nALTER TABLE \"log\" DROP COLUMN \"id\";"},
    }, jobs);
    ASSERT_EQ(results.size(), 4u);
    // 0002 rebuilds the table: the finding carries the definition that 0001 created.
    const StatementResult& retype = results[1].statements.at(0);
    EXPECT_EQ(retype.klass, StatementClass::Recreation);
    ASSERT_TRUE(retype.table_definition.has_value());
    EXPECT_EQ(retype.table_definition->columns.at(1).type, "text");
    EXPECT_EQ(retype.table_definition->origin.statement, 1u);
    // 0003 sees the type 0002 gave the column.
    EXPECT_TRUE(fired(results[2].statements.at(0), "index-key-type")) << "jobs=" << jobs;
    EXPECT_FALSE(results[2].statements.at(0).table_is_new) << "the table comes from another file";
    // 0004 renames, and the primary key follows the table to its new name.
    EXPECT_TRUE(fired(results[3].statements.at(1), "alter-drop-column"));
  }
}

TEST(CatalogReplay, TableCreatedInTheSameFileIsNew) {
  const FileResult result = lint_file(make_source("new.sql",
                                                  "CREATE TABLE t (id uuid PRIMARY KEY, a text);\n"
                                                  "CREATE INDEX ASYNC t_a ON t (a);\n"
                                                  "CREATE INDEX ASYNC u_a ON u (a);\n"),
                                      TargetProfile{});
  EXPECT_TRUE(result.statements.at(1).table_is_new);
  EXPECT_FALSE(result.statements.at(2).table_is_new) << "u is not known to history";
}

TEST(CatalogReplay, DroppedTablesAndIndexesLeaveTheCatalog) {
  std::string sql = "CREATE TABLE t (id uuid PRIMARY KEY, a int);\n";
  for (int i = 0; i < 23; ++i) sql += "CREATE INDEX ASYNC i" + std::to_string(i) + " ON t (a);\n";
  sql += "DROP TABLE t;\nCREATE TABLE t (id uuid PRIMARY KEY, a int);\nCREATE INDEX ASYNC again ON t (a);\n";
  const FileResult result = lint_file(make_source("drop.sql", sql), TargetProfile{});
  for (const StatementResult& statement : result.statements)
    EXPECT_FALSE(fired(statement, "index-quota")) << "statement " << statement.index;
}

}  // namespace
}  // namespace dsqlint
