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

}  // namespace
}  // namespace dsqlint::testing
