// No false UNSUPPORTED on SQL written for DSQL. fixtures/dsql-valid, a billing schema in the
// forms DSQL documents (identity columns with CACHE, ASYNC indexes, NOT VALID constraints
// validated ASYNC, AWS IAM GRANT, json/jsonb, partial and expression indexes), checks clean
// under the default target. The bundled example has no UNSUPPORTED statement and no error;
// its warnings are the ones it was written to show (README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "../run_command.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kValid = "fixtures/dsql-valid";
const std::string kExample = "fixtures/example/migrations";

/// `dsqlint check --format json path` with the default target, run from the repository root.
json check_report(const std::string& path, std::vector<std::string> options, int expected_exit) {
  std::vector<std::string> args{"check", "--format", "json"};
  args.insert(args.end(), options.begin(), options.end());
  args.push_back(path);
  const auto result = testing::run_dsqlint(args, "", DSQLINT_SOURCE_DIR);
  EXPECT_EQ(result.exit_code, expected_exit) << path << "\n" << result.err;
  return json::parse(result.out);
}

/// "path:line [CLASS] start of the SQL", to name a statement in a failure message.
std::string describe(const json& file, const json& statement) {
  std::string sql = statement["sql"];
  if (sql.size() > 90) sql = sql.substr(0, 90) + "...";
  for (char& c : sql)
    if (c == '\n' || c == '\t') c = ' ';
  return file["path"].get<std::string>() + ":" + std::to_string(statement["line"].get<int>()) + " [" +
         statement["class"].get<std::string>() + "] " + sql;
}

/// One entry per statement whose class is in `classes` or that has a finding whose severity
/// is in `severities` (the statement, then those findings), and one per input error.
std::vector<std::string> offenders(const json& report, const std::set<std::string>& classes,
                                   const std::set<std::string>& severities) {
  std::vector<std::string> out;
  for (const auto& file : report["files"]) {
    for (const auto& error : file["errors"])
      out.push_back(file["path"].get<std::string>() + ": " + error["kind"].get<std::string>() + " " +
                    error["message"].get<std::string>());
    for (const auto& statement : file["statements"]) {
      std::string findings;
      for (const auto& finding : statement["findings"])
        if (severities.contains(finding["severity"].get<std::string>()))
          findings += "\n    " + finding["rule"].get<std::string>() + " (" + finding["severity"].get<std::string>() +
                      "): " + finding["message"].get<std::string>();
      if (classes.contains(statement["class"].get<std::string>()) || !findings.empty())
        out.push_back(describe(file, statement) + findings);
    }
  }
  return out;
}

/// What keeps SQL written for DSQL from being clean: a statement that apply would not run
/// as written (any class but OK), or a finding of severity warning or error.
std::vector<std::string> not_clean(const json& report) {
  return offenders(report, {"INDEX", "REWRITE", "STRIP", "RECREATION", "UNSUPPORTED"}, {"warning", "error"});
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "  " + line + "\n";
  return out;
}

size_t sql_files(const std::string& folder) {
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(DSQLINT_SOURCE_DIR) / folder))
    count += entry.path().extension() == ".sql";
  return count;
}

TEST(DsqlValid, SchemasWrittenForDsqlCheckClean) {
  const json report = check_report(kValid, {}, 0);
  EXPECT_EQ(report["target"], "dsql") << "checked with the default target";
  ASSERT_EQ(report["files"].size(), sql_files(kValid));
  EXPECT_GE(report["summary"]["total"].get<int>(), 30) << "every statement of the folder was checked";
  const auto found = not_clean(report);
  EXPECT_TRUE(found.empty()) << "SQL that DSQL accepts today was flagged (a rule bug, or SQL that is not valid "
                                "after all):\n"
                             << joined(found);
}

// The check above can fail: the same folder with one trigger more is not clean, and the
// message names the statement and the rule.
TEST(DsqlValid, FolderWithATriggerIsNotClean) {
  const std::string dir = testing::make_temp_dir("dsql-valid-plus-trigger");
  for (const auto& entry : fs::directory_iterator(fs::path(DSQLINT_SOURCE_DIR) / kValid))
    fs::copy(entry.path(), fs::path(dir) / entry.path().filename());
  testing::write_file(dir + "/0006_audit.sql",
                      "CREATE TRIGGER invoices_audit AFTER UPDATE ON billing.invoices FOR EACH ROW EXECUTE FUNCTION "
                      "billing.audit();\n");
  const auto found = not_clean(check_report(dir, {}, 1));
  ASSERT_EQ(found.size(), 1u) << joined(found);
  EXPECT_NE(found[0].find("0006_audit.sql:1 [UNSUPPORTED] CREATE TRIGGER invoices_audit"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("create-trigger (error)"), std::string::npos) << found[0];
}

TEST(DsqlValid, BundledExampleHasNoUnsupportedStatementOrError) {
  const json report = check_report(kExample, {"--fail-on", "error"}, 0);
  EXPECT_EQ(report["target"], "dsql");
  ASSERT_EQ(report["files"].size(), sql_files(kExample));
  const auto found = offenders(report, {"UNSUPPORTED"}, {"error"});
  EXPECT_TRUE(found.empty()) << joined(found);
}

// The example is written to show dsqlint's findings (README.md), so it has warnings; these
// are the true ones, and any other warning is a false one.
TEST(DsqlValid, BundledExampleWarnsOnlyAboutWhatItShows) {
  const json report = check_report(kExample, {"--fail-on", "error"}, 0);
  std::multiset<std::string> warnings;
  for (const auto& file : report["files"])
    for (const auto& statement : file["statements"])
      for (const auto& finding : statement["findings"])
        if (finding["severity"] == "warning")
          warnings.insert(fs::path(file["path"].get<std::string>()).filename().string() + " " +
                          finding["rule"].get<std::string>());
  // if-not-exists-invalid-index and fk-cascade-fanout speak too, as info: what they warn of
  // depends on the data at run time.
  // The unique index on users folds into its CREATE TABLE: one warning on each side.
  // The enum plan is emulated: CREATE TYPE runs nothing, users.plan is text with a CHECK.
  const std::multiset<std::string> expected{
      "0000_initial.sql enum-type",
      "0000_initial.sql enum-type",
      "0000_initial.sql fold-into-create-table",
      "0000_initial.sql fold-into-create-table",
      "0001_item_owner.sql do-block-foreign-key",
      "0001_item_owner.sql rls",
      "0002_wider_price.sql alter-column-type",
      "0002_wider_price.sql sequence-cache-missing",
  };
  EXPECT_EQ(warnings, expected) << joined(offenders(report, {}, {"warning"}));
}

}  // namespace
}  // namespace dsqlint
