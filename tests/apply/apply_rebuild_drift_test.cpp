// A rebuild builds the new table from the table as the migrations describe it. A column
// they do not know (added by hand, or by CREATE TABLE ... LIKE a table they do not create)
// would be left out and its values lost at the swap: apply refuses to start the rebuild,
// changes nothing, and rebuilds once the migrations know the column. Against a real server.
#include <gtest/gtest.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

void write_accounts(const MigrationFolder& folder) {
  folder.write("0000_accounts.sql",
               {R"(CREATE TABLE "accounts" ("id" bigint PRIMARY KEY NOT NULL, "balance" integer NOT NULL))"});
}

void write_widening(const MigrationFolder& folder, const std::string& before = "") {
  std::vector<std::string> statements;
  if (!before.empty()) statements.push_back(before);
  statements.push_back(R"(ALTER TABLE "accounts" ALTER COLUMN "balance" SET DATA TYPE bigint)");
  folder.write("0001_widen.sql", statements);
}

std::string relations_like(Db& db, const std::string& pattern) {
  return db.row("SELECT count(*) FROM pg_class WHERE relname LIKE '" + pattern + "'");
}

TEST(ApplyRebuildDrift, AColumnAddedByHandStopsTheRebuildUntilTheMigrationsKnowIt) {
  MigrationFolder folder("rebuild-drift");
  write_accounts(folder);
  Db db(fresh_database("rebuild_drift"));
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, db, "dsql-local")).exit_code, 0);
  db.exec(R"(INSERT INTO "accounts" SELECT g, g FROM generate_series(1, 500) g)");
  db.exec(R"(ALTER TABLE "accounts" ADD COLUMN "note" text)");  // outside the migrations
  db.exec(R"(UPDATE "accounts" SET "note" = 'n' || id)");

  write_widening(folder);
  const ProcessResult refused = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(refused.exit_code, 1) << refused.output();
  EXPECT_NE(refused.err.find(R"(has columns the migrations do not give it ("note"))"), npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was changed"), npos) << refused.err;
  EXPECT_EQ(db.row(R"(SELECT count(*), count("note"), format_type(atttypid, atttypmod) FROM "accounts", pg_attribute )"
                   R"(WHERE attrelid = 'accounts'::regclass AND attname = 'balance' GROUP BY 3)"),
            "500 500 integer")
      << "the table, its hand-made column and its values are as they were";
  EXPECT_EQ(relations_like(db, R"(accounts\_\_mantle%)"), "0") << "no rebuild table was created";

  // Told of the column (the statement runs as nothing on the server), the rebuild keeps it.
  write_widening(folder, R"(ALTER TABLE "accounts" ADD COLUMN IF NOT EXISTS "note" text)");
  const ProcessResult rebuilt = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.output();
  EXPECT_EQ(db.row(R"(SELECT count(*), sum(CASE WHEN "note" = 'n' || id AND balance = id THEN 1 ELSE 0 END), )"
                   R"(pg_typeof(min(balance)) FROM "accounts")"),
            "500 500 bigint");
}

TEST(ApplyRebuildDrift, AColumnDroppedByHandStopsTheRebuild) {
  MigrationFolder folder("rebuild-drift-dropped");
  folder.write("0000_accounts.sql", {R"(CREATE TABLE "accounts" ("id" bigint PRIMARY KEY NOT NULL, )"
                                     R"("balance" integer NOT NULL, "legacy" text))"});
  Db db(fresh_database("rebuild_drift_dropped"));
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, db, "dsql-local")).exit_code, 0);
  db.exec(R"(INSERT INTO "accounts" SELECT g, g FROM generate_series(1, 10) g)");
  db.exec(R"(ALTER TABLE "accounts" DROP COLUMN "legacy")");
  write_widening(folder);
  const ProcessResult refused = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(refused.exit_code, 1) << refused.output();
  EXPECT_NE(refused.err.find(R"(lacks columns the migrations give it ("legacy"))"), npos) << refused.err;
  EXPECT_EQ(db.row(R"(SELECT count(*) FROM "accounts")"), "10");
  EXPECT_EQ(relations_like(db, R"(accounts\_\_mantle%)"), "0");
}

}  // namespace
}  // namespace dsqlint::testing
