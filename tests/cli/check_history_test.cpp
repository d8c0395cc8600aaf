// Checking single files with the history of their migrations folder: what pre-commit
// (staged files) and editors (one buffer through stdin) see is what the folder check says.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "../run_command.h"

namespace dsqlint {
namespace {

using nlohmann::json;
using testing::run_dsqlint;
using testing::write_file;

const std::string kJsonbTable = "CREATE TABLE \"docs\" (\"id\" uuid PRIMARY KEY, \"body\" jsonb);\n";
const std::string kJsonbIndex = "CREATE INDEX ASYNC \"docs_body_idx\" ON \"docs\" (\"body\");\n";
const std::string kOtherTable = "CREATE TABLE \"tags\" (\"id\" uuid PRIMARY KEY, \"name\" text);\n";

json check_json(const std::vector<std::string>& paths, const std::string& input = "") {
  std::vector<std::string> args{"check", "--format", "json", "--fail-on", "never"};
  args.insert(args.end(), paths.begin(), paths.end());
  const auto result = run_dsqlint(args, input);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out);
}

/// The folder check's entry for `path`.
json folder_entry(const std::string& folder, const std::string& path) {
  const json report = check_json({folder});
  for (const json& file : report["files"])
    if (file["path"] == path) return file;
  ADD_FAILURE() << path << " is not in the folder check of " << folder;
  return {};
}

std::vector<std::string> paths_of(const json& report) {
  std::vector<std::string> out;
  for (const json& file : report["files"]) out.push_back(file["path"]);
  return out;
}

std::string first_class(const json& report) { return report["files"][0]["statements"][0]["class"]; }

std::vector<std::string> rules_of(const json& file) {
  std::vector<std::string> out;
  for (const json& statement : file["statements"])
    for (const json& finding : statement["findings"]) out.push_back(finding["rule"]);
  return out;
}

TEST(CheckHistory, IndexOnAJsonbColumnCreatedInAnEarlierFileIsUnsupported) {
  const std::string dir = testing::make_temp_dir("history-jsonb");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/0001_index.sql", kJsonbIndex);
  const json single = check_json({dir + "/0001_index.sql"});
  ASSERT_EQ(paths_of(single), std::vector<std::string>{dir + "/0001_index.sql"});
  EXPECT_EQ(first_class(single), "UNSUPPORTED");
  EXPECT_EQ(rules_of(single["files"][0]), std::vector<std::string>{"index-key-type"});
  EXPECT_EQ(single["files"][0], folder_entry(dir, dir + "/0001_index.sql"));
  EXPECT_EQ(single["summary"]["total"], 1);
  EXPECT_EQ(run_dsqlint({"check", dir + "/0001_index.sql"}).exit_code, 1);
}

// apply identifies a migration by its content (a BOM dropped, CRLF read as LF) and refuses
// a folder where two files share one: check says so on the later file, alone or in the
// folder, from a cold or a warm cache. Files without statements run nothing and pass.
TEST(CheckHistory, AMigrationWithTheContentOfAnEarlierOneIsRefused) {
  const std::string dir = testing::make_temp_dir("history-duplicate");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/0001_seed.sql", "INSERT INTO \"docs\" (\"id\") VALUES (gen_random_uuid());\n");
  write_file(dir + "/0002_seed.sql", "\xEF\xBB\xBFINSERT INTO \"docs\" (\"id\") VALUES (gen_random_uuid());\r\n");
  write_file(dir + "/0003_empty.sql", "-- This is an empty migration.");
  write_file(dir + "/0004_empty.sql", "-- This is an empty migration.");
  const json seed = folder_entry(dir, dir + "/0001_seed.sql");
  EXPECT_TRUE(rules_of(seed).empty()) << seed;
  const json copy = folder_entry(dir, dir + "/0002_seed.sql");
  ASSERT_EQ(rules_of(copy), std::vector<std::string>{"duplicate-migration"}) << copy;
  EXPECT_EQ(copy["statements"][0]["class"], "UNSUPPORTED");
  EXPECT_NE(copy["statements"][0]["findings"][0]["message"].get<std::string>().find(dir + "/0001_seed.sql"),
            std::string::npos);
  EXPECT_TRUE(folder_entry(dir, dir + "/0004_empty.sql")["statements"].empty());
  for (int run = 0; run < 2; ++run)  // the second from the history cache the first stored
    EXPECT_EQ(check_json({dir + "/0002_seed.sql"})["files"][0], copy) << "run " << run;
  EXPECT_EQ(run_dsqlint({"check", dir}).exit_code, 1);
  // One file named twice is one migration.
  EXPECT_EQ(run_dsqlint({"check", "--no-history", dir + "/0001_seed.sql", dir + "/0001_seed.sql"}).exit_code, 0);
  write_file(dir + "/0002_seed.sql", "-- the second seed\nINSERT INTO \"docs\" (\"id\") VALUES (gen_random_uuid());\n");
  EXPECT_EQ(run_dsqlint({"check", dir}).exit_code, 0);
}

TEST(CheckHistory, NoHistoryChecksTheNamedFileAlone) {
  const std::string dir = testing::make_temp_dir("history-off");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/0001_index.sql", kJsonbIndex);
  const auto result = run_dsqlint({"check", "--no-history", "--format", "json", dir + "/0001_index.sql"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(first_class(json::parse(result.out)), "OK");
}

TEST(CheckHistory, FindingsOfEarlierFilesAreNeitherReportedNorFailing) {
  const std::string dir = testing::make_temp_dir("history-quiet");
  write_file(dir + "/0000_docs.sql", kJsonbTable + "ALTER TABLE \"docs\" ENABLE ROW LEVEL SECURITY;\n");
  write_file(dir + "/0001_broken.sql", "CREATE TABLE (;\n");
  write_file(dir + "/0002_tags.sql", kOtherTable);
  const auto result = run_dsqlint({"check", dir + "/0002_tags.sql"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(result.err.empty()) << result.err;
  EXPECT_EQ(result.out.find("0000_docs"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Total: 1 |"), std::string::npos) << result.out;
}

TEST(CheckHistory, DrizzleFilesReplayInJournalOrderNotNameOrder) {
  const std::string dir = testing::make_temp_dir("history-drizzle");
  write_file(dir + "/0000_index.sql", kJsonbIndex);
  write_file(dir + "/0001_docs.sql", kJsonbTable);
  write_file(dir + "/meta/_journal.json",
             R"({"version":"7","dialect":"postgresql","entries":[{"idx":0,"tag":"0001_docs"},{"idx":1,"tag":"0000_index"}]})");
  const json index = check_json({dir + "/0000_index.sql"});
  EXPECT_EQ(first_class(index), "UNSUPPORTED");
  EXPECT_EQ(index["files"][0], folder_entry(dir, dir + "/0000_index.sql"));
  const json docs = check_json({dir + "/0001_docs.sql"});
  EXPECT_EQ(paths_of(docs), std::vector<std::string>{dir + "/0001_docs.sql"});
  EXPECT_EQ(docs["files"][0], folder_entry(dir, dir + "/0001_docs.sql"));
}

TEST(CheckHistory, AFileBelowADrizzleFolderHasItsHistory) {
  const std::string dir = testing::make_temp_dir("history-drizzle-below");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/custom/index.sql", kJsonbIndex);
  write_file(dir + "/meta/_journal.json", R"({"entries":[{"idx":0,"tag":"0000_docs"}]})");
  EXPECT_EQ(first_class(check_json({dir + "/custom/index.sql"})), "UNSUPPORTED");
}

// The folder check reads subfolders too; a file in one gets the history of the whole folder.
TEST(CheckHistory, AFileInANumberedFolderHasTheHistoryOfTheFolderAbove) {
  const std::string dir = testing::make_temp_dir("history-numbered") + "/migrations";
  write_file(dir + "/2024/0001_init.sql", kJsonbTable);
  write_file(dir + "/2025/0002_idx.sql", kJsonbIndex);
  const std::string index = dir + "/2025/0002_idx.sql";
  const auto folder = run_dsqlint({"check", "--format", "gcc", dir});
  EXPECT_EQ(folder.exit_code, 1) << folder.out << folder.err;
  EXPECT_NE(folder.out.find(index + ":1:1: error:"), std::string::npos) << folder.out;
  EXPECT_NE(folder.out.find("[index-key-type]"), std::string::npos) << folder.out;
  for (const std::string sibling : {"", "0003_more.sql"}) {
    if (!sibling.empty()) write_file(dir + "/2025/" + sibling, kOtherTable);
    const auto single = run_dsqlint({"check", "--format", "gcc", index});
    EXPECT_EQ(single.exit_code, 1) << sibling << ": " << single.out << single.err;
    EXPECT_EQ(single.out, folder.out) << sibling;
    EXPECT_EQ(check_json({index})["files"][0], folder_entry(dir, index)) << sibling;
  }
}

// Numbered folders nest (years, then months), and a folder's own files sort among them.
TEST(CheckHistory, NumberedFoldersNestAndSortAmongTheFilesBesideThem) {
  const std::string dir = testing::make_temp_dir("history-numbered-nested") + "/migrations";
  write_file(dir + "/2024/06/0001_init.sql", kJsonbTable);
  write_file(dir + "/2025/01/0002_idx.sql", kJsonbIndex);
  write_file(dir + "/2025/01/0003_tags.sql", kOtherTable);
  write_file(dir + "/9999_index.sql", kJsonbIndex);
  for (const std::string file : {"/2025/01/0002_idx.sql", "/9999_index.sql"}) {
    const json single = check_json({dir + file});
    EXPECT_EQ(first_class(single), "UNSUPPORTED") << file;
    EXPECT_EQ(single["files"][0], folder_entry(dir, dir + file)) << file;
  }
}

// A journal makes its folder the migrations folder of every .sql file below it, as the
// folder check reads them after the journal's, however many sit beside the named one.
TEST(CheckHistory, AFileInASubfolderOfADrizzleFolderHasItsHistoryBesideOtherFiles) {
  const std::string dir = testing::make_temp_dir("history-drizzle-subfolder") + "/b";
  write_file(dir + "/meta/_journal.json", R"({"entries":[{"idx":0,"tag":"0000_init"}]})");
  write_file(dir + "/0000_init.sql", kJsonbTable);
  write_file(dir + "/extra/x1.sql", kJsonbIndex);
  const std::string index = dir + "/extra/x1.sql";
  EXPECT_EQ(first_class(check_json({index})), "UNSUPPORTED");
  write_file(dir + "/extra/x2.sql", kOtherTable);
  const json single = check_json({index});
  EXPECT_EQ(first_class(single), "UNSUPPORTED");
  EXPECT_EQ(single["files"][0], folder_entry(dir, index));
  EXPECT_EQ(run_dsqlint({"check", index}).exit_code, 1);
}

// A flat folder is its own migrations folder, whatever lies beside it: a numbered folder
// or .sql files in the folder above are not its history.
TEST(CheckHistory, AFlatFolderIsItsOwnHistoryWhateverLiesBesideIt) {
  const std::string db = testing::make_temp_dir("history-flat") + "/db";
  write_file(db + "/2024/0000_docs.sql", kJsonbTable);
  write_file(db + "/0000_docs.sql", kJsonbTable);
  write_file(db + "/migrations/0000_tags.sql", kOtherTable);
  write_file(db + "/migrations/0001_index.sql", kJsonbIndex);
  const std::string index = db + "/migrations/0001_index.sql";
  const json single = check_json({index});
  EXPECT_EQ(first_class(single), "OK") << "docs is created outside db/migrations";
  EXPECT_EQ(single["files"][0], folder_entry(db + "/migrations", index));
  const auto relative = run_dsqlint({"check", "--format", "json", "--fail-on", "never", "0001_index.sql"}, "",
                                    db + "/migrations");
  EXPECT_EQ(first_class(json::parse(relative.out)), "OK") << relative.err;
}

TEST(CheckHistory, FolderReadsPrismaMigrationsInTheOrderOfTheirFolders) {
  const std::string dir = testing::make_temp_dir("history-prisma-order");
  // '-' sorts before '/', so a plain string order would put 1_a-b/ first.
  write_file(dir + "/1_a/migration.sql", kJsonbTable);
  write_file(dir + "/1_a-b/migration.sql", kJsonbIndex);
  write_file(dir + "/migration_lock.toml", "provider = \"postgresql\"\n");
  const json folder = check_json({dir});
  EXPECT_EQ(paths_of(folder), (std::vector<std::string>{dir + "/1_a/migration.sql", dir + "/1_a-b/migration.sql"}));
  EXPECT_EQ(folder["files"][1]["statements"][0]["class"], "UNSUPPORTED");
}

TEST(CheckHistory, PrismaMigrationHasTheHistoryOfTheMigrationsBeforeIt) {
  const std::string dir = testing::make_temp_dir("history-prisma") + "/prisma/migrations";
  write_file(dir + "/20240101000000_init/migration.sql", kJsonbTable);
  write_file(dir + "/20240102000000_tags/migration.sql", kOtherTable);
  write_file(dir + "/20240103000000_index/migration.sql", kJsonbIndex);
  write_file(dir + "/migration_lock.toml", "provider = \"postgresql\"\n");
  const std::string index = dir + "/20240103000000_index/migration.sql";
  const json single = check_json({index});
  EXPECT_EQ(paths_of(single), std::vector<std::string>{index});
  EXPECT_EQ(first_class(single), "UNSUPPORTED");
  EXPECT_EQ(single["files"][0], folder_entry(dir, index));
}

TEST(CheckHistory, SeveralNamedFilesOfAFolderAreReportedInApplyOrder) {
  const std::string dir = testing::make_temp_dir("history-several");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/0001_tags.sql", kOtherTable);
  write_file(dir + "/0002_index.sql", kJsonbIndex);
  write_file(dir + "/0003_later.sql", "DROP TABLE \"docs\";\n");
  const json report = check_json({dir + "/0002_index.sql", dir + "/0001_tags.sql"});
  EXPECT_EQ(paths_of(report), (std::vector<std::string>{dir + "/0001_tags.sql", dir + "/0002_index.sql"}));
  EXPECT_EQ(report["files"][1]["statements"][0]["class"], "UNSUPPORTED");
  EXPECT_EQ(report["summary"]["total"], 2);
  const auto parallel = run_dsqlint(
      {"check", "--format", "json", "--fail-on", "never", "--jobs", "2", dir + "/0002_index.sql", dir + "/0001_tags.sql"});
  EXPECT_EQ(json::parse(parallel.out), report);
}

TEST(CheckHistory, StdinStandsInForTheFileItsNameGives) {
  const std::string dir = testing::make_temp_dir("history-stdin");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/0001_edit.sql", "DROP TABLE \"docs\";\n");  // the saved file, replaced by the buffer
  const json edited = check_json({"-", "--stdin-filename", dir + "/0001_edit.sql"}, kJsonbIndex);
  EXPECT_EQ(paths_of(edited), std::vector<std::string>{dir + "/0001_edit.sql"});
  EXPECT_EQ(first_class(edited), "UNSUPPORTED");
  EXPECT_EQ(rules_of(edited["files"][0]), std::vector<std::string>{"index-key-type"});
  // A buffer not saved yet comes after every file that sorts before its name.
  const json fresh = check_json({"-", "--stdin-filename", dir + "/0002_new.sql"}, "CREATE TABLE \"docs\" (\"id\" text);\n");
  EXPECT_EQ(paths_of(fresh), std::vector<std::string>{dir + "/0002_new.sql"});
  EXPECT_EQ(rules_of(fresh["files"][0]), std::vector<std::string>{}) << "0001_edit.sql dropped docs";
  const json before = check_json({"-", "--stdin-filename", dir + "/0000_a.sql"}, kJsonbIndex);
  EXPECT_EQ(first_class(before), "OK") << "0000_a.sql comes before 0000_docs.sql";
}

TEST(CheckHistory, StdinInADrizzleFolderFollowsTheJournal) {
  const std::string dir = testing::make_temp_dir("history-stdin-drizzle");
  write_file(dir + "/0000_index.sql", "SELECT 1;\n");
  write_file(dir + "/0001_docs.sql", kJsonbTable);
  write_file(dir + "/meta/_journal.json", R"({"entries":[{"idx":0,"tag":"0001_docs"},{"idx":1,"tag":"0000_index"}]})");
  EXPECT_EQ(first_class(check_json({"-", "--stdin-filename", dir + "/0000_index.sql"}, kJsonbIndex)), "UNSUPPORTED");
}

TEST(CheckHistory, AFileAloneIsCheckedAsBefore) {
  const std::string dir = testing::make_temp_dir("history-alone");
  write_file(dir + "/only.sql", kJsonbTable + kJsonbIndex);
  write_file(dir + "/notes/readme.txt", "not sql");
  const auto with = run_dsqlint({"check", "--format", "json", dir + "/only.sql"});
  const auto without = run_dsqlint({"check", "--format", "json", "--no-history", dir + "/only.sql"});
  EXPECT_EQ(with.out, without.out);
  EXPECT_EQ(with.exit_code, without.exit_code);
  EXPECT_EQ(json::parse(with.out)["files"][0]["statements"][1]["class"], "UNSUPPORTED");
}

TEST(CheckHistory, NamedFilesOnTheirOwnStillSeeEachOtherInCommandLineOrder) {
  const std::string dir = testing::make_temp_dir("history-loose");
  write_file(dir + "/a/docs.sql", kJsonbTable);
  write_file(dir + "/b/index.sql", kJsonbIndex);
  const json report = check_json({dir + "/a/docs.sql", dir + "/b/index.sql"});
  EXPECT_EQ(report["files"][1]["statements"][0]["class"], "UNSUPPORTED");
}

TEST(CheckHistory, ABrokenJournalMeansNoHistoryAndANote) {
  const std::string dir = testing::make_temp_dir("history-bad-journal");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/0001_index.sql", kJsonbIndex);
  write_file(dir + "/meta/_journal.json", "[]");
  const auto result = run_dsqlint({"check", dir + "/0001_index.sql"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.err.find("not a Drizzle journal"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("checked without the history of its folder"), std::string::npos) << result.err;
}

// A journal that cannot be read is named with the reason, never parsed as an empty one nor
// left to abort the run: the folder check fails, a single file is checked alone.
TEST(CheckHistory, AJournalThatCannotBeReadIsReportedWithItsReason) {
  namespace fs = std::filesystem;
  struct Case {
    std::string name, reason;
    std::function<void(const std::string&)> make;
  };
  std::vector<Case> cases{
      {"folder", "is a directory", [](const std::string& journal) { fs::create_directories(journal); }},
      {"loop", "cannot open: Too many levels of symbolic links",
       [](const std::string& journal) { fs::create_symlink("_journal.json", journal); }},
  };
  if (::geteuid() != 0)  // root reads anything
    cases.push_back({"unreadable", "cannot open: Permission denied", [](const std::string& journal) {
                       write_file(journal, R"({"entries":[]})");
                       fs::permissions(journal, fs::perms::none);
                     }});
  for (const Case& c : cases) {
    const std::string dir = testing::make_temp_dir("history-journal-" + c.name);
    write_file(dir + "/0000_docs.sql", kJsonbTable);
    write_file(dir + "/0001_index.sql", kJsonbIndex);
    fs::create_directories(dir + "/meta");
    c.make(dir + "/meta/_journal.json");
    const std::string message = dir + "/meta/_journal.json: cannot read the Drizzle journal: " + c.reason;
    const auto folder = run_dsqlint({"check", dir});
    EXPECT_EQ(folder.exit_code, 2) << c.name << ": " << folder.err;
    EXPECT_NE(folder.err.find("dsqlint: " + message + "\n"), std::string::npos) << c.name << ": " << folder.err;
    const auto single = run_dsqlint({"check", dir + "/0001_index.sql"});
    EXPECT_EQ(single.exit_code, 0) << c.name << ": " << single.err;
    EXPECT_NE(single.err.find(message + "; " + dir + "/0001_index.sql is checked without the history of its folder"),
              std::string::npos)
        << c.name << ": " << single.err;
  }
}

// Stdin takes the place of the file --stdin-filename names; naming that file as well would
// leave one of the two unchecked, whichever the argument order made lose.
TEST(CheckHistory, AFileNamedBothAsAPathAndAsStdinIsAUsageError) {
  const std::string dir = testing::make_temp_dir("history-named-twice");
  write_file(dir + "/0000_docs.sql", kJsonbTable);
  write_file(dir + "/0001_index.sql", kJsonbIndex);
  const std::string file = dir + "/0001_index.sql", spelled = dir + "/./0001_index.sql";
  for (const auto& args : std::vector<std::vector<std::string>>{{"check", file, "-", "--stdin-filename", file},
                                                                 {"check", "-", file, "--stdin-filename", file},
                                                                 {"check", spelled, "-", "--stdin-filename", file},
                                                                 {"check", "--no-history", "-", file, "--stdin-filename", file}}) {
    const auto result = run_dsqlint(args, "CREATE TABLE (;\n");
    EXPECT_EQ(result.exit_code, 2) << args[1] << " " << args[2] << ": " << result.out << result.err;
    EXPECT_NE(result.err.find("is named twice, once as stdin through --stdin-filename"), std::string::npos)
        << result.err;
  }
}

}  // namespace
}  // namespace dsqlint
