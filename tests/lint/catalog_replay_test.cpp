#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/check_command.h"
#include "lint/linter.h"
#include "plan/recreation_spec.h"

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


/// The table that RECREATION statement `index` (1-based) of `sql` rebuilds, as the
/// catalog hands it to apply: the definition every earlier statement left.
TableModel rebuilt_table(const std::string& sql, uint32_t index) {
  const FileResult result = lint_file(make_source("history.sql", sql), TargetProfile{});
  const StatementResult& statement = result.statements.at(index - 1);
  EXPECT_EQ(statement.klass, StatementClass::Recreation) << statement.index;
  if (!statement.table_definition) throw std::runtime_error("no table definition for statement " + std::to_string(index));
  return *statement.table_definition;
}

std::vector<std::string> definitions(const TableModel& table) {
  std::vector<std::string> out;
  for (const ColumnModel& column : table.columns) out.push_back(column.definition);
  return out;
}

TEST(CatalogReplay, SetAndDropNotNullChangeTheColumnDefinition) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id uuid PRIMARY KEY, a int NULL, b text NOT NULL, c int);\n"
      "ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n"  // itself a RECREATION: the catalog follows it too
      "ALTER TABLE t ALTER COLUMN b DROP NOT NULL, ALTER COLUMN c SET NOT NULL;\n"
      "ALTER TABLE t ALTER COLUMN c TYPE bigint;\n",
      4);
  EXPECT_EQ(definitions(table), (std::vector<std::string>{"id uuid PRIMARY KEY", "a int NOT NULL", "b text", "c int NOT NULL"}));
  EXPECT_TRUE(table.column("a")->not_null);
  EXPECT_FALSE(table.column("b")->not_null);
  EXPECT_TRUE(table.column("c")->not_null);
}

TEST(CatalogReplay, SetAndDropDefaultChangeTheColumnDefinition) {
  const std::string history =
      "CREATE TABLE t (id uuid PRIMARY KEY, a text DEFAULT 'x' NOT NULL, b int, c bool, n int);\n"
      "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'y', ALTER COLUMN b SET DEFAULT 1 + 2;\n"
      "ALTER TABLE t ALTER COLUMN c SET DEFAULT true AND false;\n"  // not a CREATE TABLE default as written
      "ALTER TABLE t ALTER COLUMN n TYPE bigint;\n"
      "ALTER TABLE t ALTER COLUMN a DROP DEFAULT;\n"
      "ALTER TABLE t ALTER COLUMN n TYPE int;\n";
  EXPECT_EQ(definitions(rebuilt_table(history, 4)),
            (std::vector<std::string>{"id uuid PRIMARY KEY", "a text NOT NULL DEFAULT 'y'", "b int DEFAULT 1 + 2",
                                      "c bool DEFAULT (true AND false)", "n int"}));
  EXPECT_EQ(rebuilt_table(history, 6).column("a")->definition, "a text NOT NULL");
}

TEST(CatalogReplay, DroppedConstraintsLeaveTheDefinition) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE u (id int PRIMARY KEY);\n"
      "CREATE TABLE t (id uuid PRIMARY KEY, a int CHECK (a > 0) CHECK (a < 9), b int CONSTRAINT b_fk REFERENCES u (id) "
      "DEFERRABLE, c int, CONSTRAINT c_positive CHECK (c > 0), CHECK (a <> c), FOREIGN KEY (c) REFERENCES u (id));\n"
      "ALTER TABLE t DROP CONSTRAINT t_a_check;\n"  // unnamed: the name PostgreSQL gave it
      "ALTER TABLE t DROP CONSTRAINT b_fk, DROP CONSTRAINT c_positive;\n"
      "ALTER TABLE t DROP CONSTRAINT t_check, DROP CONSTRAINT t_c_fkey;\n"
      "ALTER TABLE t ALTER COLUMN c TYPE bigint;\n",
      6);
  // The unnamed check left behind keeps the name it has in PostgreSQL, not the one it would get now.
  EXPECT_EQ(definitions(table), (std::vector<std::string>{"id uuid CONSTRAINT \"t_pkey\" PRIMARY KEY",
                                                          "a int CONSTRAINT \"t_a_check1\" CHECK (a < 9)", "b int",
                                                          "c int"}));
  EXPECT_TRUE(table.constraints.empty()) << table.constraints.front();
  ASSERT_EQ(table.indexes.size(), 1u);
  EXPECT_EQ(table.indexes[0].name, "t_pkey");
}

TEST(CatalogReplay, DroppedPrimaryKeyLeavesItsColumnsNotNull) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id int, code text, PRIMARY KEY (id));\n"
      "ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY KEY (code);\n"
      "ALTER TABLE t ALTER COLUMN code TYPE varchar(20);\n",
      3);
  EXPECT_EQ(definitions(table), (std::vector<std::string>{"id int NOT NULL", "code text"}));
  ASSERT_EQ(table.indexes.size(), 1u);
  EXPECT_EQ(table.indexes[0].definition, "CONSTRAINT \"t_pkey\" PRIMARY KEY (code)");
}

TEST(CatalogReplay, ColumnTypeChangeKeepsTheRestOfTheDefinition) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id int PRIMARY KEY, note varchar(10) COLLATE \"C\" NOT NULL DEFAULT 'n', code text);\n"
      "ALTER TABLE t ALTER COLUMN note TYPE text;\n"  // the collation goes, as in PostgreSQL
      "ALTER TABLE t ALTER COLUMN code TYPE varchar(5) COLLATE \"C\" USING left(code, 5);\n"
      "ALTER TABLE t ALTER COLUMN id TYPE bigint;\n",
      4);
  EXPECT_EQ(definitions(table),
            (std::vector<std::string>{"id int PRIMARY KEY", "note text NOT NULL DEFAULT 'n'", "code varchar(5) COLLATE \"C\""}));
  EXPECT_EQ(table.column("code")->type_sql, "varchar(5)");
}

TEST(CatalogReplay, RenamedColumnsAndTablesRebuildUnderTheirNewNames) {
  const std::string history =
      "CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), parent int REFERENCES t (id));\n"
      "CREATE INDEX ON t (a) WHERE a > 1;\n"
      "ALTER TABLE t RENAME COLUMN a TO b;\n"
      "ALTER TABLE t RENAME TO s;\n"
      "ALTER TABLE s ALTER COLUMN b SET NOT NULL;\n";
  const TableModel table = rebuilt_table(history, 5);
  EXPECT_EQ(table.name, "s");
  EXPECT_EQ(definitions(table), (std::vector<std::string>{
                                    "id int CONSTRAINT \"t_pkey\" PRIMARY KEY",
                                    "\"b\" int CONSTRAINT \"t_a_key\" UNIQUE CONSTRAINT \"t_a_check\" CHECK (\"b\" > 0)",
                                    "parent int CONSTRAINT \"t_parent_fkey\" REFERENCES \"s\" (id)"}));
  ASSERT_EQ(table.indexes.size(), 3u);
  EXPECT_EQ(table.indexes[2].definition, "CREATE INDEX \"t_a_idx\" ON \"s\" (\"b\") WHERE \"b\" > 1");
  // The rebuild keeps every name PostgreSQL gave, though they no longer match the table.
  const auto spec = recreation_spec(table, "ALTER TABLE s ALTER COLUMN b SET NOT NULL", "s1", false);
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_NE(spec->create_sql.find("\"b\" int CONSTRAINT \"t_a_key__mantle_1_s1\" UNIQUE CONSTRAINT \"t_a_check\" CHECK "
                                  "(\"b\" > 0) NOT NULL"),
            std::string::npos)
      << spec->create_sql;
  EXPECT_EQ(spec->indexes.at(0).final_name, "t_a_idx");
}

TEST(CatalogReplay, AddedColumnKeysAreIndexes) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id int PRIMARY KEY, x int, CHECK (id > x));\n"
      "ALTER TABLE t ADD COLUMN c int UNIQUE CHECK (c > id);\n"
      "ALTER TABLE t ALTER COLUMN c TYPE bigint;\n",
      3);
  ASSERT_EQ(table.indexes.size(), 2u);
  EXPECT_EQ(table.indexes[1].name, "t_c_key");
  EXPECT_EQ(table.indexes[1].columns, std::vector<std::string>{"c"});
  // PostgreSQL named the new check past the table's own t_check.
  EXPECT_EQ(table.column("c")->definition, "c int CONSTRAINT \"t_c_key\" UNIQUE CONSTRAINT \"t_check1\" CHECK (c > id)");
}

}  // namespace
}  // namespace dsqlint
