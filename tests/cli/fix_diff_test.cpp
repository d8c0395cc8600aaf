// The line diff behind `fix --diff`, and fix_source on the text level: line ends, byte
// order marks, follow-up statements, passes and idempotence.
#include <gtest/gtest.h>

#include <random>

#include "cli/diff.h"
#include "cli/fix_command.h"

namespace dsqlint {
namespace {

const TargetProfile kDsql{};

/// Applies a unified diff to `before` (a small patch(1) for the test).
std::string apply_unified(const std::string& before, const std::string& diff) {
  const auto old_lines = split_lines(before);
  std::vector<std::string_view> diff_lines_ = split_lines(diff);
  std::string out;
  size_t at = 0;  // next old line to copy
  for (size_t i = 2; i < diff_lines_.size(); ++i) {
    std::string_view line = diff_lines_[i];
    if (line.starts_with("@@")) {
      size_t start = std::stoul(std::string(line.substr(4)));
      size_t count = 1;
      if (const auto comma = line.find(','); comma != std::string_view::npos && comma < line.find('+'))
        count = std::stoul(std::string(line.substr(comma + 1)));
      const size_t first = count == 0 ? start : start - 1;
      while (at < first) out += old_lines[at++];
      continue;
    }
    const bool last_without_newline = i + 1 < diff_lines_.size() && diff_lines_[i + 1].starts_with("\\ No newline");
    std::string body(line.substr(1));
    if (last_without_newline) body.pop_back();
    if (line.starts_with("\\")) continue;
    if (line[0] == ' ' || line[0] == '-') ++at;
    if (line[0] == ' ' || line[0] == '+') out += body;
  }
  while (at < old_lines.size()) out += old_lines[at++];
  return out;
}

size_t lcs_length(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<std::vector<size_t>> table(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j)
      table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : std::max(table[i - 1][j], table[i][j - 1]);
  return table[a.size()][b.size()];
}

TEST(Diff, EqualTextsHaveNoDiff) { EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "x.sql"), ""); }

TEST(Diff, PrintsHunksWithThreeLinesOfContextAsDiffDoes) {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n";
  const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\nsixteen\n";
  EXPECT_EQ(unified_diff(before, after, "m/0001.sql"),
            "--- a/m/0001.sql\n+++ b/m/0001.sql\n"
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
            "@@ -13,3 +13,4 @@\n 13\n 14\n 15\n+sixteen\n");
}

TEST(Diff, JoinsChangesCloserThanTwiceTheContext) {
  const std::string before = "a\nb\nc\nd\ne\nf\ng\nh\n";
  const std::string after = "A\nb\nc\nd\ne\nf\ng\nH\n";
  EXPECT_EQ(unified_diff(before, after, "f.sql"),
            "--- a/f.sql\n+++ b/f.sql\n@@ -1,8 +1,8 @@\n-a\n+A\n b\n c\n d\n e\n f\n g\n-h\n+H\n");
}

TEST(Diff, MarksALastLineWithoutNewlineAndEmptyRanges) {
  EXPECT_EQ(unified_diff("a\nb", "a\nb\nc\n", "f.sql"),
            "--- a/f.sql\n+++ b/f.sql\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n");
  EXPECT_EQ(unified_diff("", "x\n", "f.sql"), "--- a/f.sql\n+++ b/f.sql\n@@ -0,0 +1 @@\n+x\n");
  EXPECT_EQ(unified_diff("x\n", "", "f.sql"), "--- a/f.sql\n+++ b/f.sql\n@@ -1 +0,0 @@\n-x\n");
}

TEST(Diff, KeepsCarriageReturnsInLines) {
  EXPECT_EQ(unified_diff("a\r\nb\r\n", "a\r\nc\r\n", "f.sql"),
            "--- a/f.sql\n+++ b/f.sql\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
}

TEST(Diff, RandomEditsAreShortestAndApplyBack) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string before, after;
    const int n = static_cast<int>(random() % 25), m = static_cast<int>(random() % 25);
    for (int i = 0; i < n; ++i) before += std::string(1, static_cast<char>('a' + random() % 4)) + "\n";
    for (int i = 0; i < m; ++i) after += std::string(1, static_cast<char>('a' + random() % 4)) + "\n";
    if (random() % 3 == 0 && !after.empty()) after.pop_back();  // no final newline
    const auto a = split_lines(before), b = split_lines(after);
    const auto ops = diff_lines(a, b);
    size_t equal = 0, deleted = 0, inserted = 0;
    for (const DiffLine& op : ops) {
      equal += op.op == DiffOp::Equal;
      deleted += op.op == DiffOp::Delete;
      inserted += op.op == DiffOp::Insert;
      if (op.op == DiffOp::Equal) {
        ASSERT_EQ(a[op.old_index], b[op.new_index]);
      }
    }
    ASSERT_EQ(equal, lcs_length(a, b)) << before << "|" << after;
    ASSERT_EQ(equal + deleted, a.size());
    ASSERT_EQ(equal + inserted, b.size());
    for (size_t context : {0u, 1u, 3u})
      ASSERT_EQ(apply_unified(before, unified_diff(before, after, "r.sql", context)), after) << before << "|" << after;
  }
}

std::string fixed(const std::string& text, bool unsafe = false) {
  return fix_source(make_source("t.sql", text), kDsql, unsafe).result.source.text;
}

TEST(FixSource, AddsAsyncAndKeepsTheRest) {
  EXPECT_EQ(fixed("CREATE INDEX i ON t (c);\n-- done\n"), "CREATE INDEX ASYNC i ON t (c);\n-- done\n");
}

TEST(FixSource, FollowupsAreNewStatementsAfterTheFixedOne) {
  const std::string sql =
      "ALTER TABLE \"items\" ADD CONSTRAINT \"price_positive\" CHECK (\"price\" > 0); -- why\nSELECT 1;\n";
  EXPECT_EQ(fixed(sql),
            "ALTER TABLE \"items\" ADD CONSTRAINT \"price_positive\" CHECK (\"price\" > 0) NOT VALID; -- why\n"
            "ALTER TABLE ASYNC \"items\" VALIDATE CONSTRAINT \"price_positive\";\nSELECT 1;\n");
}

TEST(FixSource, FollowupsKeepDrizzleBreakpoints) {
  // The row written first keeps the CHECK from folding into the CREATE TABLE.
  const std::string sql =
      "CREATE TABLE \"t\" (\"id\" int);\n--> statement-breakpoint\nINSERT INTO \"t\" VALUES (1);\n"
      "--> statement-breakpoint\n"
      "ALTER TABLE \"t\" ADD CONSTRAINT \"c\" CHECK (\"id\" > 0);\n--> statement-breakpoint\nSELECT 1;";
  EXPECT_EQ(fixed(sql),
            "CREATE TABLE \"t\" (\"id\" int);\n--> statement-breakpoint\nINSERT INTO \"t\" VALUES (1);\n"
            "--> statement-breakpoint\n"
            "ALTER TABLE \"t\" ADD CONSTRAINT \"c\" CHECK (\"id\" > 0) NOT VALID;\n--> statement-breakpoint\n"
            "ALTER TABLE ASYNC \"t\" VALIDATE CONSTRAINT \"c\";\n--> statement-breakpoint\nSELECT 1;");
}

TEST(FixSource, FoldKeepsCommentsAndBreakpoints) {
  const std::string sql =
      "-- accounts\nCREATE TABLE IF NOT EXISTS \"t\" (\"id\" int, \"n\" int);\n--> statement-breakpoint\n"
      "ALTER TABLE \"t\" ADD CONSTRAINT \"t_pk\" PRIMARY KEY (\"id\"); -- the key\n--> statement-breakpoint\n"
      "ALTER TABLE \"t\" ALTER COLUMN \"n\" SET NOT NULL;\n--> statement-breakpoint\nSELECT 1;\n";
  EXPECT_EQ(fixed(sql),
            "-- accounts\nCREATE TABLE t (id int NOT NULL, n int NOT NULL, CONSTRAINT t_pk PRIMARY KEY (id));\n"
            "--> statement-breakpoint\n"
            "/* folded into CREATE TABLE t above by dsqlint fix */; -- the key\n--> statement-breakpoint\n"
            "/* folded into CREATE TABLE t above by dsqlint fix */;\n--> statement-breakpoint\nSELECT 1;\n");
  // What fix wrote checks clean: nothing left to fold, nothing rebuilt.
  const std::string once = fixed(sql);
  EXPECT_EQ(fixed(once), once);
}

TEST(FixSource, TerminatesALastStatementWithoutSemicolon) {
  EXPECT_EQ(fixed("ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0)"),
            "ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\nALTER TABLE ASYNC \"t\" VALIDATE CONSTRAINT \"c\";");
}

TEST(FixSource, PreservesByteOrderMarkAndCrlf) {
  const std::string sql =
      "\xEF\xBB\xBF-- migration\r\nCREATE INDEX i ON t (c);\r\nALTER TABLE t ADD CONSTRAINT c CHECK (x > 0);\r\n";
  const std::string out = fixed(sql);
  EXPECT_EQ(out,
            "\xEF\xBB\xBF-- migration\r\nCREATE INDEX ASYNC i ON t (c);\r\n"
            "ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\r\n"
            "ALTER TABLE ASYNC \"t\" VALIDATE CONSTRAINT \"c\";\r\n");
  for (size_t i = out.find('\n'); i != std::string::npos; i = out.find('\n', i + 1)) EXPECT_EQ(out[i - 1], '\r');
}

TEST(FixSource, UnsafeFixesOnlyWhenAsked) {
  const std::string sql = "CREATE TABLE t (id serial PRIMARY KEY);\n";
  EXPECT_EQ(fixed(sql), sql);
  EXPECT_NE(fixed(sql, true), sql);
  EXPECT_EQ(fix_source(make_source("t.sql", sql), kDsql, false).fixed, 0u);
}

TEST(FixSource, FixingTwiceChangesNothing) {
  const std::string sql =
      "CREATE INDEX \"a\" ON \"t\" USING btree (\"c\" ASC);\n"
      "CREATE SEQUENCE s;\n"
      "ALTER TABLE t ADD FOREIGN KEY (u) REFERENCES users (id);\n"
      "DO $$ BEGIN\n ALTER TABLE \"i\" ADD CONSTRAINT \"fk\" FOREIGN KEY (\"o\") REFERENCES \"u\"(\"id\");\n"
      "EXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;\n";
  for (bool unsafe : {false, true}) {
    const FixOutcome once = fix_source(make_source("t.sql", sql), kDsql, unsafe);
    EXPECT_GT(once.fixed, 3u);
    EXPECT_FALSE(once.broke_syntax);
    const FixOutcome twice = fix_source(once.result.source, kDsql, unsafe);
    EXPECT_EQ(twice.result.source.text, once.result.source.text);
    EXPECT_EQ(twice.fixed, 0u);
  }
}

TEST(FixSource, SuppressedFindingsAreNotFixed) {
  const std::string sql = "-- dsqlint-ignore create-index-sync: built by hand\nCREATE INDEX i ON t (c);\n";
  EXPECT_EQ(fixed(sql), sql);
}

TEST(FixSource, StatementsOnOneLineStayValid) {
  const std::string out = fixed("ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0); CREATE INDEX i ON t (c);\n");
  EXPECT_EQ(out,
            "ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID; ALTER TABLE ASYNC \"t\" VALIDATE CONSTRAINT \"c\"; "
            "CREATE INDEX ASYNC i ON t (c);\n");
}

}  // namespace
}  // namespace dsqlint
