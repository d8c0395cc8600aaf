// PostgreSQL 16 syntax that DSQL runs parses, and gets the class DSQL gives it: every statement
// of fixtures/pg16 carries a `-- class:` line, and none may be a syntax error.
#include <gtest/gtest.h>

#include <filesystem>

#include "../fixture_expectations.h"
#include "lint/linter.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

TEST(Pg16Syntax, EveryStatementParsesWithTheClassDsqlGivesIt) {
  size_t statements = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(DSQLINT_SOURCE_DIR) / "fixtures" / "pg16")) {
    const std::string path = entry.path().string();
    const FileResult result = lint_file(make_source(path, testing::read_text_file(path)), TargetProfile{});
    const testing::FixtureExpectations expected = testing::read_expectations(result);
    EXPECT_TRUE(result.errors.empty()) << path << ": " << result.errors.front().message;
    for (const StatementResult& statement : result.statements) {
      ++statements;
      EXPECT_FALSE(statement.parse_error) << path << " statement " << statement.index;
      const auto it = expected.classes.find(statement.index);
      ASSERT_NE(it, expected.classes.end()) << path << " statement " << statement.index << " has no -- class: line";
      EXPECT_EQ(class_name(statement.klass), it->second) << path << " statement " << statement.index;
    }
  }
  EXPECT_GE(statements, 10u);
}

}  // namespace
}  // namespace dsqlint
