// Robustness: every fixture, cut and mutated in many deterministic ways, still lints
// without crashing, and every reported span lies inside the file and in order.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "../fixture_expectations.h"
#include "lint/linter.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

void expect_sane(const FileResult& result, const std::string& what) {
  const auto size = static_cast<uint32_t>(result.source.text.size());
  uint32_t previous = 0;
  for (const StatementResult& statement : result.statements) {
    ASSERT_LE(statement.span.begin, statement.span.end) << what;
    ASSERT_LE(statement.span.end, size) << what;
    ASSERT_GE(statement.span.begin, previous) << what;
    previous = statement.span.begin;
    for (const Finding& finding : statement.findings) {
      ASSERT_LE(finding.span.begin, finding.span.end) << what;
      ASSERT_LE(finding.span.end, size) << what;
      for (const Fix& fix : finding.fixes)
        for (const Edit& edit : fix.edits) ASSERT_LE(edit.span.end, size) << what;
    }
  }
}

std::string mutate(std::string text, std::mt19937& random) {
  static const std::string kPieces[] = {";", "'", "\"", "$$", "$x$", "--", "/*", "*/", "\\", "(", ")", "ASYNC", "AWS IAM ",
                                        "--> statement-breakpoint\n", "é", "\n", "DO $$ BEGIN", "E'\\'"};
  const int edits = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < edits; ++i) {
    const size_t at = text.empty() ? 0 : random() % (text.size() + 1);
    switch (random() % 3) {
      case 0: text.insert(at, kPieces[random() % std::size(kPieces)]); break;
      case 1: text.erase(at, random() % 12); break;
      default: text.resize(at); break;  // a file cut short
    }
  }
  return text;
}

TEST(Mutation, MutatedFixturesLintWithoutCrashing) {
  std::mt19937 random(20261125);
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(DSQLINT_SOURCE_DIR) / "fixtures")) {
    if (entry.path().extension() != ".sql") continue;
    const std::string original = testing::read_text_file(entry.path().string());
    for (int round = 0; round < 200; ++round) {
      const std::string text = mutate(original, random);
      for (const char* target : {"dsql", "dsql:2026-01-01"}) {
        const FileResult result = lint_file(make_source("mutated.sql", text), *parse_target(target));
        expect_sane(result, entry.path().string() + " round " + std::to_string(round));
      }
    }
    ++files;
  }
  EXPECT_GT(files, 50u);
}

}  // namespace
}  // namespace dsqlint
