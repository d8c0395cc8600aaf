// The baseline: an old folder adopts dsqlint without fixing history, and new findings still fail.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../run_command.h"

namespace dsqlint {
namespace {

using testing::run_dsqlint;
using testing::write_file;

const std::string kOld =
    "CREATE TABLE \"t\" (\"id\" uuid PRIMARY KEY, \"n\" text);\n--> statement-breakpoint\n"
    "ALTER TABLE \"t\" ENABLE ROW LEVEL SECURITY;\n--> statement-breakpoint\n"
    "CREATE TRIGGER \"t_touch\" BEFORE UPDATE ON \"t\" FOR EACH ROW EXECUTE FUNCTION touch();\n";

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(BaselineCli, WriteThenHideSurvivesReformattingAndMoves) {
  const std::string dir = testing::make_temp_dir("baseline");
  write_file(dir + "/migrations/0001_old.sql", kOld);
  ASSERT_EQ(run_dsqlint({"check", dir + "/migrations"}, "", dir).exit_code, 1) << "the old folder has findings";

  const auto written = run_dsqlint({"check", "--write-baseline", "baseline.json", "migrations"}, "", dir);
  EXPECT_EQ(written.exit_code, 0) << written.err;
  EXPECT_NE(written.err.find("recorded 2 finding(s)"), std::string::npos) << written.err;
  const auto recorded = nlohmann::json::parse(read(dir + "/baseline.json"));
  ASSERT_EQ(recorded["findings"].size(), 2u);
  EXPECT_EQ(recorded["findings"][0]["path"], "migrations/0001_old.sql");

  const auto adopted = run_dsqlint({"check", "--baseline", "baseline.json", "migrations"}, "", dir);
  EXPECT_EQ(adopted.exit_code, 0) << adopted.out;
  EXPECT_EQ(adopted.out.find("trigger"), std::string::npos) << "hidden from the text report: " << adopted.out;

  // Reformatted and moved down: blank lines, comments, other case, different spacing.
  write_file(dir + "/migrations/0001_old.sql",
             "-- history\n\n\ncreate table \"t\" (\"id\"   uuid primary key,\n  \"n\" text);\n--> statement-breakpoint\n"
             "alter table \"t\"\n  enable row level security;\n--> statement-breakpoint\n"
             "CREATE TRIGGER \"t_touch\"\n  BEFORE UPDATE ON \"t\"\n  FOR EACH ROW EXECUTE FUNCTION touch();\n");
  const auto moved = run_dsqlint({"check", "--baseline", "baseline.json", "--format", "json", "migrations"}, "", dir);
  EXPECT_EQ(moved.exit_code, 0) << moved.out;
  const auto json = nlohmann::json::parse(moved.out);
  EXPECT_EQ(json["files"][0]["statements"][1]["findings"][0]["suppressed"]["kind"], "baseline")
      << "JSON keeps baselined findings, marked";

  // A new finding in a new file is still reported and fails.
  write_file(dir + "/migrations/0002_new.sql", "ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE varchar(10);\n");
  const auto fresh = run_dsqlint({"check", "--baseline", "baseline.json", "--format", "gcc", "migrations"}, "", dir);
  EXPECT_EQ(fresh.exit_code, 1);
  EXPECT_NE(fresh.out.find("0002_new.sql"), std::string::npos) << fresh.out;
  EXPECT_EQ(fresh.out.find("0001_old.sql"), std::string::npos) << fresh.out;

  // The same statement once more in the old file is a new finding too (occurrence counts).
  write_file(dir + "/migrations/0002_new.sql", "ALTER TABLE \"t\" ENABLE ROW LEVEL SECURITY;\n");
  write_file(dir + "/migrations/0001_old.sql", kOld + "--> statement-breakpoint\nALTER TABLE \"t\" ENABLE ROW LEVEL SECURITY;\n");
  const auto again = run_dsqlint({"check", "--baseline", "baseline.json", "--format", "gcc", "migrations"}, "", dir);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.out.find("0001_old.sql:7"), std::string::npos) << again.out;
}

TEST(BaselineCli, StaleEntriesAreNamedAndBadFilesRefused) {
  const std::string dir = testing::make_temp_dir("baseline-stale");
  write_file(dir + "/migrations/0001.sql", kOld);
  ASSERT_EQ(run_dsqlint({"check", "--write-baseline", "b.json", "migrations"}, "", dir).exit_code, 0);
  write_file(dir + "/migrations/0001.sql", "CREATE TABLE \"t\" (\"id\" uuid PRIMARY KEY);\n");
  const auto fixed = run_dsqlint({"check", "--baseline", "b.json", "migrations"}, "", dir);
  EXPECT_EQ(fixed.exit_code, 0);
  EXPECT_NE(fixed.err.find("2 finding(s) recorded in b.json no longer occur"), std::string::npos) << fixed.err;

  write_file(dir + "/bad.json", "{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}");
  const auto bad = run_dsqlint({"check", "--baseline", "bad.json", "migrations"}, "", dir);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.json: not a dsqlint baseline"), std::string::npos) << bad.err;
  const auto missing = run_dsqlint({"check", "--baseline", "nope.json", "migrations"}, "", dir);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read baseline nope.json"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace dsqlint
