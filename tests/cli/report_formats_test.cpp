// The sarif, gcc and github formats, several reports from one run, stdin names and colour,
// as users and CI call the binary. The SARIF tests check the structure GitHub code scanning
// relies on (shared/integration.md §1); tests/integration/sarif-multitool.sh runs
// Microsoft's validator on top.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "../fixture_expectations.h"
#include "../run_command.h"

namespace dsqlint {
namespace {

using nlohmann::json;
using testing::run_dsqlint;
using testing::write_file;

const std::string kIndex = "CREATE INDEX \"items_id_idx\" ON \"items\" (\"id\");\n";
const std::string kRls = "ALTER TABLE \"items\" ENABLE ROW LEVEL SECURITY;\n";
const std::string kBroken = "CREATE TABLE \"b\" (\"id\" text PRIMARY KEY,, \"x\" int);\n";

/// Runs check from the repository root, so fixture paths are relative as in CI.
testing::CommandResult check_in_repo(std::vector<std::string> args) {
  args.insert(args.begin(), "check");
  return run_dsqlint(args, "", DSQLINT_SOURCE_DIR);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const json& only_run(const json& log) {
  EXPECT_EQ(log["runs"].size(), 1u);
  return log["runs"][0];
}

void expect_valid_region(const json& region) {
  for (const char* key : {"startLine", "startColumn", "endLine", "endColumn"}) {
    ASSERT_TRUE(region.contains(key)) << key << " " << region;
    EXPECT_GE(region[key].get<int>(), 1) << key;
  }
  EXPECT_GE(region["endLine"], region["startLine"]);
  if (region["endLine"] == region["startLine"]) EXPECT_GE(region["endColumn"], region["startColumn"]);
}

void expect_relative_uri(const json& artifact) {
  const std::string uri = artifact["uri"];
  EXPECT_FALSE(uri.empty());
  EXPECT_NE(uri[0], '/') << uri;
  EXPECT_EQ(uri.find('\\'), std::string::npos) << uri;
  EXPECT_EQ(uri.find(' '), std::string::npos) << uri;
  EXPECT_EQ(artifact["uriBaseId"], "%SRCROOT%");
}

TEST(SarifFormat, RunToolAndResultsHaveWhatGitHubNeeds) {
  const auto result = check_in_repo({"--format", "sarif", "fixtures/rules/create-index-sync", "fixtures/rules/rls"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const json log = json::parse(result.out);
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  const json& run = only_run(log);
  const json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "dsqlint");
  EXPECT_EQ(driver["version"], DSQLINT_VERSION);
  EXPECT_EQ(driver["semanticVersion"], DSQLINT_VERSION);
  EXPECT_TRUE(driver["informationUri"].get<std::string>().starts_with("https://"));
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  const std::string root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  EXPECT_TRUE(root.starts_with("file:///") && root.ends_with("/")) << root;
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);

  const json& rules = driver["rules"];
  std::set<std::string> rule_ids;
  for (const json& rule : rules) rule_ids.insert(rule["id"]);
  EXPECT_EQ(rule_ids.size(), rules.size()) << "each rule listed once";
  ASSERT_FALSE(run["results"].empty());
  std::set<std::string> fired;
  for (const json& r : run["results"]) {
    const size_t index = r["ruleIndex"];
    ASSERT_LT(index, rules.size());
    EXPECT_EQ(rules[index]["id"], r["ruleId"]);
    fired.insert(r["ruleId"]);
    EXPECT_TRUE(std::set<std::string>({"error", "warning", "note"}).contains(r["level"]));
    const std::string message = r["message"]["text"];
    EXPECT_TRUE(message.ends_with(".")) << message;
    ASSERT_EQ(r["locations"].size(), 1u);
    const json& physical = r["locations"][0]["physicalLocation"];
    expect_relative_uri(physical["artifactLocation"]);
    expect_valid_region(physical["region"]);
    EXPECT_TRUE(std::regex_match(r["partialFingerprints"]["dsqlintFingerprint/v1"].get<std::string>(),
                                 std::regex("[0-9a-f]{16}")));
  }
  EXPECT_EQ(fired, rule_ids) << "the rules listed are the rules that fired";
  EXPECT_TRUE(fired.contains("create-index-sync") && fired.contains("rls"));
}

TEST(SarifFormat, RuleDescriptorsCarryTheDocs) {
  const json log = json::parse(check_in_repo({"--format", "sarif", "fixtures/rules/rls"}).out);
  for (const json& rule : only_run(log)["tool"]["driver"]["rules"]) {
    std::string id = rule["id"], name = rule["name"];
    for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_NE(id, name) << "SARIF1001: the name must differ from the id";
    for (const char* key : {"shortDescription", "fullDescription"}) {
      const std::string text = rule[key]["text"];
      EXPECT_FALSE(text.empty());
      EXPECT_LE(text.size(), 1024u);
    }
    EXPECT_TRUE(rule["help"]["markdown"].get<std::string>().starts_with("# " + rule["id"].get<std::string>()));
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
    EXPECT_TRUE(rule["helpUri"].get<std::string>().starts_with("https://"));
    EXPECT_TRUE(std::set<std::string>({"error", "warning", "note"}).contains(rule["defaultConfiguration"]["level"]));
    EXPECT_FALSE(rule["properties"].contains("security-severity"));
  }
}

TEST(SarifFormat, RegionsAreTheJsonPositionsAndSafeFixesAreReplacements) {
  const std::string path = "fixtures/rules/create-index-sync/basic.sql";
  const json sarif = json::parse(check_in_repo({"--format", "sarif", path}).out);
  const json report = json::parse(check_in_repo({"--format", "json", path}).out);
  std::vector<json> findings;
  for (const json& statement : report["files"][0]["statements"])
    for (const json& finding : statement["findings"]) findings.push_back(finding);
  const json& results = only_run(sarif)["results"];
  ASSERT_EQ(results.size(), findings.size());
  size_t with_fixes = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    const json& region = results[i]["locations"][0]["physicalLocation"]["region"];
    EXPECT_EQ(results[i]["ruleId"], findings[i]["rule"]);
    EXPECT_EQ(region["startLine"], findings[i]["line"]);
    EXPECT_EQ(region["startColumn"], findings[i]["column"]);
    EXPECT_EQ(region["endLine"], findings[i]["end_line"]);
    EXPECT_EQ(region["endColumn"], findings[i]["end_column"]);
    if (!results[i].contains("fixes")) continue;
    ++with_fixes;
    for (const json& fix : results[i]["fixes"]) {
      ASSERT_FALSE(fix["artifactChanges"].empty());
      const json& change = fix["artifactChanges"][0];
      EXPECT_EQ(change["artifactLocation"]["uri"], path);
      ASSERT_FALSE(change["replacements"].empty());
      for (const json& replacement : change["replacements"]) {
        expect_valid_region(replacement["deletedRegion"]);
        EXPECT_TRUE(replacement["insertedContent"].contains("text"));
      }
    }
  }
  EXPECT_GT(with_fixes, 0u) << "create-index-sync has a safe fix (add ASYNC)";
}

TEST(SarifFormat, SyntaxErrorsAreResultsAndUnreadableFilesAreNotifications) {
  const std::string dir = testing::make_temp_dir("sarif-errors");
  write_file(dir + "/0001.sql", kBroken);
  write_file(dir + "/0002.sql", "SELECT 1;\nSELECT 'caf\xe9';\n");
  const auto result = run_dsqlint({"check", "--format", "sarif", "0001.sql", "0002.sql", "gone.sql"}, "", dir);
  EXPECT_EQ(result.exit_code, 2);
  const json log = json::parse(result.out);
  const json& run = only_run(log);
  ASSERT_EQ(run["results"].size(), 1u);
  EXPECT_EQ(run["results"][0]["ruleId"], "syntax-error");
  EXPECT_EQ(run["results"][0]["level"], "error");
  const json& invocation = run["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  const json& notifications = invocation["toolExecutionNotifications"];
  ASSERT_EQ(notifications.size(), 2u);
  const json& descriptors = run["tool"]["driver"]["notifications"];
  EXPECT_EQ(notifications[0]["descriptor"]["id"], "encoding-error");
  EXPECT_EQ(descriptors[notifications[0]["descriptor"]["index"].get<size_t>()]["id"], "encoding-error");
  const json& physical = notifications[0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "0002.sql");
  EXPECT_EQ(physical["region"]["startLine"], 2);
  EXPECT_EQ(physical["region"]["startColumn"], 12);
  EXPECT_EQ(notifications[1]["descriptor"]["id"], "io-error");
  EXPECT_EQ(notifications[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "gone.sql");
}

TEST(SarifFormat, CleanRunHasAnEmptyResultsArray) {
  const std::string dir = testing::make_temp_dir("sarif-clean");
  write_file(dir + "/0001.sql", "CREATE TABLE \"t\" (\"id\" text PRIMARY KEY);\n");
  const auto result = run_dsqlint({"check", "--format", "sarif", "0001.sql"}, "", dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const json log = json::parse(result.out);
  const json& run = only_run(log);
  ASSERT_TRUE(run["results"].is_array());
  EXPECT_TRUE(run["results"].empty());
  EXPECT_TRUE(run["tool"]["driver"]["rules"].empty());
}

TEST(SarifFormat, PathsArePercentEncodedAndOutsidePathsAreFileUris) {
  const std::string dir = testing::make_temp_dir("sarif-uri");
  write_file(dir + "/with space/café #1.sql", kIndex);
  const auto inside = run_dsqlint({"check", "--format", "sarif", "with space"}, "", dir);
  const json inside_log = json::parse(inside.out);
  const json& run = only_run(inside_log);
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "with%20space/caf%C3%A9%20%231.sql");
  const auto outside = run_dsqlint({"check", "--format", "sarif", dir + "/with space"});
  const json outside_log = json::parse(outside.out);
  const json& artifact = only_run(outside_log)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_TRUE(artifact["uri"].get<std::string>().starts_with("file:///")) << artifact;
  EXPECT_FALSE(artifact.contains("uriBaseId"));
}

TEST(SarifFormat, ParallelJobsGiveTheSameLog) {
  EXPECT_EQ(check_in_repo({"--format", "sarif", "fixtures/rules"}).out,
            check_in_repo({"--format", "sarif", "--jobs", "2", "fixtures/rules"}).out);
}

TEST(GccFormat, OneLinePerFindingWithRuleAndNoteForInfo) {
  const std::string dir = testing::make_temp_dir("gcc");
  write_file(dir + "/0001.sql", kIndex + kRls + kBroken);
  write_file(dir + "/0002.sql", "SELECT 1;\nSELECT 'caf\xe9';\n");
  const auto result = run_dsqlint({"check", "--format", "gcc", "0001.sql", "0002.sql"}, "", dir);
  EXPECT_EQ(result.exit_code, 2);
  const std::regex line_shape(R"(^[^:]+:\d+:\d+: (error|warning|note): .+ \[[a-z0-9-]+\]$)");
  const auto lines = lines_of(result.out);
  for (const std::string& line : lines) EXPECT_TRUE(std::regex_match(line, line_shape)) << line;
  auto has = [&](const std::string& prefix) {
    for (const std::string& line : lines)
      if (line.starts_with(prefix)) return true;
    return false;
  };
  EXPECT_TRUE(has("0001.sql:1:1: note: ")) << result.out;
  EXPECT_TRUE(has("0001.sql:2:21: warning: ")) << result.out;
  EXPECT_TRUE(has("0001.sql:3:41: error: ")) << result.out;
  EXPECT_TRUE(has("0002.sql:2:12: error: invalid UTF-8 at byte offset")) << result.out;
  EXPECT_NE(result.out.find("[create-index-sync]\n"), std::string::npos);
  EXPECT_NE(result.out.find("[syntax-error]\n"), std::string::npos);
  EXPECT_NE(result.out.find("[encoding-error]\n"), std::string::npos);
  EXPECT_EQ(result.out.find("Summary"), std::string::npos) << "nothing but diagnostics on stdout";
}

TEST(GithubFormat, WorkflowCommandsWithEscapedProperties) {
  const auto result = run_dsqlint({"check", "-", "--stdin-filename", "db/a,b:c.sql", "--format", "github"},
                                  kIndex + kRls);
  EXPECT_EQ(result.exit_code, 1);
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 2u) << result.out;
  EXPECT_TRUE(lines[0].starts_with("::notice file=db/a%2Cb%3Ac.sql,line=1,col=1,endLine=1,endColumn=13,"
                                   "title=dsqlint (create-index-sync)::DSQL rejects CREATE INDEX without ASYNC"))
      << lines[0];
  EXPECT_NE(lines[0].find("%0Ahelp: write CREATE INDEX ASYNC"), std::string::npos) << "line breaks escaped";
  EXPECT_TRUE(lines[1].starts_with("::warning file=db/a%2Cb%3Ac.sql,line=2,col=21,endLine=2,endColumn=46,"
                                   "title=dsqlint (rls)::"))
      << lines[1];
}

TEST(GithubFormat, InputErrorsAreErrorCommands) {
  const std::string dir = testing::make_temp_dir("github-errors");
  write_file(dir + "/0001.sql", kBroken);
  const auto result = run_dsqlint({"check", "--format", "github", "0001.sql", "gone.sql"}, "", dir);
  EXPECT_EQ(result.exit_code, 2);
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 2u) << result.out;
  EXPECT_TRUE(lines[0].starts_with("::error file=0001.sql,line=1,col=41,")) << lines[0];
  EXPECT_NE(lines[0].find("title=dsqlint (syntax-error)::syntax error at or near \",\""), std::string::npos) << lines[0];
  EXPECT_TRUE(lines[1].starts_with("::error file=gone.sql,line=1,col=1,endLine=1,endColumn=1,"
                                   "title=dsqlint (io-error)::no such file or directory"))
      << lines[1];
}

// A report larger than the 64 KiB that is written while files are still being checked.
TEST(ReportFile, LargeReportReachesItsFileWholeAndAFullDeviceIsAnError) {
  const std::string dir = testing::make_temp_dir("large-report");
  std::string sql;
  for (int i = 0; i < 400; ++i)
    sql += "CREATE INDEX \"items_" + std::to_string(i) + "_idx\" ON \"items\" USING btree (\"id\");\n";
  write_file(dir + "/0000_indexes.sql", sql);
  const auto shown = run_dsqlint({"check", "--format", "json", "--no-cache", dir + "/0000_indexes.sql"});
  ASSERT_GT(shown.out.size(), 200000u);
  const auto filed =
      run_dsqlint({"check", "--format", "json=" + dir + "/report.json", "--no-cache", dir + "/0000_indexes.sql"});
  EXPECT_EQ(filed.exit_code, shown.exit_code);
  std::ifstream in(dir + "/report.json", std::ios::binary);
  const std::string written{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(written, shown.out);
  const auto full = run_dsqlint({"check", "--format", "json=/dev/full", "--no-cache", dir + "/0000_indexes.sql"});
  EXPECT_EQ(full.exit_code, 2);
  EXPECT_NE(full.err.find("cannot write the report to /dev/full"), std::string::npos) << full.err;
}

TEST(StdinName, EveryFormatReportsTheGivenName) {
  const std::string name = "db/migrations/0003.sql";
  auto run = [&](const std::string& format) {
    return run_dsqlint({"check", "-", "--stdin-filename", name, "--format", format}, kIndex + kRls);
  };
  const json log = json::parse(run("sarif").out);
  const json& sarif = only_run(log);
  for (const json& r : sarif["results"]) {
    EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], name);
    for (const json& fix : r.value("fixes", json::array()))
      EXPECT_EQ(fix["artifactChanges"][0]["artifactLocation"]["uri"], name);
  }
  for (const std::string& line : lines_of(run("gcc").out)) EXPECT_TRUE(line.starts_with(name + ":")) << line;
  for (const std::string& line : lines_of(run("github").out))
    EXPECT_NE(line.find(" file=" + name + ","), std::string::npos) << line;
  EXPECT_TRUE(run("text").out.starts_with(name + "\n"));
  EXPECT_EQ(json::parse(run("json").out)["files"][0]["path"], name);
}

TEST(SeveralFormats, OneRunFeedsEveryReport) {
  const std::string dir = testing::make_temp_dir("several");
  write_file(dir + "/m/0001.sql", kIndex + kRls);
  const auto result = run_dsqlint(
      {"check", "--format", "text", "--format", "sarif=findings.sarif", "--format", "json=report.json", "m"}, "",
      dir);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_TRUE(result.out.starts_with("m/0001.sql\n[1] INDEX")) << result.out;
  const auto alone = run_dsqlint({"check", "m"}, "", dir);
  EXPECT_EQ(result.out, alone.out) << "the text report is the same as without other reports";
}

TEST(SeveralFormats, FilesAreWrittenAndEqualTheSingleFormatOutput) {
  const std::string dir = testing::make_temp_dir("several-files");
  write_file(dir + "/m/0001.sql", kIndex + kRls);
  const auto result = run_dsqlint(
      {"check", "--format", "gcc", "--format", "sarif=findings.sarif", "--format", "json=report.json", "m"}, "", dir);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.out, run_dsqlint({"check", "--format", "gcc", "m"}, "", dir).out);
  EXPECT_EQ(testing::read_text_file(dir + "/findings.sarif"), run_dsqlint({"check", "--format", "sarif", "m"}, "", dir).out);
  EXPECT_EQ(testing::read_text_file(dir + "/report.json"), run_dsqlint({"check", "--format", "json", "m"}, "", dir).out);
}

TEST(SeveralFormats, OutputNamesTheFileOfTheOneBareFormat) {
  const std::string dir = testing::make_temp_dir("several-output");
  write_file(dir + "/m/0001.sql", kIndex);
  const auto result =
      run_dsqlint({"check", "--format", "sarif", "--format", "gcc=lines.txt", "--output", "log.sarif", "m"}, "", dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_EQ(json::parse(testing::read_text_file(dir + "/log.sarif"))["version"], "2.1.0");
  EXPECT_TRUE(testing::read_text_file(dir + "/lines.txt").starts_with("m/0001.sql:1:1: note: "));
}

TEST(SeveralFormats, ConflictsAndUnwritableFilesExitTwo) {
  const std::string dir = testing::make_temp_dir("several-bad");
  write_file(dir + "/m/0001.sql", kIndex);
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : {
           Case{{"--format", "text", "--format", "json"}, "only one report can go to standard output"},
           Case{{"--format", "sarif=a", "--format", "json=a"}, "two reports would go to a"},
           Case{{"--format", "sarif=a", "--output", "b"}, "--output names the file of a single --format"},
           Case{{"--format", "sarif=no/such/dir/x.sarif"}, "cannot write no/such/dir/x.sarif"},
           Case{{"--format", "sarf=x.sarif"}, "did you mean 'sarif'"},
           Case{{"--format", "sarif="}, "no file name"},
           Case{{"--color", "sometimes"}, "--color must be auto, always or never"},
       }) {
    std::vector<std::string> args{"check"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back("m");
    const auto result = run_dsqlint(args, "", dir);
    EXPECT_EQ(result.exit_code, 2) << c.message;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty()) << "nothing is linted or written: " << result.out;
  }
}

TEST(Suppressions, StayInSarifAndLeaveTheLineFormats) {
  const std::string sql = kIndex + "-- dsqlint-ignore rls: access is enforced by IAM grants\n" + kRls;
  const json log = json::parse(run_dsqlint({"check", "-", "--stdin-filename", "m.sql", "--format", "sarif"}, sql).out);
  bool seen = false;
  for (const json& r : only_run(log)["results"]) {
    if (r["ruleId"] != "rls") continue;
    seen = true;
    ASSERT_EQ(r["suppressions"].size(), 1u) << r;
    EXPECT_EQ(r["suppressions"][0]["kind"], "inSource");
    EXPECT_EQ(r["suppressions"][0]["justification"], "access is enforced by IAM grants");
  }
  EXPECT_TRUE(seen);
  for (const char* format : {"gcc", "github"}) {
    const auto out = run_dsqlint({"check", "-", "--stdin-filename", "m.sql", "--format", format}, sql).out;
    EXPECT_EQ(out.find("rls"), std::string::npos) << format << ": " << out;
    EXPECT_NE(out.find("create-index-sync"), std::string::npos) << format << ": " << out;
  }
}

/// Sets an environment variable for one test (the binary inherits it), restoring it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(Color, OnlyWhenAskedOrForcedAndNeverInMachineFormats) {
  const std::string dir = testing::make_temp_dir("color");
  write_file(dir + "/0001.sql", kIndex + kRls);
  const ScopedEnv no_color("NO_COLOR", nullptr), force("FORCE_COLOR", nullptr), clicolor("CLICOLOR_FORCE", nullptr);
  auto colored = [&](const std::vector<std::string>& args) {
    std::vector<std::string> all{"check"};
    all.insert(all.end(), args.begin(), args.end());
    all.push_back("0001.sql");
    return run_dsqlint(all, "", dir).out.find("\x1b[") != std::string::npos;
  };
  EXPECT_FALSE(colored({})) << "not a terminal";
  EXPECT_TRUE(colored({"--color", "always"}));
  const std::string out = run_dsqlint({"check", "--color", "always", "0001.sql"}, "", dir).out;
  EXPECT_NE(out.find("[1] \x1b[36mINDEX\x1b[0m"), std::string::npos) << out;
  EXPECT_NE(out.find(": \x1b[1;33mwarning\x1b[0m: "), std::string::npos) << out;
  for (const char* format : {"json", "sarif", "gcc", "github"})
    EXPECT_FALSE(colored({"--color", "always", "--format", format})) << format;
  {
    const ScopedEnv forced("FORCE_COLOR", "1");
    EXPECT_TRUE(colored({}));
    EXPECT_FALSE(colored({"--color", "never"}));
    const ScopedEnv off("NO_COLOR", "1");
    EXPECT_FALSE(colored({})) << "NO_COLOR wins over FORCE_COLOR";
    EXPECT_TRUE(colored({"--color", "always"})) << "the flag wins over NO_COLOR";
  }
}

}  // namespace
}  // namespace dsqlint
