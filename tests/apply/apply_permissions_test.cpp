// dsqlint apply-permissions on the real server: each file of the permissions folder runs once
// per content (tracked by hash in __mantle_permissions), a second run skips and says so, an
// edited file runs again with its CREATE ROLE's "already exists" accepted, AWS IAM GRANT is
// skipped under dsql-local, and a failing statement stops the run with the file unrecorded.
#include <gtest/gtest.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

std::vector<std::string> permissions_args(const MigrationFolder& folder, const Db& db, const std::string& provider) {
  std::vector<std::string> args{"apply-permissions", "--folder", folder.path()};
  for (const std::string& arg : target_args(db, provider)) args.push_back(arg);
  return args;
}

TEST(ApplyPermissions, RunsEachFileOncePerContentAndAgainWhenEdited) {
  Db db(fresh_database("permissions"));
  // Roles belong to the whole server: names of this database's own.
  const std::string reader = db.row("SELECT current_database()") + "_reader";
  db.exec("CREATE TABLE items (id int PRIMARY KEY)");
  db.exec("CREATE TABLE orders (id int PRIMARY KEY)");
  MigrationFolder folder("permissions");
  folder.write("0001_roles.sql", {"CREATE ROLE " + reader + " WITH LOGIN",
                                  "AWS IAM GRANT " + reader + " TO 'arn:aws:iam::123456789012:role/reader'"});
  folder.write("0002_grants.sql", {"GRANT SELECT ON items TO " + reader});

  const ProcessResult first = run_dsqlint_with(permissions_args(folder, db, "dsql-local"));
  ASSERT_EQ(first.exit_code, 0) << first.output();
  EXPECT_NE(first.out.find("skipped"), npos) << "AWS IAM GRANT needs DSQL\n" << first.out;
  EXPECT_NE(first.out.find("done: 2 file(s) applied, 0 already applied"), npos) << first.out;
  EXPECT_EQ(db.row("SELECT has_table_privilege('" + reader + "', 'items', 'SELECT')"), "t");
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_permissions"), "2");

  const ProcessResult second = run_dsqlint_with(permissions_args(folder, db, "dsql-local"));
  ASSERT_EQ(second.exit_code, 0) << second.output();
  EXPECT_NE(second.out.find("0001_roles.sql  sha256:"), npos);
  EXPECT_NE(second.out.find("already applied at"), npos) << second.out;
  EXPECT_NE(second.out.find("done: 0 file(s) applied, 2 already applied and skipped"), npos) << second.out;

  // An edit runs the whole file again: CREATE ROLE finds the role and is accepted.
  folder.write("0001_roles.sql", {"CREATE ROLE " + reader + " WITH LOGIN", "GRANT SELECT ON orders TO " + reader});
  const ProcessResult edited = run_dsqlint_with(permissions_args(folder, db, "dsql-local"));
  ASSERT_EQ(edited.exit_code, 0) << edited.output();
  EXPECT_NE(edited.out.find("changed since it was applied: running it again"), npos) << edited.out;
  EXPECT_NE(edited.out.find("the role exists already: accepted"), npos) << edited.out;
  EXPECT_EQ(db.row("SELECT has_table_privilege('" + reader + "', 'orders', 'SELECT')"), "t");
  EXPECT_NE(edited.out.find("done: 1 file(s) applied, 1 already applied"), npos) << edited.out;

  // A statement that fails stops the run; its file is not recorded, so it runs again later.
  folder.write("0003_broken.sql", {"GRANT SELECT ON no_such_table TO " + reader});
  const ProcessResult broken = run_dsqlint_with(permissions_args(folder, db, "dsql-local"));
  EXPECT_EQ(broken.exit_code, 1) << broken.output();
  EXPECT_NE(broken.err.find("0003_broken.sql statement 1: 42P01"), npos) << broken.err;
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_permissions WHERE filename = '0003_broken.sql'"), "0");
  db.exec("DROP OWNED BY " + reader);
  db.exec("DROP ROLE " + reader);
}

TEST(ApplyPermissions, RefusesWhileApplysLeaseIsHeldThenTakesAndGivesItBack) {
  Db db(fresh_database("permissions_lock"));
  db.exec("CREATE TABLE items (id int PRIMARY KEY)");
  MigrationFolder folder("permissions-lock");
  folder.write("0001_grants.sql", {"GRANT SELECT ON items TO PUBLIC"});
  // Another runner (an apply) holds the lease: nothing runs, exit 3, its holder named.
  db.exec("CREATE TABLE __mantle_migration_lock (lock_name text PRIMARY KEY, owner_id text, fencing_token bigint NOT "
          "NULL DEFAULT 0, acquired_at timestamptz, heartbeat_at timestamptz, expires_at timestamptz)");
  db.exec("INSERT INTO __mantle_migration_lock VALUES ('apply', 'ci@runner pid 7', 1, now(), now(), "
          "now() + interval '5 minutes')");
  const ProcessResult held = run_dsqlint_with(permissions_args(folder, db, "dsql-local"));
  EXPECT_EQ(held.exit_code, 3) << held.output();
  EXPECT_NE(held.err.find("held by ci@runner pid 7"), npos) << held.err;
  EXPECT_EQ(db.row("SELECT has_table_privilege('public', 'items', 'SELECT')"), "f");
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_tables WHERE tablename = '__mantle_permissions'"), "0");
  // Once the lease has run out, the run takes it, applies, and gives it back.
  db.exec("UPDATE __mantle_migration_lock SET expires_at = now() - interval '1 second'");
  const ProcessResult run = run_dsqlint_with(permissions_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT has_table_privilege('public', 'items', 'SELECT')"), "t");
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_lock WHERE owner_id IS NOT NULL"), "0");
  EXPECT_EQ(db.row("SELECT fencing_token FROM __mantle_migration_lock"), "2");
}

TEST(ApplyPermissions, RefusesAFolderThatDoesNotParseBeforeRunningAnything) {
  Db db(fresh_database("permissions_bad"));
  MigrationFolder folder("permissions-bad");
  folder.write("0001.sql", {"CREATE ROLE fine_role_never_created", "GRANT SELECT ON TABLE TO x"});
  const ProcessResult run = run_dsqlint_with(permissions_args(folder, db, "postgres"));
  EXPECT_EQ(run.exit_code, 2) << run.output();
  EXPECT_NE(run.err.find("syntax error"), npos) << run.err;
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_roles WHERE rolname = 'fine_role_never_created'"), "0");
  EXPECT_FALSE(db.table_exists("__mantle_permissions"));
}

}  // namespace
}  // namespace dsqlint::testing
