// Guarded DO blocks through the real `dsqlint apply` on the real server: with dsql-local each
// block runs as the statement it guards, behind the same guard, and leaves the schema the
// DO blocks themselves leave on plain PostgreSQL; a second copy of every block finds its
// object there and runs nothing.
#include <gtest/gtest.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// Each shape of guard around a foreign key, an index and a column.
const std::vector<std::string> kGuarded = {
    "DO $$ BEGIN\n IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_team_fk') THEN\n"
    "  ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_team_fk\" FOREIGN KEY (\"team_id\") "
    "REFERENCES \"public\".\"teams\"(\"id\");\n END IF;\nEND $$;",
    "DO $$ BEGIN\n IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND indexname = "
    "'users_email_idx') THEN\n  CREATE INDEX \"users_email_idx\" ON \"users\" (\"email\");\n END IF;\nEND $$;",
    "DO $$ BEGIN\n IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND "
    "column_name = 'name') THEN\n  ALTER TABLE \"users\" ADD COLUMN \"name\" text;\n END IF;\nEND $$;",
    "DO $$ BEGIN\n ALTER TABLE \"users\" ADD COLUMN \"bio\" text;\nEXCEPTION\n WHEN duplicate_column THEN null;\nEND $$;",
};

MigrationFolder guarded_folder() {
  MigrationFolder folder("guarded");
  std::vector<std::string> first = {"CREATE TABLE \"teams\" (\"id\" text PRIMARY KEY)",
                                    "CREATE TABLE \"users\" (\"id\" text PRIMARY KEY, \"email\" text, \"team_id\" text)",
                                    "INSERT INTO \"teams\" VALUES ('t1')",
                                    "INSERT INTO \"users\" VALUES ('u1', 'a@example.com', 't1')"};
  first.insert(first.end(), kGuarded.begin(), kGuarded.end());
  folder.write("0000_first.sql", first);
  folder.write("0001_again.sql", kGuarded);  // as a re-generated migration would repeat them
  return folder;
}

TEST(ApplyGuarded, BlocksRunAsTheirStatementBehindTheGuardAndLeaveThePostgresSchema) {
  const MigrationFolder folder = guarded_folder();
  Db native(fresh_database("guarded_native"));
  const ProcessResult plain = run_dsqlint_with(apply_args(folder, native, "postgres"));
  ASSERT_EQ(plain.exit_code, 0) << plain.output();

  Db db(fresh_database("guarded"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.schema(), native.schema());
  // The second file: three IF guards find their object (a line per step: the key has two,
  // NOT VALID and its validation), the handler takes 42701 as done.
  EXPECT_EQ(count(run.out, "the guard says it is done already"), 4u) << run.out;
  EXPECT_EQ(count(run.out, "42701"), 1u) << run.out;
  EXPECT_NE(run.out.find("handler took this as done"), npos) << run.out;
  // The key was added NOT VALID and validated: it holds and rejects orphans.
  EXPECT_EQ(db.row("SELECT convalidated FROM pg_constraint WHERE conname = 'users_team_fk'"), "t");
  EXPECT_THROW(db.exec("INSERT INTO users VALUES ('u2', 'b@example.com', 'missing')"), std::exception);

  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", folder.path(), "--provider", "aurora-dsql"});
  EXPECT_EQ(plan.exit_code, 0) << plan.output();
  EXPECT_NE(plan.out.find("only when SELECT NOT EXISTS (SELECT 1 FROM pg_constraint"), npos) << plan.out;
  EXPECT_NE(plan.out.find("CREATE INDEX ASYNC \"users_email_idx\""), npos) << plan.out;
  EXPECT_NE(plan.out.find("42701 (what the DO block's handler swallowed)"), npos) << plan.out;
}

TEST(ApplyGuarded, AnErrorTheHandlerDoesNotSwallowStopsApply) {
  MigrationFolder folder("guarded-fails");
  folder.write("0000.sql", {"CREATE TABLE t (id int PRIMARY KEY)",
                            "DO $$ BEGIN\n ALTER TABLE t ADD COLUMN missing_type nosuchtype;\nEXCEPTION\n WHEN "
                            "duplicate_column THEN null;\nEND $$;"});
  Db db(fresh_database("guarded_fails"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_NE(run.exit_code, 0) << run.output();
  EXPECT_NE(run.output().find("42704"), npos) << run.output();
}

}  // namespace
}  // namespace dsqlint::testing
