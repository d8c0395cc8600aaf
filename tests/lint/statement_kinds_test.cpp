// The allow-list of statement kinds is complete: every statement node type, object type and
// ALTER TABLE subcommand of libpg_query 16 has a decision, read from the parser's own headers,
// and every decision that names a rule names one that looks at that node.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "../fixture_expectations.h"
#include "lint/linter.h"
#include "lint/rule.h"
#include "lint/statement_kinds.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

const fs::path kHeaders = fs::path(DSQLINT_SOURCE_DIR) / "third_party/libpg_query/src/postgres/include/nodes";

/// Every name in `header` that matches `pattern`'s first group, in order.
std::vector<std::string> names_in(const std::string& header, const std::string& pattern) {
  const std::string text = testing::read_text_file((kHeaders / header).string());
  std::vector<std::string> names;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    names.push_back((*it)[1]);
  return names;
}

std::vector<std::string> split_ids(std::string_view ids) {
  std::vector<std::string> out;
  std::string id;
  for (const char c : std::string(ids) + ",") {
    if (c == ',') {
      if (!id.empty()) out.push_back(id);
      id.clear();
    } else if (c != ' ') {
      id += c;
    }
  }
  return out;
}

bool rule_reads(const Rule& rule, NodeTag tag) {
  return rule.nodes.empty() || std::find(rule.nodes.begin(), rule.nodes.end(), tag) != rule.nodes.end();
}

TEST(StatementKinds, EveryStatementNodeTagHasADecision) {
  const std::vector<std::string> tags = names_in("nodetags.h", R"(\bT_(\w+Stmt)\b)");
  ASSERT_GT(tags.size(), 100u) << "nodetags.h was not read";
  std::set<std::string> decided;
  for (const StatementKind& kind : statement_kinds()) {
    decided.insert(std::string(kind.node));
    ASSERT_EQ(find_statement_kind(kind.tag), &kind) << kind.node << " is listed twice";
  }
  for (const std::string& tag : tags) EXPECT_TRUE(decided.contains(tag)) << tag << " has no decision";
  EXPECT_EQ(decided.size(), tags.size()) << "a decision for a node type the parser does not have";
}

TEST(StatementKinds, EveryObjectTypeAndSubcommandHasADecision) {
  const std::vector<std::string> objects = names_in("parsenodes.h", R"(\tOBJECT_(\w+),?\s)");
  ASSERT_EQ(objects.size(), object_kinds().size());
  for (size_t i = 0; i < objects.size(); ++i) {
    const ObjectKind* kind = find_object_kind(static_cast<ObjectType>(i));
    ASSERT_NE(kind, nullptr) << "OBJECT_" << objects[i] << " has no decision";
  }
  const std::vector<std::string> subcommands = names_in("parsenodes.h", R"(\tAT_(\w+),?\s)");
  ASSERT_EQ(subcommands.size(), subcommand_kinds().size());
  for (size_t i = 0; i < subcommands.size(); ++i)
    ASSERT_NE(find_subcommand_kind(static_cast<AlterTableType>(i)), nullptr) << "AT_" << subcommands[i];
}

TEST(StatementKinds, EveryNamedRuleExistsAndReadsTheNode) {
  for (const StatementKind& kind : statement_kinds()) {
    if (kind.decision != KindDecision::Rule) continue;
    const std::vector<std::string> ids = split_ids(kind.rules);
    ASSERT_FALSE(ids.empty()) << kind.node;
    for (const std::string& id : ids) {
      const Rule* rule = find_rule(id);
      ASSERT_NE(rule, nullptr) << kind.node << " names no rule " << id;
      EXPECT_TRUE(rule_reads(*rule, kind.tag)) << id << " does not look at " << kind.node;
    }
  }
  for (const SubcommandKind& sub : subcommand_kinds()) {
    if (sub.decision != KindDecision::Rule) continue;
    for (const std::string& id : split_ids(sub.rules)) {
      const Rule* rule = find_rule(id);
      ASSERT_NE(rule, nullptr) << sub.sql << " names no rule " << id;
      EXPECT_TRUE(rule_reads(*rule, T_AlterTableStmt)) << id << " does not look at ALTER TABLE";
    }
  }
  for (const ObjectKind& object : object_kinds()) {
    if (object.rule.empty()) continue;
    const Rule* rule = find_rule(object.rule);
    ASSERT_NE(rule, nullptr) << object.sql << " names no rule " << object.rule;
    for (const NodeTag tag : object.rule_nodes) EXPECT_TRUE(rule_reads(*rule, tag)) << object.rule;
  }
}

/// The class dsqlint gives the only statement of `sql`, checked for DSQL.
std::string class_of(const std::string& sql) {
  const FileResult result = lint_file(make_source("kind.sql", sql), TargetProfile{});
  EXPECT_EQ(result.statements.size(), 1u) << sql;
  return result.statements.empty() ? "" : std::string(class_name(result.statements[0].klass));
}

TEST(StatementKinds, NothingIsOkByFallingThrough) {
  // A refused or skipped kind is never OK, whatever object it names.
  EXPECT_EQ(class_of("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"), "UNSUPPORTED");
  EXPECT_EQ(class_of("CREATE TABLESPACE fast LOCATION '/ssd'"), "STRIP");
  EXPECT_EQ(class_of("COMMENT ON TEXT SEARCH PARSER p IS 'x'"), "STRIP");
  EXPECT_EQ(class_of("ALTER OPERATOR FAMILY f USING btree OWNER TO app"), "UNSUPPORTED");
  EXPECT_EQ(class_of("ALTER CONVERSION c SET SCHEMA other"), "UNSUPPORTED");
  EXPECT_EQ(class_of("ALTER FOREIGN TABLE f OPTIONS (ADD schema_name 'x')"), "UNSUPPORTED");
  EXPECT_EQ(class_of("ALTER TABLE t ALTER COLUMN c OPTIONS (ADD column_name 'x')"), "UNSUPPORTED");
  // Kinds DSQL runs stay OK, and the same kinds on a target without the list are OK too.
  EXPECT_EQ(class_of("ALTER TABLE t OWNER TO app"), "OK");
  EXPECT_EQ(class_of("ALTER SEQUENCE s OWNER TO app"), "OK");
  EXPECT_EQ(class_of("DROP SCHEMA IF EXISTS old CASCADE"), "OK");
  const FileResult postgres = lint_file(make_source("k.sql", "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE"),
                                        *parse_target("postgres"));
  EXPECT_EQ(class_name(postgres.statements.at(0).klass), std::string("OK"));
}

}  // namespace
}  // namespace dsqlint
