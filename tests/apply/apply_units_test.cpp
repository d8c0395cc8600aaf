// Pieces of apply that need no server: provider inference, the retry policy, migration
// identity, dsql-local translation; and the commands end to end where no server is given.
#include <gtest/gtest.h>

#include <deque>
#include <filesystem>

#include "apply/retry.h"
#include "plan/dsql_local.h"
#include "plan/planner.h"
#include "plan/provider.h"
#include "../run_command.h"

namespace dsqlint {
namespace {

TEST(Provider, InferredAsMantleDoes) {
  EXPECT_EQ(infer_provider("abc.dsql.us-east-1.on.aws", ""), Provider::AuroraDsql);
  EXPECT_EQ(infer_provider("", "postgres://u:p@ep-cool-1.us-east-2.aws.neon.tech/db"), Provider::Neon);
  EXPECT_EQ(infer_provider("", "postgresql://u@db.cluster-x.eu-west-1.rds.amazonaws.com:5432/app"),
            Provider::AuroraServerlessV2);
  EXPECT_EQ(infer_provider("", "host=localhost dbname=app"), Provider::Postgres);
  EXPECT_EQ(infer_provider("", ""), Provider::AuroraDsql);
  EXPECT_EQ(*parse_provider("dsql-local"), Provider::DsqlLocal);
  const auto wrong = parse_provider("aurora-dsq");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("did you mean 'aurora-dsql'"), std::string::npos) << wrong.error().message;
}

TEST(Retry, ConflictsAreRetriedBoundedAndCounted) {
  std::deque<QueryResult> answers{{"40001", "OC000"}, {"40001", "OC001"}, {}};
  RetryCount count;
  int heard = 0;
  const RetryPolicy fast{.max_attempts = 5, .first_delay = std::chrono::milliseconds(1)};
  const QueryResult last = with_retry([&] { auto a = answers.front(); answers.pop_front(); return a; }, fast, count,
                                      [&](int, const QueryResult&) { ++heard; });
  EXPECT_TRUE(last.ok());
  EXPECT_EQ(count.conflicts, 2);
  EXPECT_EQ(heard, 2);

  int attempts = 0;
  RetryCount spent;
  const QueryResult exhausted = with_retry([&] { ++attempts; return QueryResult{"40001", "OC000"}; },
                                           RetryPolicy{.max_attempts = 3, .first_delay = std::chrono::milliseconds(1)}, spent);
  EXPECT_TRUE(exhausted.conflict());
  EXPECT_EQ(attempts, 3);

  attempts = 0;
  const QueryResult limit = with_retry([&] { ++attempts; return QueryResult{"54000", "too many rows"}; }, fast, spent);
  EXPECT_EQ(limit.sqlstate, "54000");
  EXPECT_EQ(attempts, 1) << "limit errors are not retried";
}

TEST(MigrationIdentity, BomAndLineEndsDoNotChangeTheHash) {
  const std::string lf = "CREATE TABLE t (id int);\nSELECT 1;\n";
  EXPECT_EQ(normalized_sha256(lf), normalized_sha256("\xEF\xBB\xBF" + lf));
  EXPECT_EQ(normalized_sha256(lf), normalized_sha256("CREATE TABLE t (id int);\r\nSELECT 1;\r\n"));
  EXPECT_EQ(normalized_sha256(lf), normalized_sha256("CREATE TABLE t (id int);\rSELECT 1;\r"));
  EXPECT_NE(normalized_sha256(lf), normalized_sha256("CREATE TABLE t (id bigint);\nSELECT 1;\n"));
  EXPECT_EQ(normalized_sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(DsqlLocal, DsqlKeywordsAreTranslatedOrSkipped) {
  EXPECT_EQ(*translate_for_postgres("CREATE INDEX ASYNC i ON t (a)").sql, "CREATE INDEX i ON t (a)");
  EXPECT_EQ(*translate_for_postgres("create unique index async i on t (a)").sql, "create unique index i on t (a)");
  EXPECT_EQ(*translate_for_postgres("ALTER TABLE ASYNC t VALIDATE CONSTRAINT c").sql, "ALTER TABLE t VALIDATE CONSTRAINT c");
  EXPECT_EQ(*translate_for_postgres("CREATE INDEX \"async\" ON t (a)").sql, "CREATE INDEX \"async\" ON t (a)");
  EXPECT_FALSE(translate_for_postgres("AWS IAM GRANT app TO 'arn:aws:iam::1:role/x'").sql);
  EXPECT_FALSE(translate_for_postgres("CALL sys.wait_for_job('j1')").sql);
}

TEST(PlanCli, PrintsStepsWithoutADatabaseAndRefusesUnsupported) {
  const auto plan = testing::run_dsqlint({"plan", "--folder", "fixtures/example/migrations", "--provider", "aurora-dsql"});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("emulated statement 1: DSQL has no CREATE TYPE, so enum plan is emulated"), std::string::npos)
      << plan.out;
  EXPECT_NE(plan.out.find("CONSTRAINT users_plan_check CHECK (plan IN ('free', 'pro')), CONSTRAINT users_email_idx "
                          "UNIQUE (email))"),
            std::string::npos)
      << plan.out;
  EXPECT_NE(plan.out.find("folded   statement 4: folded into CREATE TABLE, statement 2\n  [5/5]"), std::string::npos)
      << plan.out;
  EXPECT_NE(plan.out.find("CREATE INDEX ASYNC IF NOT EXISTS \"items_name_idx\""), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("wait for the index job"), std::string::npos);
  EXPECT_NE(plan.out.find("copy rows in key order"), std::string::npos);
  const std::string dir = testing::make_temp_dir("plan-refuse");
  testing::write_file(dir + "/0001.sql", "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();\n");
  const auto refused = testing::run_dsqlint({"plan", "--folder", dir});
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_NE(refused.out.find("REFUSE"), std::string::npos) << refused.out;
}

TEST(ApplyCli, PasswordsNeverReachTheOutput) {
  const auto run = testing::run_dsqlint({"apply", "--folder", "fixtures/example/migrations", "--connection-string",
                                         "postgres://bob:hunter2secret@127.0.0.1:1/db?connect_timeout=1"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_EQ((run.out + run.err).find("hunter2secret"), std::string::npos) << run.out << run.err;
  EXPECT_NE((run.out + run.err).find("bob:***@"), std::string::npos) << run.out << run.err;
  const auto usage = testing::run_dsqlint({"apply", "--folder", "fixtures/example/migrations", "--provider", "nope",
                                           "--connection-string", "host=x"});
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(RehearseCli, AppliesTheExampleAsDsqlWouldAndRemovesTheServer) {
  const auto run = testing::run_dsqlint({"rehearse", "--folder", "fixtures/example/migrations"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("column public.items price numeric(18,4)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("items_owner_id_users_id_fk FOREIGN KEY"), std::string::npos) << "the rebuild kept the key";
  EXPECT_NE(run.out.find("skipped: DSQL has no row-level security"), std::string::npos) << run.out;
  const size_t at = run.out.find("host=");
  ASSERT_NE(at, std::string::npos);
  const std::string dir = run.out.substr(at + 5, run.out.find(' ', at) - at - 5);
  EXPECT_FALSE(std::filesystem::exists(dir)) << dir << " was left behind";
}

}  // namespace
}  // namespace dsqlint
