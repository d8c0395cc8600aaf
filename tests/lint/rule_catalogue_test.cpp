// Every rule is complete: a doc with the fixed sections, firing and clean fixtures, and
// one source file; and nothing exists that is not a registered rule.
#include <gtest/gtest.h>

#include <filesystem>

#include "../fixture_expectations.h"
#include "lint/linter.h"
#include "lint/rule.h"
#include "lint/rule_docs.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(DSQLINT_SOURCE_DIR);

std::string snake(std::string_view id) {
  std::string out(id);
  for (char& c : out)
    if (c == '-') c = '_';
  return out;
}

TEST(RuleCatalogue, EveryRuleHasDocWithFixedSections) {
  for (const Rule* rule : all_rules()) {
    const std::string_view doc = rule_doc(rule->id);
    ASSERT_FALSE(doc.empty()) << rule->id << " has no rules/" << snake(rule->id) << ".md";
    EXPECT_TRUE(doc.starts_with("# " + std::string(rule->id) + "\n")) << rule->id;
    for (const char* section : {"## What it flags", "## What DSQL does", "## Remedy", "## Fix safety", "## Sources"})
      EXPECT_NE(doc.find(section), std::string_view::npos) << rule->id << " doc lacks " << section;
    EXPECT_NE(doc.find(std::string("**Class:** ") + std::string(class_name(rule->klass))), std::string_view::npos)
        << rule->id << " doc does not state its class " << class_name(rule->klass);
  }
}

TEST(RuleCatalogue, DocsAndSourcesMatchRegisteredRules) {
  for (const RuleDoc& doc : rule_docs()) EXPECT_NE(find_rule(doc.id), nullptr) << "doc without rule: " << doc.id;
  size_t sources = 0;
  for (const auto& entry : fs::directory_iterator(kRoot / "rules"))
    sources += entry.path().extension() == ".cpp";
  EXPECT_EQ(sources, all_rules().size()) << "one rules/<id>.cpp per registered rule";
  for (const Rule* rule : all_rules())
    EXPECT_TRUE(fs::exists(kRoot / "rules" / (snake(rule->id) + ".cpp"))) << rule->id;
}

TEST(RuleCatalogue, EveryRuleHasFiringAndCleanFixtures) {
  for (const Rule* rule : all_rules()) {
    const fs::path folder = kRoot / "fixtures" / "rules" / std::string(rule->id);
    ASSERT_TRUE(fs::is_directory(folder)) << rule->id << " has no fixtures folder";
    size_t firing = 0, clean = 0;
    for (const auto& file : fs::directory_iterator(folder)) {
      if (file.is_directory()) {  // a folder fixture fires where its `expected` file says
        for (const testing::FolderFinding& finding : testing::read_folder_expectations(file.path().string()))
          firing += finding.rule == rule->id;
        continue;
      }
      if (file.path().extension() != ".sql") continue;
      SourceFile source = make_source(file.path().string(), testing::read_text_file(file.path().string()));
      const FileResult probe = lint_file(source, TargetProfile{});
      const auto expectations = testing::read_expectations(probe);
      const FileResult result = lint_file(source, *parse_target(expectations.target));
      for (const StatementResult& statement : result.statements) {
        const auto it = expectations.rules.find(statement.index);
        const bool expects = it != expectations.rules.end() && it->second.contains(std::string(rule->id));
        (expects ? firing : clean) += 1;
      }
    }
    EXPECT_GT(firing, 0u) << rule->id << " has no firing fixture";
    EXPECT_GT(clean, 0u) << rule->id << " has no clean fixture";
  }
}

}  // namespace
}  // namespace dsqlint
