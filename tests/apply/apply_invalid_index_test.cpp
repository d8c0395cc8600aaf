// An INVALID index left by a failed build, made by hand on a real server: apply drops it
// and builds it again instead of accepting it through IF NOT EXISTS, leaves a valid index
// of the name alone, and plan and --dry-run say so without writing.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "apply_test_support.h"
#include "index_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

/// 0002: the unique index as dsqlint's users write it (dsql: ASYNC added by the rewrite),
/// and a second index with ASYNC written by hand where the target is DSQL.
void write_index_file(UsersWithDuplicates& users) {
  const std::string async = users.provider == "dsql-local" ? " ASYNC" : "";
  users.folder.write("0002_indexes.sql",
                     {R"(CREATE UNIQUE INDEX IF NOT EXISTS "users_email_uq" ON "users" ("email"))",
                      R"(CREATE INDEX)" + async + R"( IF NOT EXISTS "users_name_idx" ON "users" ("name"))"});
}

/// Both leftovers, as a failed build leaves them: users_email_uq from a concurrent unique
/// build over the duplicates, users_name_idx marked INVALID in pg_index.
void make_invalid_leftovers(UsersWithDuplicates& users) {
  EXPECT_THROW(users.db.exec(R"(CREATE UNIQUE INDEX CONCURRENTLY "users_email_uq" ON "users" ("email"))"),
               std::runtime_error);
  users.db.exec(R"(CREATE INDEX "users_name_idx" ON "users" ("name"))");
  users.invalidate("users_name_idx");
  ASSERT_EQ(users.index("users_email_uq").substr(0, 2), "f ") << "the failed build left an INVALID index";
  ASSERT_EQ(users.index("users_name_idx").substr(0, 2), "f ");
}

TEST(ApplyInvalidIndex, LeftoverMadeByHandIsDroppedAndBuiltAgain) {
  for (const std::string provider : {"postgres", "dsql-local"}) {
    SCOPED_TRACE(provider);
    UsersWithDuplicates users("invalid_leftover_" + provider.substr(0, 4), provider);
    make_invalid_leftovers(users);
    users.remove_duplicates();
    const std::string email_before = users.index("users_email_uq"), name_before = users.index("users_name_idx");
    write_index_file(users);
    const ProcessResult run = users.apply();
    EXPECT_EQ(run.exit_code, 0) << run.output();
    for (const char* name : {"users_email_uq", "users_name_idx"}) {
      SCOPED_TRACE(name);
      EXPECT_NE(run.out.find(fmt::format("the INVALID index \"public\".\"{}\" that a failed build left on table "
                                         "\"public\".\"users\"; building it again", name)),
                npos)
          << run.out;
      EXPECT_EQ(users.index(name).substr(0, 2), "t ") << "built again, and valid";
    }
    EXPECT_NE(users.index("users_email_uq"), email_before) << "a new index, not the leftover marked valid";
    EXPECT_NE(users.index("users_name_idx"), name_before);
    EXPECT_EQ(users.indexes(), "users_email_uq,users_name_idx,users_pkey") << "no second index beside the leftover";
    EXPECT_EQ(users.recorded("0002_indexes.sql"), "1 applied");
    EXPECT_EQ(users.steps("0002_indexes.sql"), provider == "postgres" ? "" : "done,done")
        << "postgres: one transaction with its tracking row";
    const std::string built = users.index("users_email_uq");
    const ProcessResult again = users.apply();
    EXPECT_EQ(again.exit_code, 0) << again.output();
    EXPECT_NE(again.out.find("done: 0 file(s) applied"), npos) << again.out;
    EXPECT_EQ(users.index("users_email_uq"), built) << "an applied file is not run again";
    EXPECT_EQ(users.recorded("0002_indexes.sql"), "1 applied");
  }
}

TEST(ApplyInvalidIndex, ValidIndexOfTheNameIsLeftAlone) {
  for (const std::string provider : {"postgres", "dsql-local"}) {
    SCOPED_TRACE(provider);
    UsersWithDuplicates users("valid_index_" + provider.substr(0, 4), provider);
    users.remove_duplicates();
    users.db.exec(R"(CREATE UNIQUE INDEX "users_email_uq" ON "users" ("email"))");
    users.db.exec(R"(CREATE INDEX "users_name_idx" ON "users" ("name"))");
    const std::string email = users.index("users_email_uq"), name = users.index("users_name_idx");
    write_index_file(users);
    const ProcessResult run = users.apply();
    EXPECT_EQ(run.exit_code, 0) << run.output();
    EXPECT_EQ(run.output().find("INVALID"), npos) << run.output();
    EXPECT_EQ(users.index("users_email_uq"), email) << "IF NOT EXISTS keeps the valid index";
    EXPECT_EQ(users.index("users_name_idx"), name);
    EXPECT_EQ(users.recorded("0002_indexes.sql"), "1 applied");
  }
}

TEST(ApplyInvalidIndex, PlanAndDryRunSayWhatApplyDropsAndWriteNothing) {
  UsersWithDuplicates users("invalid_dry_run", "dsql-local");
  make_invalid_leftovers(users);
  write_index_file(users);
  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", users.folder.path(), "--provider", "dsql-local"});
  EXPECT_EQ(plan.exit_code, 0) << plan.output();
  const std::string drop_first =
      R"(drop "public"."users_email_uq" first if a failed build left it INVALID (its own transaction))";
  EXPECT_NE(plan.out.find(drop_first), npos) << plan.out;
  EXPECT_NE(plan.out.find("wait for the index job, then check the index is valid"), npos) << plan.out;
  // On Aurora DSQL a CREATE INDEX ASYNC written by hand (class OK) is waited for and checked too.
  const ProcessResult dsql = run_dsqlint_with({"plan", "--folder", users.folder.path(), "--provider", "aurora-dsql"});
  EXPECT_EQ(dsql.exit_code, 0) << dsql.output();
  size_t waits = 0;
  for (size_t at = dsql.out.find("wait for the index job, then check"); at != npos;
       at = dsql.out.find("wait for the index job, then check", at + 1))
    ++waits;
  EXPECT_EQ(waits, 2u) << dsql.out;
  const std::string before = database_state(users.db, {{"SELECT count(*) FROM users", "3"}});
  const std::string leftover = users.index("users_email_uq");
  const ProcessResult dry = users.apply({"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.output();
  EXPECT_NE(dry.out.find(R"(note: "public"."users_email_uq" is INVALID now (a failed build's); step 1 drops it)"), npos)
      << dry.out;
  EXPECT_NE(dry.out.find(R"(note: "public"."users_name_idx" is INVALID now (a failed build's); step 2 drops it)"), npos)
      << dry.out;
  EXPECT_EQ(listed_steps(dry.out), (std::vector<std::string>{"0002_indexes.sql [1/2]", "0002_indexes.sql [2/2]"}))
      << "the drop is part of its step, not a step of its own\n" << dry.out;
  EXPECT_EQ(database_state(users.db, {{"SELECT count(*) FROM users", "3"}}), before) << "the dry run wrote";
  EXPECT_EQ(users.index("users_email_uq"), leftover);
}

}  // namespace
}  // namespace dsqlint::testing
