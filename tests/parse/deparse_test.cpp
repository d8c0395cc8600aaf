// expression_sql and type_sql remember what the deparser printed for simple expressions and
// types: the remembered text must be what the deparser prints, and no two expressions may
// share one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parse/deparse.h"
#include "parse/parsed_file.h"
#include "parse/pg.h"

namespace dsqlint {
namespace {

/// What the deparser prints of `SELECT <expression>`, without "SELECT ": printed from the
/// parsed statement, not through expression_sql.
std::string printed_whole(const std::string& expression) {
  ParsedFile arena;
  const auto statement = parse_fragment(arena, "SELECT " + expression, 0);
  EXPECT_TRUE(statement.has_value()) << expression;
  if (!statement) return "";
  const std::string text = deparse(statement->node).value_or("");
  return text.starts_with("SELECT ") ? text.substr(7) : text;
}

std::string printed_by_expression_sql(const std::string& expression) {
  ParsedFile arena;
  const Node* node = parse_expression(arena, expression);
  EXPECT_NE(node, nullptr) << expression;
  return node ? expression_sql(node) : "";
}

TEST(ExpressionSql, RemembersEachSimpleExpressionAsTheDeparserPrintsIt) {
  // Pairs that a careless key would mix up sit next to each other.
  const std::vector<std::string> expressions = {
      "now()", "pg_catalog.now()", "gen_random_uuid()", "1", "'1'", "-1", "1.5", "'1.5'", "true", "false",
      "'true'", "NULL", "B'101'", "X'1F'", "'it''s'", "E'a\\\\b'", "'x'::text", "'x'::varchar(3)",
      "'x'::varchar(30)", "'{}'::jsonb", "'[]'::jsonb", "'{}'::text[]", "coalesce(1, 2)", "coalesce(12)",
      "coalesce('1', '2')", "lower('A')", "lower('A'::text)", "now()::date", "1 + 2", "count(*)",
      "CURRENT_TIMESTAMP", "ARRAY[1, 2]", "(1)::int8", "'a'||'b'"};
  std::vector<std::string> first;
  for (const std::string& expression : expressions) {
    first.push_back(printed_by_expression_sql(expression));
    EXPECT_EQ(first.back(), printed_whole(expression)) << expression;
  }
  // Again, now from what was remembered.
  for (size_t i = 0; i < expressions.size(); ++i)
    EXPECT_EQ(printed_by_expression_sql(expressions[i]), first[i]) << expressions[i];
}

TEST(TypeSql, RemembersEachTypeAsTheDeparserPrintsIt) {
  const std::vector<std::string> types = {"int4", "integer", "varchar(3)", "varchar(30)", "varchar", "text[]",
                                          "text[][]", "numeric(10, 2)", "numeric(10)", "timestamp(3) with time zone",
                                          "pg_catalog.int8", "bit varying(5)"};
  for (int pass = 0; pass < 2; ++pass)
    for (const std::string& type : types) {
      ParsedFile arena;
      const TypeName* node = parse_type(arena, type);
      ASSERT_NE(node, nullptr) << type;
      const std::string whole = printed_whole("NULL::" + type);
      EXPECT_EQ("NULL::" + type_sql(node), whole) << type;
    }
}

}  // namespace
}  // namespace dsqlint
