// One migration history, fixtures/targets, checked with the real binary under several DSQL
// dates. The statements that use a feature DSQL gained during 2026 are flagged under
// dsql:2025-06-01 by the rule gated on that feature and pass under dsql; the trigger, which
// no date makes valid, gets the same verdict under every target.
#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "../run_command.h"

namespace dsqlint {
namespace {

const std::string kFolder = std::string(DSQLINT_SOURCE_DIR) + "/fixtures/targets";

/// What check said about one statement.
struct Verdict {
  std::string klass;
  std::map<std::string, std::string> severities;  ///< rule id -> severity

  std::set<std::string> rules() const {
    std::set<std::string> out;
    for (const auto& [rule, severity] : severities) out.insert(rule);
    return out;
  }
  bool operator==(const Verdict&) const = default;
};

void PrintTo(const Verdict& verdict, std::ostream* out) {
  *out << verdict.klass << " {";
  for (const auto& [rule, severity] : verdict.severities) *out << " " << rule << ":" << severity;
  *out << " }";
}

/// A statement of the folder named by the start of its SQL, and its verdict.
struct Checked {
  std::string sql;
  Verdict verdict;
};

/// Every statement of fixtures/targets in apply order, checked with `--target target`.
std::vector<Checked> check_folder(const std::string& target) {
  const auto result = testing::run_dsqlint({"check", "--format", "json", "--target", target, kFolder});
  EXPECT_EQ(result.exit_code, 1) << "the trigger is an error under every target\n" << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["target"], target);
  std::vector<Checked> out;
  for (const auto& file : json["files"])
    for (const auto& statement : file["statements"]) {
      Checked checked{statement["sql"], {statement["class"], {}}};
      for (const auto& finding : statement["findings"]) checked.verdict.severities[finding["rule"]] = finding["severity"];
      out.push_back(std::move(checked));
    }
  return out;
}

/// The verdict of the one statement whose SQL starts with `prefix`.
Verdict verdict_of(const std::vector<Checked>& checked, const std::string& prefix) {
  const Checked* found = nullptr;
  for (const Checked& statement : checked) {
    if (!statement.sql.starts_with(prefix)) continue;
    EXPECT_EQ(found, nullptr) << "two statements start with " << prefix;
    found = &statement;
  }
  EXPECT_NE(found, nullptr) << "no statement starts with " << prefix;
  return found ? found->verdict : Verdict{"missing", {}};
}

/// A statement whose verdict depends on the date, and what dsql:2025-06-01 says about it:
/// its class and its findings (rule id -> severity), led by the rule gated on the feature.
struct Gated {
  std::string sql;  ///< the start of the statement
  Verdict old;
};

const std::vector<Gated> kGated{
    {R"(CREATE TABLE "orders")", {"REWRITE", {{"fk-inline-new-table", "warning"}}}},
    {R"(CREATE TABLE "order_events")", {"UNSUPPORTED", {{"unsupported-column-type", "error"}}}},
    {R"(CREATE TABLE "invoices")", {"UNSUPPORTED", {{"identity-cache-missing", "error"}}}},
    {R"(ALTER TABLE "order_events" ADD CONSTRAINT)", {"STRIP", {{"fk-add-without-not-valid", "warning"}}}},
    // the foreign key it validates is stripped, so stripped-object-reference speaks too
    {R"(ALTER TABLE ASYNC "order_events" VALIDATE)",
     {"UNSUPPORTED", {{"validate-constraint-sync", "error"}, {"stripped-object-reference", "warning"}}}},
    {R"(CREATE INDEX ASYNC "orders_open_idx")", {"UNSUPPORTED", {{"index-partial", "error"}}}},
    {R"(CREATE INDEX ASYNC "accounts_email_lower_idx")", {"UNSUPPORTED", {{"index-expression", "error"}}}},
    {R"(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT)",
     {"RECREATION", {{"alter-set-drop-default", "warning"}}}},
    {R"(ALTER TABLE "accounts" DROP COLUMN)", {"UNSUPPORTED", {{"alter-drop-column", "error"}}}},
};

/// The kGated entry the statement belongs to, or the whole statement when none.
std::string gated_prefix(const std::string& sql) {
  for (const Gated& gated : kGated)
    if (sql.starts_with(gated.sql)) return gated.sql;
  return sql;
}

const std::string kTrigger = R"(CREATE TRIGGER "orders_audit")";

TEST(TargetDates, OldDateFlagsEachGatedFeatureWithItsRule) {
  const auto old = check_folder("dsql:2025-06-01");
  for (const Gated& gated : kGated) EXPECT_EQ(verdict_of(old, gated.sql), gated.old) << gated.sql;
}

TEST(TargetDates, CurrentDsqlPassesEveryGatedFeature) {
  const auto current = check_folder("dsql");
  for (const Gated& gated : kGated) EXPECT_EQ(verdict_of(current, gated.sql), (Verdict{"OK", {}})) << gated.sql;
}

TEST(TargetDates, UngatedRuleGivesTheSameVerdictUnderBothDates) {
  const auto old = check_folder("dsql:2025-06-01");
  const auto current = check_folder("dsql");
  const Verdict expected{"UNSUPPORTED", {{"create-trigger", "error"}}};
  EXPECT_EQ(verdict_of(old, kTrigger), expected);
  EXPECT_EQ(verdict_of(current, kTrigger), expected);
}

TEST(TargetDates, OnlyTheGatedStatementsChange) {
  const auto old = check_folder("dsql:2025-06-01");
  const auto current = check_folder("dsql");
  ASSERT_EQ(old.size(), current.size());
  std::set<std::string> expected, changed;
  for (const Gated& gated : kGated) expected.insert(gated.sql);
  for (size_t i = 0; i < old.size(); ++i) {
    ASSERT_EQ(old[i].sql, current[i].sql);
    if (old[i].verdict != current[i].verdict) changed.insert(gated_prefix(old[i].sql));
  }
  EXPECT_EQ(changed, expected) << "a statement outside kGated (shown whole) changed its verdict, or a gated one did not";
}

// Each feature has its own date, not one switch: on 2026-08-20 DSQL had jsonb (06-08), SET
// DEFAULT (07-06), DROP COLUMN (08-03) and expression indexes (08-13), but not yet foreign
// keys (08-26) or partial indexes (09-15).
TEST(TargetDates, DateBetweenReleasesFlagsOnlyLaterFeatures) {
  const auto between = check_folder("dsql:2026-08-20");
  EXPECT_EQ(verdict_of(between, R"(CREATE TABLE "orders")").rules(), std::set<std::string>{"fk-inline-new-table"});
  EXPECT_EQ(verdict_of(between, R"(ALTER TABLE "order_events" ADD CONSTRAINT)").klass, "STRIP");
  EXPECT_EQ(verdict_of(between, R"(CREATE INDEX ASYNC "orders_open_idx")").rules(),
            std::set<std::string>{"index-partial"});
  for (const char* sql : {R"(CREATE TABLE "order_events")", R"(CREATE TABLE "invoices")",
                          R"(CREATE INDEX ASYNC "accounts_email_lower_idx")",
                          R"(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT)",
                          R"(ALTER TABLE "accounts" DROP COLUMN)"})
    EXPECT_EQ(verdict_of(between, sql), (Verdict{"OK", {}})) << sql;
}

}  // namespace
}  // namespace dsqlint
