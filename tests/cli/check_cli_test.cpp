// The check command as users and scripts call it: inputs, ordering, exit codes, formats.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../fixture_expectations.h"
#include "../run_command.h"

namespace dsqlint {
namespace {

using testing::run_dsqlint;
using testing::write_file;

const std::string kGood = "CREATE TABLE \"items\" (\"id\" text PRIMARY KEY);\n";
const std::string kIndex = "CREATE INDEX \"items_id_idx\" ON \"items\" (\"id\");\n";
const std::string kRls = "ALTER TABLE \"items\" ENABLE ROW LEVEL SECURITY;\n";

std::vector<std::string> file_paths(const std::string& json_text) {
  std::vector<std::string> out;
  const auto json = nlohmann::json::parse(json_text);
  for (const auto& file : json["files"]) out.push_back(file["path"]);
  return out;
}

TEST(CheckCli, CleanFileExitsZeroAndIndexIsOnlyInfo) {
  const std::string dir = testing::make_temp_dir("clean");
  write_file(dir + "/0001.sql", kGood + kIndex);
  const auto result = run_dsqlint({"check", dir + "/0001.sql"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("[2] INDEX CREATE INDEX \"items_id_idx\" ON \"items\" (...) (will use CREATE INDEX ASYNC)"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(run_dsqlint({"check", "--fail-on", "info", dir + "/0001.sql"}).exit_code, 1);
}

TEST(CheckCli, WarningsExitOneUnlessThresholdIsHigher) {
  const std::string dir = testing::make_temp_dir("warn");
  write_file(dir + "/0001.sql", kGood + kRls);
  EXPECT_EQ(run_dsqlint({"check", dir}).exit_code, 1);
  EXPECT_EQ(run_dsqlint({"check", "--fail-on", "error", dir}).exit_code, 0);
  EXPECT_EQ(run_dsqlint({"check", "--fail-on", "never", dir}).exit_code, 0);
  EXPECT_EQ(run_dsqlint({"check", "--fail-on", "sometimes", dir}).exit_code, 2);
}

TEST(CheckCli, DefaultFolderIsMigrations) {
  const std::string dir = testing::make_temp_dir("default");
  write_file(dir + "/migrations/0001.sql", kGood);
  const auto result = run_dsqlint({"check"}, "", dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("migrations/0001.sql"), std::string::npos);
}

TEST(CheckCli, FolderFollowsDrizzleJournalOrder) {
  const std::string dir = testing::make_temp_dir("journal");
  // Each its own table: apply refuses two migrations of one content (duplicate-migration),
  // and PostgreSQL a second table of one name (duplicate-relation).
  write_file(dir + "/0000_b.sql", "CREATE TABLE \"b\" (\"id\" text PRIMARY KEY);\n");
  write_file(dir + "/0001_a.sql", "CREATE TABLE \"a\" (\"id\" text PRIMARY KEY);\n");
  write_file(dir + "/extra.sql", "CREATE TABLE \"extra\" (\"id\" text PRIMARY KEY);\n");
  write_file(dir + "/meta/_journal.json",
             R"({"version":"7","dialect":"postgresql","entries":[{"idx":0,"tag":"0001_a"},{"idx":1,"tag":"0000_b"}]})");
  const auto result = run_dsqlint({"check", "--format", "json", dir});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(file_paths(result.out),
            (std::vector<std::string>{dir + "/0001_a.sql", dir + "/0000_b.sql", dir + "/extra.sql"}));
}

TEST(CheckCli, FolderWithoutJournalIsInNameOrder) {
  const std::string dir = testing::make_temp_dir("names");
  write_file(dir + "/0002_c.sql", kGood);
  write_file(dir + "/0001_a.sql", kGood);
  write_file(dir + "/notes.txt", "not sql");
  const auto result = run_dsqlint({"check", "--format", "json", dir});
  EXPECT_EQ(file_paths(result.out), (std::vector<std::string>{dir + "/0001_a.sql", dir + "/0002_c.sql"}));
}

TEST(CheckCli, JournalEntryWithoutFileIsAnInputError) {
  const std::string dir = testing::make_temp_dir("journal-missing");
  write_file(dir + "/meta/_journal.json", R"({"entries":[{"idx":0,"tag":"0000_gone"}]})");
  const auto result = run_dsqlint({"check", dir});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("0000_gone.sql: listed in meta/_journal.json but missing"), std::string::npos) << result.err;
}

TEST(CheckCli, BadInputsExitTwoWithAClearMessage) {
  const std::string dir = testing::make_temp_dir("bad");
  write_file(dir + "/binary.sql", std::string("\x7f" "ELF\0\0\1", 7));
  write_file(dir + "/latin1.sql", "SELECT 1;\nSELECT 'caf\xe9';\n");
  write_file(dir + "/empty.sql", "");
  struct Case {
    std::string path, message;
  };
  for (const Case& c : {Case{dir + "/binary.sql", "binary file"},
                        Case{dir + "/latin1.sql", "latin1.sql:2:12: error: invalid UTF-8"},
                        Case{dir + "/empty.sql", "empty file"}, Case{dir + "/nope.sql", "no such file or directory"}}) {
    const auto result = run_dsqlint({"check", c.path});
    EXPECT_EQ(result.exit_code, 2) << c.path;
    EXPECT_NE((result.out + result.err).find(c.message), std::string::npos) << c.path << ": " << result.out << result.err;
  }
}

TEST(CheckCli, OneBadFileDoesNotHideTheOthers) {
  const std::string dir = testing::make_temp_dir("mixed");
  write_file(dir + "/0001.sql", kGood + kRls);
  write_file(dir + "/0002.sql", "\xff\xfe");
  const auto result = run_dsqlint({"check", "--format", "json", dir});
  EXPECT_EQ(result.exit_code, 2);
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["files"][0]["statements"].size(), 2u);
  EXPECT_EQ(json["files"][1]["errors"][0]["kind"], "encoding");
}

TEST(CheckCli, StdinUsesTheGivenName) {
  const auto result = run_dsqlint({"check", "-", "--stdin-filename", "db/migrations/0003.sql", "--format", "json"}, kGood + kRls);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(file_paths(result.out), std::vector<std::string>{"db/migrations/0003.sql"});
}

TEST(CheckCli, OutputFileReceivesTheReport) {
  const std::string dir = testing::make_temp_dir("output");
  write_file(dir + "/0001.sql", kGood + kRls);
  const auto result = run_dsqlint({"check", "--format", "json", "--output", dir + "/report.json", dir + "/0001.sql"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.out.empty());
  const auto json = nlohmann::json::parse(testing::read_text_file(dir + "/report.json"));
  EXPECT_EQ(json["summary"]["total"], 2);
  EXPECT_EQ(json["summary"]["strip"], 1);
}

TEST(CheckCli, UnwritableOutputIsAnError) {
  const std::string dir = testing::make_temp_dir("unwritable");
  write_file(dir + "/0001.sql", kGood);
  const auto result = run_dsqlint({"check", "--output", dir + "/missing/report.json", dir + "/0001.sql"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("cannot write"), std::string::npos) << result.err;
}

TEST(CheckCli, TargetSelectsTheRules) {
  const std::string dir = testing::make_temp_dir("target");
  write_file(dir + "/0001.sql", kIndex);
  EXPECT_NE(run_dsqlint({"check", "--target", "postgres", dir}).out.find("[1] OK"), std::string::npos);
  EXPECT_NE(run_dsqlint({"check", "--target", "dsql:2026-01-01", dir}).out.find("[1] INDEX"), std::string::npos);
  const auto bad = run_dsqlint({"check", "--target", "dsql:2026-13-01", dir});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid target date"), std::string::npos);
}

TEST(CheckCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_dsqlint({"check", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(run_dsqlint({}).exit_code, 2);
  EXPECT_EQ(run_dsqlint({"check", "--format", "yaml", "x.sql"}).exit_code, 2);
}

TEST(CheckCli, UsageErrorsMaskTheArgumentsPassword) {
  // status takes --connection-string, not --database-url: the error quotes the stray URL.
  const auto result = run_dsqlint({"status", "--database-url", "postgresql://u:hunter2@127.0.0.1:1/db"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("postgresql://u:***@127.0.0.1:1/db"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("hunter2"), std::string::npos) << result.err;
}

TEST(CheckCli, ParallelJobsGiveTheSameReport) {
  const std::string dir = testing::make_temp_dir("jobs");
  for (int i = 0; i < 20; ++i) write_file(dir + "/" + std::to_string(1000 + i) + ".sql", kGood + kIndex + kRls);
  const auto one = run_dsqlint({"check", "--format", "json", dir});
  const auto four = run_dsqlint({"check", "--format", "json", "--jobs", "4", dir});
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(one.exit_code, four.exit_code);
}

TEST(RulesCli, ListsAndExplains) {
  const auto list = run_dsqlint({"rules"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("create-index-sync"), std::string::npos);
  const auto json = nlohmann::json::parse(run_dsqlint({"rules", "--json"}).out);
  EXPECT_GE(json.size(), 5u);
  const auto doc = run_dsqlint({"explain", "create-index-sync"});
  EXPECT_EQ(doc.exit_code, 0);
  EXPECT_TRUE(doc.out.starts_with("# create-index-sync\n"));
  const auto typo = run_dsqlint({"explain", "create-index-snyc"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'create-index-sync'"), std::string::npos) << typo.err;
}

}  // namespace
}  // namespace dsqlint
