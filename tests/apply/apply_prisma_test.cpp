// Prisma Migrate's folders through the real `dsqlint apply`: every migration is a file named
// migration.sql in a folder of its own, so the tracking key is the path within the
// migrations folder, never the bare file name (which once made the second migration of a
// Prisma project look like an edit of the first, and `rehash` then record it applied).
#include <gtest/gtest.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

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
  EXPECT_EQ(db.row("SELECT count(*) FROM \"A\""), "0");
}

}  // namespace
}  // namespace dsqlint::testing
