// Statement splitting and positions: exact byte spans, 1-based line:column in code
// points, a syntax error that stays in its statement, and DSQL-only syntax.
#include <gtest/gtest.h>

#include "parse/parsed_file.h"

namespace dsqlint {
namespace {

struct Located {
  SyntaxKind kind;
  std::string text;
  Position start;
};

std::vector<Located> parse(const std::string& sql) {
  const SourceFile file = make_source("test.sql", sql);
  const LineIndex lines(file.text);
  const ParsedFile parsed = parse_file(file);
  std::vector<Located> out;
  for (const ParsedStatement& statement : parsed.statements)
    out.push_back({statement.kind, std::string(file.slice(statement.span)), lines.position(file.text, statement.span.begin)});
  return out;
}

Position error_position(const std::string& sql, size_t statement) {
  const SourceFile file = make_source("test.sql", sql);
  const ParsedFile parsed = parse_file(file);
  return LineIndex(file.text).position(file.text, parsed.statements.at(statement).error_offset);
}

TEST(Parser, SpansSkipCommentsAndExcludeTheSemicolon) {
  const auto statements = parse("-- leading comment\n/* block */ CREATE TABLE a (x int);\n\n  SELECT 1 ;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].text, "CREATE TABLE a (x int)");
  EXPECT_EQ(statements[0].start.line, 2u);
  EXPECT_EQ(statements[0].start.column, 13u);
  EXPECT_EQ(statements[1].text, "SELECT 1");
  EXPECT_EQ(statements[1].start.line, 4u);
  EXPECT_EQ(statements[1].start.column, 3u);
}

TEST(Parser, DollarQuotesAndStringsKeepTheirSemicolons) {
  const auto statements = parse(
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$;\nSELECT ';', \"a;b\" FROM t;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].text, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$");
  EXPECT_EQ(statements[1].text, "SELECT ';', \"a;b\" FROM t");
}

TEST(Parser, ColumnsCountCodePointsAfterMultibyteText) {
  const auto statements = parse("SELECT 'çé😀'; SELECT 2;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1].start.line, 1u);
  EXPECT_EQ(statements[1].start.column, 15u);  // "SELECT 'çé😀'; " is 14 characters
}

TEST(Parser, SyntaxErrorStaysInItsStatementWithExactPosition) {
  const std::string sql = "CREATE TABLE a (x int);\nCREATE TABLE b (\n  y int,,\n  z int);\nCREATE TABLE c (x int);\n";
  const auto statements = parse(sql);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].kind, SyntaxKind::Postgres);
  EXPECT_EQ(statements[1].kind, SyntaxKind::SyntaxError);
  EXPECT_EQ(statements[2].kind, SyntaxKind::Postgres);
  EXPECT_EQ(statements[2].text, "CREATE TABLE c (x int)");
  const Position at = error_position(sql, 1);
  EXPECT_EQ(at.line, 3u);
  EXPECT_EQ(at.column, 9u);  // the second comma
}

TEST(Parser, SyntaxErrorPositionCountsCharactersNotBytes) {
  const std::string sql = "SELECT 1;\nSELECT 'ééé' FROM FROM t;";
  const Position at = error_position(sql, 1);
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.column, 19u);  // the second FROM
}

TEST(Parser, ByteOrderMarkAndCrlf) {
  const auto statements = parse("\xEF\xBB\xBF" "CREATE TABLE a (x int);\r\n\r\nSELECT 1;\r\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].start.line, 1u);
  EXPECT_EQ(statements[0].start.column, 1u);
  EXPECT_EQ(statements[0].text, "CREATE TABLE a (x int)");
  EXPECT_EQ(statements[1].start.line, 3u);
  EXPECT_EQ(statements[1].start.column, 1u);
}

TEST(Parser, DrizzleBreakpointEndsAStatementWithoutSemicolon) {
  const auto statements = parse("CREATE TABLE a (x int)\n--> statement-breakpoint\nCREATE TABLE b (y int)\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].text, "CREATE TABLE a (x int)");
  EXPECT_EQ(statements[1].text, "CREATE TABLE b (y int)");
  EXPECT_EQ(statements[1].start.line, 3u);
}

TEST(Parser, LastStatementWithoutSemicolonDropsTrailingComment) {
  const auto statements = parse("SELECT 1;\nSELECT 2 -- done\n/* end */\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1].text, "SELECT 2");
}

TEST(Parser, PsqlMetaCommandsAreStatementsOfTheirOwn) {
  const auto statements = parse("\\set ON_ERROR_STOP on\nCREATE TABLE a (x int);\n  \\echo done\nSELECT E'\\\\n';\n");
  ASSERT_EQ(statements.size(), 4u);
  EXPECT_EQ(statements[0].kind, SyntaxKind::PsqlMeta);
  EXPECT_EQ(statements[0].text, "\\set ON_ERROR_STOP on");
  EXPECT_EQ(statements[1].kind, SyntaxKind::Postgres);
  EXPECT_EQ(statements[2].kind, SyntaxKind::PsqlMeta);
  EXPECT_EQ(statements[2].start.column, 3u);
  EXPECT_EQ(statements[3].kind, SyntaxKind::Postgres);
}

TEST(Parser, AsyncKeywordIsReadAndLocated) {
  const std::string sql = "CREATE UNIQUE INDEX ASYNC IF NOT EXISTS i ON t (x);\nALTER TABLE ASYNC t VALIDATE CONSTRAINT c;";
  const SourceFile file = make_source("test.sql", sql);
  const ParsedFile parsed = parse_file(file);
  ASSERT_EQ(parsed.statements.size(), 2u);
  for (const ParsedStatement& statement : parsed.statements) {
    EXPECT_EQ(statement.kind, SyntaxKind::Postgres);
    ASSERT_TRUE(statement.async_keyword.has_value());
    EXPECT_EQ(file.slice(*statement.async_keyword), "ASYNC");
  }
  EXPECT_EQ(parsed.statements[0].async_keyword->begin, 20u);
}

TEST(Parser, DsqlWordsAreFoundInAnyCase) {
  // The text is lexed only when a quick scan says it may hold them: each spelling alone
  // in its file, AWS at its very start.
  for (const std::string sql : {"create index aSyNc i on t (x)", "aws iam grant app to 'arn:aws:iam::1:role/a'",
                                "Aws IAM revoke app from 'arn:aws:iam::1:role/a'"}) {
    const ParsedFile parsed = parse_file(make_source("test.sql", sql));
    ASSERT_EQ(parsed.statements.size(), 1u) << sql;
    const ParsedStatement& statement = parsed.statements[0];
    EXPECT_TRUE(statement.async_keyword.has_value() || statement.kind == SyntaxKind::AwsIamGrant ||
                statement.kind == SyntaxKind::AwsIamRevoke)
        << sql;
  }
}

TEST(Parser, AwsIamStatements) {
  const std::string sql =
      "CREATE ROLE app WITH LOGIN;\nAWS IAM GRANT app TO 'arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b';\n"
      "aws iam revoke \"App\" from 'arn:aws:iam::1:role/a'";
  const SourceFile file = make_source("test.sql", sql);
  const ParsedFile parsed = parse_file(file);
  ASSERT_EQ(parsed.statements.size(), 3u);
  const ParsedStatement& grant = parsed.statements[1];
  EXPECT_EQ(grant.kind, SyntaxKind::AwsIamGrant);
  EXPECT_EQ(grant.role, "app");
  EXPECT_EQ(grant.arns, (std::vector<std::string>{"arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"}));
  EXPECT_EQ(file.slice(grant.span), "AWS IAM GRANT app TO 'arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b'");
  EXPECT_EQ(parsed.statements[2].kind, SyntaxKind::AwsIamRevoke);
  EXPECT_EQ(parsed.statements[2].role, "App");
}

TEST(Parser, MalformedAwsIamIsASyntaxErrorAtTheToken) {
  const std::string sql = "AWS IAM GRANT app 'arn:aws:iam::1:role/a';\nSELECT 1;";
  const SourceFile file = make_source("test.sql", sql);
  const ParsedFile parsed = parse_file(file);
  ASSERT_EQ(parsed.statements.size(), 2u);
  EXPECT_EQ(parsed.statements[0].kind, SyntaxKind::SyntaxError);
  EXPECT_NE(parsed.statements[0].error.find("expected TO"), std::string::npos);
  EXPECT_EQ(parsed.statements[0].error_offset, 18u);
  EXPECT_EQ(parsed.statements[1].kind, SyntaxKind::Postgres);
}

TEST(Parser, UnterminatedStringIsOneSyntaxError) {
  const auto statements = parse("SELECT 1;\nSELECT 'oops;\nSELECT 3;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].kind, SyntaxKind::Postgres);
  EXPECT_EQ(statements[1].kind, SyntaxKind::SyntaxError);
}

TEST(Parser, CommentOnlyFileHasNoStatements) {
  EXPECT_TRUE(parse("-- nothing here\n/* at all */\n").empty());
}

}  // namespace
}  // namespace dsqlint
