// Every file of a 300-file corpus folder, checked on its own, gets exactly its part of the
// folder check: the history of a single file is the folder before it, nothing more or less,
// whether replayed or loaded from the history cache.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "../run_command.h"

namespace dsqlint {
namespace {

using nlohmann::json;
using testing::run_dsqlint;

/// Whether the file's own findings fail the run at the default --fail-on warning.
bool fails_at_warning(const json& file) {
  for (const json& statement : file["statements"])
    for (const json& finding : statement["findings"])
      if (!finding.contains("suppressed") && finding["severity"] != "info") return true;
  return false;
}

TEST(CheckHistoryCorpus, EverySingleFileMatchesItsPartOfTheFolderCheck) {
  const std::string dir = testing::make_temp_dir("history-corpus") + "/migrations";
  const std::string generate =
      "python3 '" + std::string(DSQLINT_SOURCE_DIR) + "/tests/bench/gen-corpus' '" + dir + "' --files 300";
  ASSERT_EQ(std::system(generate.c_str()), 0);
  const auto folder_run = run_dsqlint({"check", "--format", "json", dir});
  ASSERT_NE(folder_run.exit_code, 2) << folder_run.err;
  const json folder = json::parse(folder_run.out);
  ASSERT_EQ(folder["files"].size(), 300u);
  // Threads that pass the replay from one to another in plan order write the same report.
  const auto parallel_run = run_dsqlint({"check", "--format", "json", "--jobs", "2", dir});
  EXPECT_EQ(parallel_run.out, folder_run.out);
  EXPECT_EQ(parallel_run.exit_code, folder_run.exit_code);
  const auto started = std::chrono::steady_clock::now();
  size_t n = 0;
  for (const json& expected : folder["files"]) {
    const std::string path = expected["path"];
    // The first run replays the history and caches it; every tenth file is checked again,
    // from the cached catalog, whose tables are read only as statements look them up.
    for (int run = 0; run < (++n % 10 == 0 ? 2 : 1); ++run) {
      const auto single_run = run_dsqlint({"check", "--format", "json", path});
      const json single = json::parse(single_run.out);
      ASSERT_EQ(single["files"].size(), 1u) << path;
      EXPECT_EQ(single["files"][0], expected) << path << (run ? " (cached history)" : "");
      EXPECT_EQ(single_run.exit_code, fails_at_warning(expected) ? 1 : 0) << path << ": " << single_run.err;
      EXPECT_TRUE(single_run.err.empty()) << path << ": " << single_run.err;
    }
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "300 single-file checks took " << seconds << " s\n";
}

}  // namespace
}  // namespace dsqlint
