// .dsqlint.toml as users write it: lookup, settings, overrides, and errors that point at the line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../run_command.h"

namespace dsqlint {
namespace {

using testing::run_dsqlint;
using testing::write_file;

const std::string kIndex = "CREATE TABLE \"t\" (\"id\" uuid PRIMARY KEY);\nCREATE INDEX \"t_id\" ON \"t\" (\"id\");\n";
const std::string kRls = "ALTER TABLE \"t\" ENABLE ROW LEVEL SECURITY;\n";
const std::string kForeignKey =
    "ALTER TABLE \"a\" ADD CONSTRAINT \"a_b\" FOREIGN KEY (\"b\") REFERENCES \"b\" (\"id\") NOT VALID;\n";

TEST(ConfigCli, NearestConfigWalkingUpSetsFailOnAndTarget) {
  const std::string dir = testing::make_temp_dir("config-walk");
  write_file(dir + "/.git/HEAD", "ref: refs/heads/main\n");
  write_file(dir + "/.dsqlint.toml", "fail-on = \"error\"\n");
  write_file(dir + "/db/migrations/0001.sql", kRls);
  // A warning does not fail: the config says error.
  EXPECT_EQ(run_dsqlint({"check", dir + "/db/migrations/0001.sql"}).exit_code, 0);
  // The command line wins over the config.
  EXPECT_EQ(run_dsqlint({"check", "--fail-on", "warning", dir + "/db/migrations/0001.sql"}).exit_code, 1);
  // A nearer config governs the files under it.
  write_file(dir + "/db/.dsqlint.toml", "target = \"dsql:2025-06-01\"\n");
  write_file(dir + "/db/migrations/0002.sql", kForeignKey);
  const auto json = nlohmann::json::parse(run_dsqlint({"check", "--format", "json", dir + "/db/migrations/0002.sql"}).out);
  EXPECT_EQ(json["target"], "dsql:2025-06-01");
  EXPECT_EQ(json["files"][0]["statements"][0]["class"], "STRIP") << "no foreign keys before 2026-08-26";
}

TEST(ConfigCli, RuleSettingsAndPathOverrides) {
  const std::string dir = testing::make_temp_dir("config-rules");
  write_file(dir + "/.git/HEAD", "");
  write_file(dir + "/.dsqlint.toml",
             "[rules]\ncreate-index-sync = \"error\"\n\n[[overrides]]\npaths = [\"seeds/**\"]\nrules = { rls = \"off\" }\n");
  write_file(dir + "/migrations/0001.sql", kIndex);
  write_file(dir + "/seeds/deep/0001.sql", kRls);
  write_file(dir + "/migrations/0002.sql", kRls);
  const auto index = run_dsqlint({"check", "--format", "json", dir + "/migrations/0001.sql"});
  EXPECT_EQ(index.exit_code, 1) << "info raised to error";
  EXPECT_EQ(nlohmann::json::parse(index.out)["files"][0]["statements"][1]["findings"][0]["severity"], "error");
  const auto seed = run_dsqlint({"check", "--format", "json", dir + "/seeds/deep/0001.sql"});
  EXPECT_EQ(seed.exit_code, 0) << seed.out;
  const auto finding = nlohmann::json::parse(seed.out)["files"][0]["statements"][0]["findings"][0];
  EXPECT_EQ(finding["suppressed"]["kind"], "config") << "off hides the finding but JSON keeps it";
  EXPECT_EQ(run_dsqlint({"check", dir + "/migrations/0002.sql"}).exit_code, 1) << "the override is for seeds/ only";
}

TEST(ConfigCli, MigrationsFolderAndStdinFilenameUseTheConfig) {
  const std::string dir = testing::make_temp_dir("config-folder");
  write_file(dir + "/.git/HEAD", "");
  write_file(dir + "/.dsqlint.toml", "migrations = \"db/sql\"\nfail-on = \"never\"\n");
  write_file(dir + "/db/sql/0001.sql", kRls);
  const auto folder = run_dsqlint({"check", "--format", "json"}, "", dir);
  EXPECT_EQ(folder.exit_code, 0) << folder.err;
  EXPECT_EQ(nlohmann::json::parse(folder.out)["files"].size(), 1u);
  const auto piped = run_dsqlint({"check", "-", "--stdin-filename", dir + "/db/sql/0002.sql"}, kRls);
  EXPECT_EQ(piped.exit_code, 0) << "fail-on never comes from the config found from --stdin-filename";
}

TEST(ConfigCli, BadConfigsAreErrorsWithLineAndSuggestion) {
  const std::string dir = testing::make_temp_dir("config-bad");
  write_file(dir + "/0001.sql", kRls);
  const struct {
    std::string toml, expected;
  } cases[] = {
      {"target = \"dsql\"\nfail_on = \"error\"\n", ":2:1: unknown key 'fail_on'; did you mean 'fail-on'?"},
      {"[rules]\ncreate-index-snyc = \"off\"\n", ":2:1: unknown rule 'create-index-snyc'; did you mean 'create-index-sync'?"},
      {"[rules]\nrls = \"of\"\n", "did you mean 'off'?"},
      {"target = \"dsql:2026-13-45\"\n", ":1:10:"},
      {"fail-on = \"warn\"\n", "did you mean 'warning'?"},
      {"[[overrides]]\nrules = { rls = \"off\" }\n", "needs paths"},
      {"target = \n", ":1:"},
  };
  for (const auto& c : cases) {
    write_file(dir + "/bad.toml", c.toml);
    const auto result = run_dsqlint({"check", "--config", dir + "/bad.toml", dir + "/0001.sql"});
    EXPECT_EQ(result.exit_code, 2) << c.toml;
    EXPECT_NE(result.err.find(dir + "/bad.toml"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(c.expected), std::string::npos) << c.toml << " -> " << result.err;
    EXPECT_TRUE(result.out.empty()) << "nothing is checked with a bad config";
  }
  EXPECT_EQ(run_dsqlint({"check", "--config", dir + "/missing.toml", dir + "/0001.sql"}).exit_code, 2);
}

}  // namespace
}  // namespace dsqlint
