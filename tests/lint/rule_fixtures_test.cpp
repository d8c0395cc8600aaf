// One data-driven loop over fixtures/rules/<rule-id>/*.sql: every statement gets exactly
// the findings its "-- expect:" comment names, for the folder's rule and for every rule
// the file mentions. Adding a rule never edits this file.
#include <gtest/gtest.h>

#include <filesystem>

#include "../fixture_expectations.h"
#include "cli/check_command.h"
#include "lint/linter.h"
#include "lint/rule.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(DSQLINT_SOURCE_DIR) / "fixtures" / "rules";

struct Fixture {
  std::string rule;
  fs::path file;
};

std::vector<Fixture> all_fixtures() {
  std::vector<Fixture> out;
  for (const auto& folder : fs::directory_iterator(kFixtures)) {
    if (!folder.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(folder.path()))
      if (file.path().extension() == ".sql" && !file.path().stem().string().ends_with(".fixed"))
        out.push_back({folder.path().filename().string(), file.path()});
  }
  std::sort(out.begin(), out.end(), [](const Fixture& a, const Fixture& b) { return a.file < b.file; });
  return out;
}

void PrintTo(const Fixture& fixture, std::ostream* out) { *out << fixture.file.string(); }

class RuleFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(RuleFixture, FindingsMatchExpectations) {
  const Fixture& fixture = GetParam();
  SourceFile source = make_source(fixture.file.string(), testing::read_text_file(fixture.file.string()));
  // The target directive is read from a first pass with the default target.
  const auto expectations_probe = testing::read_expectations(lint_file(source, TargetProfile{}));
  const auto target = parse_target(expectations_probe.target);
  ASSERT_TRUE(target.ok()) << target.error().message;
  const FileResult result = lint_file(source, *target);
  const auto expectations = testing::read_expectations(result);
  ASSERT_NE(find_rule(fixture.rule), nullptr) << "no registered rule named after folder " << fixture.rule;

  std::set<std::string> checked = expectations.mentioned;
  checked.insert(fixture.rule);
  for (const StatementResult& statement : result.statements) {
    std::set<std::string> fired;
    for (const Finding& finding : statement.findings)
      if (checked.contains(std::string(finding.rule))) fired.insert(std::string(finding.rule));
    const auto expected_it = expectations.rules.find(statement.index);
    const std::set<std::string> expected =
        expected_it == expectations.rules.end() ? std::set<std::string>{} : expected_it->second;
    EXPECT_EQ(fired, expected) << fixture.file.string() << " statement " << statement.index << ": "
                               << result.source.slice(statement.span).substr(0, 120);
    if (const auto klass = expectations.classes.find(statement.index); klass != expectations.classes.end()) {
      EXPECT_EQ(class_name(statement.klass), klass->second)
          << fixture.file.string() << " statement " << statement.index;
    }
  }
  for (const auto& [index, rules] : expectations.rules)
    EXPECT_NE(index, 0u) << fixture.file.string() << ": an expect comment is followed by no statement";
}

std::string fixture_name(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name = info.param.rule + "_" + info.param.file.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(all_fixtures()), fixture_name);

// A folder fixture (fixture_expectations.h) checked as `check <folder>` does: the folder's
// rule gives exactly the findings its `expected` file lists.
TEST(RuleFolderFixture, FindingsMatchTheExpectedFile) {
  size_t folders = 0;
  for (const auto& rule : fs::directory_iterator(kFixtures))
    for (const auto& folder : fs::directory_iterator(rule.path())) {
      if (!folder.is_directory()) continue;
      ++folders;
      const std::string id = rule.path().filename().string();
      std::set<testing::FolderFinding> fired;
      check_inputs({folder.path().string()}, "", TargetProfile{}, 1, [&](FileResult&& file) {
        const std::string name = fs::path(file.source.path).lexically_relative(folder.path()).generic_string();
        for (const StatementResult& statement : file.statements)
          for (const Finding& finding : statement.findings)
            if (finding.rule == id) fired.insert({name, statement.index, id});
      });
      EXPECT_EQ(fired, testing::read_folder_expectations(folder.path().string())) << folder.path();
    }
  EXPECT_GT(folders, 0u) << "the folder fixtures are gone: duplicate-migration has one";
}

}  // namespace
}  // namespace dsqlint
