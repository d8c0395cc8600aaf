// Prisma Migrate's folders through the real `dsqlint apply`: every migration is a file named
// migration.sql in a folder of its own, so the tracking key is the path within the
// migrations folder, never the bare file name (which once made the second migration of a
// Prisma project look like an edit of the first, and `rehash` then record it applied).
#include <gtest/gtest.h>

#include <filesystem>

#include "../pg_test_server.h"
#include "../fixture_expectations.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

/// A copy of fixtures/promise/<name>, Prisma's folders and all.
MigrationFolder promise_folder(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path source = fs::path(DSQLINT_SOURCE_DIR) / "fixtures" / "promise" / name;
  MigrationFolder folder(name);
  for (const auto& entry : fs::recursive_directory_iterator(source))
    if (entry.is_regular_file())
      folder.write_bytes(entry.path().lexically_relative(source).generic_string(),
                         read_text_file(entry.path().string()));
  return folder;
}

TEST(ApplyPrisma, EachMigrationFolderIsTrackedOnItsOwn) {
  MigrationFolder folder("prisma-two");
  folder.write_bytes("20240101000000_a/migration.sql",
                     "-- CreateTable\nCREATE TABLE \"A\" (\"id\" TEXT NOT NULL, CONSTRAINT \"A_pkey\" PRIMARY KEY (\"id\"));\n");
  Db db(fresh_database("prisma_two"));
  const ProcessResult first = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(first.exit_code, 0) << first.output();
  folder.write_bytes("20240102000000_b/migration.sql",
                     "-- CreateTable\nCREATE TABLE \"B\" (\"id\" TEXT NOT NULL, CONSTRAINT \"B_pkey\" PRIMARY KEY (\"id\"));\n");
  const ProcessResult pending = run_dsqlint_with(command_args("status", folder, db));
  EXPECT_NE(pending.out.find("20240102000000_b/migration.sql"), npos) << pending.output();
  EXPECT_EQ(pending.out.find("edited"), npos) << pending.output();
  const ProcessResult second = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(second.exit_code, 0) << second.output();
  EXPECT_TRUE(db.table_exists("\"B\""));
  EXPECT_EQ(db.row("SELECT string_agg(filename || ':' || state, ' ' ORDER BY filename) FROM __mantle_migrations"),
            "20240101000000_a/migration.sql:applied 20240102000000_b/migration.sql:applied");
  const ProcessResult again = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(again.exit_code, 0) << again.output();
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migrations"), "2");
}

// `prisma migrate dev --create-only` with no schema change writes a migration holding only
// a comment; a project soon has several with one content. Apply runs nothing of them and
// tracks each on its own (tracked by content alone, they were "the same migration" and
// apply refused the folder), while two files that run something are still refused.
TEST(ApplyPrisma, EmptyMigrationsOfOneContentAreEachTracked) {
  MigrationFolder folder("prisma-empty");
  folder.write_bytes("20240101000000_a/migration.sql",
                     "CREATE TABLE \"A\" (\"id\" TEXT NOT NULL, CONSTRAINT \"A_pkey\" PRIMARY KEY (\"id\"));\n");
  folder.write_bytes("20240102000000_e1/migration.sql", "-- This is an empty migration.");
  folder.write_bytes("20240103000000_e2/migration.sql", "-- This is an empty migration.");
  Db db(fresh_database("prisma_empty"));
  const ProcessResult first = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(first.exit_code, 0) << first.output();
  EXPECT_EQ(db.row("SELECT string_agg(filename || ':' || state, ' ' ORDER BY filename) FROM __mantle_migrations"),
            "20240101000000_a/migration.sql:applied 20240102000000_e1/migration.sql:applied "
            "20240103000000_e2/migration.sql:applied");
  const ProcessResult status = run_dsqlint_with(command_args("status", folder, db));
  EXPECT_EQ(status.out.find("pending"), npos) << status.output();
  const ProcessResult again = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(again.exit_code, 0) << again.output();
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migrations"), "3");

  folder.write_bytes("20240104000000_seed/migration.sql", "INSERT INTO \"A\" VALUES ('x');\n");
  folder.write_bytes("20240105000000_seed/migration.sql", "INSERT INTO \"A\" VALUES ('x');\n");
  const ProcessResult refused = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(refused.exit_code, 4) << refused.output();
  EXPECT_NE(refused.err.find("have the same content"), npos) << refused.output();
  // Said once, with both files named: not again as the copy's refused statement.
  EXPECT_EQ(refused.err.find("[duplicate-migration]"), npos) << refused.output();
  EXPECT_EQ(db.row("SELECT count(*) FROM \"A\""), "0");
}

// DSQL has no serial: apply makes an identity column of one (serial-type). Prisma's later
// changes of a serial id are carried out on the identity, as PostgreSQL carries them out
// on the serial: Int to BigInt keeps the autoincrement, a removed autoincrement and Int to
// String end it and its sequence, whose DROP SEQUENCE is then skipped. Each folder failed
// before (23502, 42601, 42P01).
TEST(ApplyPrisma, SerialIdsChangeAsPostgresChangesThem) {
  const auto identity = [](Db& db) {
    return db.row("SELECT data_type || ' ' || is_identity FROM information_schema.columns WHERE table_name = 'User' "
                  "AND column_name = 'id'");
  };
  {
    MigrationFolder folder = promise_folder("prisma-int-id-to-bigint");
    Db db(fresh_database("prisma_bigint_id"));
    const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(run.exit_code, 0) << run.output();
    EXPECT_EQ(db.row("SELECT string_agg(id || ' ' || email, ', ' ORDER BY id) FROM \"User\""),
              "1 a@example.com, 2 b@example.com, 3 c@example.com");
    EXPECT_EQ(identity(db), "bigint YES");
  }
  {
    MigrationFolder folder = promise_folder("prisma-autoincrement-removed");
    Db db(fresh_database("prisma_no_autoincrement"));
    const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(run.exit_code, 0) << run.output();
    EXPECT_EQ(db.row("SELECT string_agg(id::text, ' ' ORDER BY id) FROM \"User\""), "1 2 10");
    EXPECT_EQ(identity(db), "bigint NO");
    EXPECT_EQ(db.row("SELECT count(*) FROM pg_class WHERE relkind = 'S'"), "0");
  }
  {
    MigrationFolder folder = promise_folder("prisma-int-id-to-string");
    Db db(fresh_database("prisma_string_id"));
    const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(run.exit_code, 0) << run.output();
    EXPECT_EQ(db.row("SELECT string_agg(id, ' ' ORDER BY email) FROM \"User\" WHERE email < 'c'"), "1 2");
    EXPECT_EQ(identity(db), "text NO");
    EXPECT_NE(run.out.find("DROP SEQUENCE"), npos) << run.output();  // named as skipped
  }
}

}  // namespace
}  // namespace dsqlint::testing
