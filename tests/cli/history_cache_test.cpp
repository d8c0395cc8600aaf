// The history cache: an editor's save or a pre-commit run reads the schema of the earlier
// files from it instead of replaying them, and never gets a verdict the folder check would
// not give (an edited earlier file, a damaged or foreign cache file is a miss).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>
#include <nlohmann/json.hpp>

#include "../fixture_expectations.h"
#include "cli/check_command.h"
#include "cli/check_plan.h"
#include "../run_command.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_dsqlint;
using testing::write_file;

const std::string kJsonbTable = "CREATE TABLE \"docs\" (\"id\" uuid PRIMARY KEY, \"body\" jsonb);\n";
const std::string kTextTable = "CREATE TABLE \"docs\" (\"id\" uuid PRIMARY KEY, \"body\" text);\n";
const std::string kTextTableOfTheSameSize = "CREATE TABLE \"docs\" (\"id\" uuid PRIMARY KEY, \"body\"  text);\n";
const std::string kIndex = "CREATE INDEX ASYNC \"docs_body_idx\" ON \"docs\" (\"body\");\n";

/// A name no other Folder of this test process has.
std::string unique(const std::string& name) {
  static int next = 0;
  return name + "-" + std::to_string(next++);
}

struct Folder {
  std::string dir = testing::make_temp_dir(unique("cache-migrations"));
  std::string cache = testing::make_temp_dir(unique("cache-dir"));
  Folder() {
    write_file(dir + "/0000_docs.sql", kJsonbTable);
    write_file(dir + "/0001_more.sql", "CREATE TABLE \"tags\" (\"id\" uuid PRIMARY KEY);\n");
    write_file(dir + "/0002_index.sql", kIndex);
  }
  std::string last() const { return dir + "/0002_index.sql"; }
  /// The class of the last file's statement, checked alone with the cache.
  std::string class_of_last(std::vector<std::string> options = {}) const {
    std::vector<std::string> args{"check", "--format", "json", "--fail-on", "never", "--cache-dir", cache};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(last());
    const auto result = run_dsqlint(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out)["files"][0]["statements"][0]["class"];
  }
  std::vector<fs::path> catalogs() const {
    std::vector<fs::path> out;
    if (fs::is_directory(cache + "/catalogs"))
      for (const auto& entry : fs::directory_iterator(cache + "/catalogs")) out.push_back(entry.path());
    return out;
  }
};

TEST(HistoryCache, SecondRunReadsTheHistoryFromTheCache) {
  const Folder folder;
  EXPECT_EQ(folder.class_of_last(), "UNSUPPORTED");  // index-key-type: body is jsonb
  ASSERT_EQ(folder.catalogs().size(), 1u) << "the replayed history is stored";
  const fs::path stored = folder.catalogs().front();
  const std::string bytes = testing::read_text_file(stored.string());
  // Proof that the second run reads it: a cached schema where body is text makes the index OK.
  const Folder other;
  write_file(other.dir + "/0000_docs.sql", kTextTable);
  other.class_of_last();
  ASSERT_EQ(other.catalogs().size(), 1u);
  fs::copy_file(other.catalogs().front(), stored, fs::copy_options::overwrite_existing);
  EXPECT_EQ(folder.class_of_last(), "OK") << "the cached catalog stood in for the replay";
  write_file(stored.string(), bytes);
  EXPECT_EQ(folder.class_of_last(), "UNSUPPORTED");
}

TEST(HistoryCache, AnEditedEarlierFileChangesTheVerdict) {
  const Folder folder;
  EXPECT_EQ(folder.class_of_last(), "UNSUPPORTED");
  write_file(folder.dir + "/0000_docs.sql", kTextTable);
  EXPECT_EQ(folder.class_of_last(), "OK") << "a new content hash is a new key";
  EXPECT_EQ(folder.catalogs().size(), 2u);
  write_file(folder.dir + "/0000_docs.sql", kJsonbTable);
  EXPECT_EQ(folder.class_of_last(), "UNSUPPORTED") << "back to the first history, and its catalog";
  EXPECT_EQ(folder.catalogs().size(), 2u);
}

/// Checks `paths` in this process (whose build stamp keys the cache apart from the
/// dsqlint binary's) with the cache of `folder`; `report` sees each reported file first.
/// Returns the class of the last reported file's first statement.
std::string check_in_process(const Folder& folder, const std::vector<std::string>& paths,
                             const std::function<void(const FileResult&)>& report = {}) {
  const CheckPlan plan = plan_check(paths, "", true);
  const std::vector<FileSettings> settings(plan.inputs.size(), FileSettings{TargetProfile{}, Severity::Warning, nullptr});
  HistoryCache cache(CacheSettings{true, folder.cache});
  std::string last_class;
  check_planned(plan.inputs, plan.catalogs, settings, 1, [&](FileResult&& file, const FileSettings&) {
    if (report) report(file);
    last_class = class_name(file.statements.at(0).klass);
  }, &cache);
  return last_class;
}

// The history is keyed before it is linted, so an earlier file can change in between. A
// file of another catalog comes first in the plan and its report makes the edit: exactly
// between the two reads, with no timing involved.
TEST(HistoryCache, AFileEditedWhileCheckedIsStoredUnderWhatWasReplayed) {
  const Folder folder;
  const std::string loose = testing::make_temp_dir(unique("cache-loose")) + "/loose.sql";
  write_file(loose, "SELECT 1;\n");
  const std::string docs = folder.dir + "/0000_docs.sql";
  const std::string during = check_in_process(folder, {loose, folder.last()}, [&](const FileResult& file) {
    if (file.source.path == loose) write_file(docs, kTextTable);
  });
  EXPECT_EQ(during, "OK") << "the edit came before the history was linted";
  ASSERT_EQ(folder.catalogs().size(), 1u);
  write_file(docs, kJsonbTable);  // the edit undone
  EXPECT_EQ(check_in_process(folder, {folder.last()}), "UNSUPPORTED")
      << "the history of the text table is not served for the jsonb table";
  write_file(docs, kTextTable);
  EXPECT_EQ(check_in_process(folder, {folder.last()}), "OK");
  EXPECT_EQ(folder.catalogs().size(), 2u) << "the history replayed during the edit was stored under its own key";
}

TEST(HistoryCache, DamagedCacheIsReplayedAndWrittenAgain) {
  const Folder folder;
  folder.class_of_last();
  const fs::path stored = folder.catalogs().front();
  const std::string good = testing::read_text_file(stored.string());
  for (const std::string& damage : {std::string(), good.substr(0, good.size() / 2), std::string("garbage\n"),
                                    good.substr(0, 20) + std::string(good.size() - 20, '\xff')}) {
    write_file(stored.string(), damage);
    EXPECT_EQ(folder.class_of_last(), "UNSUPPORTED");
    EXPECT_EQ(testing::read_text_file(stored.string()), good) << "the replayed history replaced the damaged file";
  }
}

// touch -d, cp -p, rsync -a and tar x give an edited file its old modification time; the
// inode's change time still moves. Each check comes after the 2 s in which a changed file is
// hashed again anyway, so that only the stamp can tell the edit.
TEST(HistoryCache, AnEditThatKeepsSizeAndModificationTimeIsHashedAgain) {
  const Folder folder;
  const std::string docs = folder.dir + "/0000_docs.sql";
  ASSERT_EQ(kTextTableOfTheSameSize.size(), kJsonbTable.size());
  const auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  const auto settle = [] { std::this_thread::sleep_for(std::chrono::milliseconds(2100)); };
  fs::last_write_time(docs, an_hour_ago);
  settle();
  EXPECT_EQ(folder.class_of_last(), "UNSUPPORTED");
  ASSERT_NE(testing::read_text_file(folder.cache + "/file-hashes").find(docs), std::string::npos)
      << "the file's hash is kept by its stamp";
  write_file(docs, kTextTableOfTheSameSize);
  fs::last_write_time(docs, an_hour_ago);
  settle();
  EXPECT_EQ(folder.class_of_last(), "OK") << "the edit is hashed, not served the old history";
}

TEST(HistoryCache, NoCacheWritesNothingAndDefaultsToXdgCacheHome) {
  const Folder folder;
  EXPECT_EQ(folder.class_of_last({"--no-cache"}), "UNSUPPORTED");
  EXPECT_TRUE(folder.catalogs().empty());
  const std::string default_dir = testing::cache_home() + "/dsqlint/catalogs";
  std::error_code ignored;
  fs::remove_all(default_dir, ignored);
  const auto result = run_dsqlint({"check", "--format", "json", "--fail-on", "never", folder.last()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::is_directory(default_dir)) << "$XDG_CACHE_HOME/dsqlint";
}

TEST(HistoryCache, TwoProcessesAtOnceBothGetTheRightVerdict) {
  const Folder folder;
  const std::string out = testing::make_temp_dir("cache-concurrent");
  for (int round = 0; round < 4; ++round) {
    if (round == 2) fs::remove_all(folder.cache);  // both start with no cache: both replay and store
    // Two processes started together by one shell, each writing its own report.
    std::string command;
    for (const char* name : {"one", "two"})
      command += std::string(DSQLINT_BINARY) + " check --format json --fail-on never --cache-dir '" + folder.cache +
                 "' '" + folder.last() + "' > '" + out + "/" + name + ".json' 2>&1 & ";
    ASSERT_EQ(std::system((command + "wait").c_str()), 0);
    for (const char* name : {"one", "two"}) {
      const json report = json::parse(testing::read_text_file(out + "/" + name + ".json"));
      EXPECT_EQ(report["files"][0]["statements"][0]["class"], "UNSUPPORTED") << name << " round " << round;
    }
  }
  for (const auto& entry : fs::directory_iterator(folder.cache + "/catalogs"))
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << "no temporary file is left behind";
}

}  // namespace
}  // namespace dsqlint
