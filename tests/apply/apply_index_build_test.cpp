// A unique index whose build meets duplicate rows, on a real server: apply stops with a
// message that names the index and says how to find the duplicates, records nothing of the
// step, and the rerun after the duplicates are gone builds a valid index. DSQL's own way
// to fail (the build returns, its job fails, the index stays INVALID) is made by stopping
// the runner right after the build and marking the index INVALID by hand.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>

#include "apply_test_support.h"
#include "index_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

const std::string kFindDuplicates =
    R"(next: remove the duplicate values, found with SELECT "email", count(*) FROM "public"."users" GROUP BY "email" )"
    R"(HAVING count(*) > 1, then run 'dsqlint apply' to resume)";

struct FailedBuild {
  std::string provider;
  std::string sql;
  std::string index;          ///< the index the statement builds
  std::string recorded;       ///< the file's tracking row after the failure
  bool leaves_invalid = false;  ///< a concurrent build leaves its INVALID index behind
};

TEST(ApplyIndexBuild, UniqueIndexOverDuplicatesFailsClearlyAndTheRerunBuildsIt) {
  const std::string unique = R"(CREATE UNIQUE INDEX "users_email_uq" ON "users" ("email"))";
  for (const FailedBuild& c : {
           FailedBuild{"dsql-local", unique, "users_email_uq", "1 failed"},
           FailedBuild{"postgres", unique, "users_email_uq", "0 NULL"},  // one transaction: no row at all
           FailedBuild{"postgres", R"(CREATE UNIQUE INDEX CONCURRENTLY "users_email_uq" ON "users" ("email"))",
                       "users_email_uq", "1 failed", true},
           FailedBuild{"dsql-local", R"(ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email"))",
                       "users_email_key", "1 failed"},  // rewritten: CREATE UNIQUE INDEX ASYNC, then USING INDEX
       }) {
    SCOPED_TRACE(c.provider + ": " + c.sql);
    UsersWithDuplicates users("failed_build_" + c.provider.substr(0, 4), c.provider);
    users.folder.write("0002_email.sql", {c.sql});
    const ProcessResult failed = users.apply();
    EXPECT_EQ(failed.exit_code, 1) << failed.output();
    EXPECT_NE(failed.err.find("0002_email.sql statement 1 (step 1/"), npos) << failed.err;
    EXPECT_NE(failed.err.find("failed: SQLSTATE 23505: could not create unique index \"" + c.index + "\""), npos)
        << failed.err;
    EXPECT_NE(failed.err.find(kFindDuplicates), npos) << failed.err;
    EXPECT_EQ(users.steps("0002_email.sql"), "") << "the step is not recorded done";
    EXPECT_EQ(users.recorded("0002_email.sql"), c.recorded);
    EXPECT_EQ(users.index(c.index).substr(0, 2), c.leaves_invalid ? "f " : "");
    if (c.leaves_invalid) {
      EXPECT_NE(failed.err.find("the failed build left index \"public\".\"" + c.index +
                                "\" INVALID: the next 'dsqlint apply' drops it and builds it again"),
                npos)
          << failed.err;
    }
    users.remove_duplicates();
    const ProcessResult rerun = users.apply();
    EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
    EXPECT_EQ(rerun.out.find("dropped the INVALID index") != npos, c.leaves_invalid) << rerun.out;
    EXPECT_EQ(users.index(c.index).substr(0, 2), "t ") << "built, and valid";
    EXPECT_EQ(users.indexes(), c.index + ",users_pkey");
    EXPECT_EQ(users.recorded("0002_email.sql"), "1 applied");
  }
}

/// Applies 0002_email.sql with the runner stopped right after the build has committed,
/// marks `index` INVALID as a failed DSQL job leaves it, and lets the runner go on.
ProcessResult apply_and_invalidate_after_build(UsersWithDuplicates& users, const std::string& index) {
  DsqlintProcess runner(apply_args(users.folder, users.db, users.provider),
                        {"DSQLINT_TEST_STOP_AT=committed:0002_email.sql:0"});
  if (!runner.wait_stopped(std::chrono::seconds(30))) return runner.wait();
  users.invalidate(index);
  runner.resume();
  return runner.wait();
}

TEST(ApplyIndexBuild, IndexInvalidAfterItsBuildFailsTheStepAndTheRerunBuildsItAgain) {
  using ProviderSql = std::pair<std::string, std::string>;
  for (const auto& [provider, sql] : {
           ProviderSql{"dsql-local", R"(CREATE UNIQUE INDEX "users_email_uq" ON "users" ("email"))"},
           ProviderSql{"postgres", R"(CREATE UNIQUE INDEX CONCURRENTLY "users_email_uq" ON "users" ("email"))"},
       }) {
    SCOPED_TRACE(provider);
    UsersWithDuplicates users("invalid_after_" + provider.substr(0, 4), provider);
    users.remove_duplicates();
    users.folder.write("0002_email.sql", {sql});
    const ProcessResult failed = apply_and_invalidate_after_build(users, "users_email_uq");
    EXPECT_EQ(failed.exit_code, 1) << failed.output();
    EXPECT_NE(failed.err.find("0002_email.sql statement 1 (step 1/1) failed: SQLSTATE 55000: index "
                              "\"public\".\"users_email_uq\" on table \"public\".\"users\" is INVALID after its build "
                              "(a unique index's build fails on duplicate values): the next 'dsqlint apply' drops it "
                              "and builds it again"),
              npos)
        << failed.err;
    EXPECT_NE(failed.err.find("committed: the steps before step 1; step 1 is not applied"), npos) << failed.err;
    EXPECT_NE(failed.err.find(kFindDuplicates + " from step 1"), npos) << failed.err;
    EXPECT_EQ(users.steps("0002_email.sql"), "") << "the step is not recorded done";
    EXPECT_EQ(users.recorded("0002_email.sql"), "1 failed");
    EXPECT_EQ(users.index("users_email_uq").substr(0, 2), "f ");
    const ProcessResult rerun = users.apply();
    EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
    EXPECT_NE(rerun.out.find("dropped the INVALID index \"public\".\"users_email_uq\""), npos) << rerun.out;
    EXPECT_EQ(rerun.output().find("assumed applied"), npos) << "an INVALID index is never taken as done\n"
                                                            << rerun.output();
    EXPECT_EQ(users.index("users_email_uq").substr(0, 2), "t ");
    EXPECT_EQ(users.indexes(), "users_email_uq,users_pkey");
    EXPECT_EQ(users.recorded("0002_email.sql"), "1 applied");
    EXPECT_EQ(users.steps("0002_email.sql"), "done");
  }
}

TEST(ApplyIndexBuild, UnnamedIndexFoundInvalidIsDroppedAtOnce) {
  UsersWithDuplicates users("invalid_unnamed", "dsql-local");
  users.remove_duplicates();
  users.folder.write("0002_email.sql", {R"(CREATE UNIQUE INDEX ON "users" ("email"))"});
  const ProcessResult failed = apply_and_invalidate_after_build(users, "users_email_idx");
  EXPECT_EQ(failed.exit_code, 1) << failed.output();
  EXPECT_NE(failed.err.find("SQLSTATE 55000: index \"public\".\"users_email_idx\" on table \"public\".\"users\" is "
                            "INVALID after its build (a unique index's build fails on duplicate values): apply dropped "
                            "it, as PostgreSQL chose its name and a later run could not find it"),
            npos)
      << failed.err;
  EXPECT_EQ(users.indexes(), "users_pkey") << "no INVALID index left behind";
  EXPECT_EQ(users.recorded("0002_email.sql"), "1 failed");
  const ProcessResult rerun = users.apply();
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
  EXPECT_EQ(users.indexes(), "users_email_idx,users_pkey");
  EXPECT_EQ(users.index("users_email_idx").substr(0, 2), "t ");
  EXPECT_EQ(users.recorded("0002_email.sql"), "1 applied");
}

}  // namespace
}  // namespace dsqlint::testing
