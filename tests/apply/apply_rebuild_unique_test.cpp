// Prisma 6 turns the unique index of each implicit many-to-many table into its primary key:
// ADD CONSTRAINT ... PRIMARY KEY on the index's columns, then DROP INDEX. DSQL adds no
// primary key to an existing table, so apply rebuilds it, with the unique index as the
// UNIQUE constraint it became when it folded into the CREATE TABLE. PostgreSQL's CREATE TABLE
// does not create a UNIQUE equal to the primary key, so the rebuild makes that constraint
// from a unique index, and the DROP after it finds it. Through the real `dsqlint apply` on
// the real server: every row stays, both keys exist until the DROP, and a kill at any phase
// of the rebuild is finished by the next run.
#include <gtest/gtest.h>
#include <signal.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;
// Prisma's statements, in files the oracle (expect_nothing_lost) reads: one a migration.
constexpr const char* kInitFile = "0000_init.sql";
constexpr const char* kPrisma6File = "0001_prisma6.sql";

void write_init(const MigrationFolder& folder) {
  folder.write(kInitFile, {R"(CREATE TABLE "_PostToTag" ("A" TEXT NOT NULL, "B" TEXT NOT NULL))",
                           R"(CREATE UNIQUE INDEX "_PostToTag_AB_unique" ON "_PostToTag"("A", "B"))"});
}

void write_prisma6(const MigrationFolder& folder) {
  folder.write(kPrisma6File, {R"(ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B"))",
                              R"(DROP INDEX "_PostToTag_AB_unique")"});
}

/// Applies the first migration, links 200 posts to 20 tags each, then writes the second.
void prepare(const MigrationFolder& folder, Db& db, const std::string& provider) {
  folder.remove(kPrisma6File);
  write_init(folder);
  const ProcessResult first = run_dsqlint_with(apply_args(folder, db, provider));
  ASSERT_EQ(first.exit_code, 0) << first.output();
  db.exec("INSERT INTO \"_PostToTag\" SELECT 'post' || p, 'tag' || t FROM generate_series(1, 200) p, "
          "generate_series(1, 20) t");
  write_prisma6(folder);
}

/// The table's constraints and indexes, "name:kind" and "name:valid" in name order.
std::string keys_of(Db& db) {
  return db.row("SELECT string_agg(conname || ':' || contype::text, ' ' ORDER BY conname) FROM pg_constraint "
                "WHERE conrelid = '\"_PostToTag\"'::regclass") +
         " / " +
         db.row("SELECT string_agg(c.relname || ':' || i.indisvalid, ' ' ORDER BY c.relname) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '\"_PostToTag\"'::regclass");
}

const DataChecks kLinkChecks = {
    {"SELECT count(*), count(DISTINCT (\"A\", \"B\")), count(DISTINCT \"A\"), count(DISTINCT \"B\") FROM \"_PostToTag\"",
     "4000 4000 200 20"},
    {"SELECT string_agg(conname || ':' || contype::text, ' ' ORDER BY conname) FROM pg_constraint "
     "WHERE conrelid = '\"_PostToTag\"'::regclass",
     "_PostToTag_AB_pkey:p"},
    {"SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_\\_mantle\\_%' AND relname NOT LIKE '\\_\\_mantle\\_migration%'",
     "0"},
};

void expect_duplicate_refused(Db& db) {
  try {
    db.exec("INSERT INTO \"_PostToTag\" VALUES ('post1', 'tag1')");
    ADD_FAILURE() << "a duplicate link was accepted";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("23505"), npos) << error.what();
  }
}

TEST(ApplyRebuildUnique, PrimaryKeyOnTheUniqueIndexKeepsBothUntilTheDropIndex) {
  MigrationFolder folder("rebuild-unique");
  Db native(fresh_database("rebuild_unique_native"));
  prepare(folder, native, "postgres");
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, native, "postgres")).exit_code, 0);
  for (const auto& [sql, expected] : kLinkChecks) EXPECT_EQ(native.row(sql), expected) << "postgres: " << sql;
  Db db(fresh_database("rebuild_unique"));
  prepare(folder, db, "dsql-local");
  // Stopped after the rebuild, before the DROP: the table has both keys, as in PostgreSQL.
  kill_at(folder, db, "dsql-local", std::string("after:") + kPrisma6File + ":0");
  EXPECT_EQ(keys_of(db), "_PostToTag_AB_pkey:p _PostToTag_AB_unique:u / _PostToTag_AB_pkey:true _PostToTag_AB_unique:true");
  EXPECT_EQ(db.row(kLinkChecks[0].first), kLinkChecks[0].second);
  expect_duplicate_refused(db);
  expire_lease(db);
  const ProcessResult rest = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(rest.exit_code, 0) << rest.output();
  EXPECT_EQ(keys_of(db), "_PostToTag_AB_pkey:p / _PostToTag_AB_pkey:true");
  expect_nothing_lost(db, folder, native.schema(), kLinkChecks);
  expect_duplicate_refused(db);
}

TEST(ApplyRebuildUnique, PlanShowsTheUniqueMadeFromAnIndex) {
  MigrationFolder folder("rebuild-unique-plan");
  write_init(folder);
  write_prisma6(folder);
  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", folder.path(), "--provider", "aurora-dsql"});
  ASSERT_EQ(plan.exit_code, 0) << plan.output();
  for (const char* step : {"CONSTRAINT \"_PostToTag_AB_pkey__mantle_1_", "CREATE UNIQUE INDEX ASYNC \"_PostToTag_AB_unique__mantle_0_",
                           "; check the index is valid; ALTER TABLE public.\"_PostToTag__mantle_new_",
                           "UNIQUE USING INDEX \"_PostToTag_AB_unique__mantle_0_",
                           "RENAME CONSTRAINT \"_PostToTag_AB_unique__mantle_0_",
                           "DROP CONSTRAINT \"_PostToTag_AB_unique\""})
    EXPECT_NE(plan.out.find(step), npos) << step << "\n" << plan.out;
  const size_t create = plan.out.find("CREATE TABLE public.\"_PostToTag__mantle_new_");
  ASSERT_NE(create, npos) << plan.out;
  const std::string create_line = plan.out.substr(create, plan.out.find('\n', create) - create);
  EXPECT_EQ(create_line.find("UNIQUE"), npos) << "its CREATE TABLE would not create it: " << create_line;
}

TEST(ApplyRebuildUnique, KillAtEveryPhaseOfTheRebuildThenRerunFinishesIt) {
  MigrationFolder folder("rebuild-unique-kill");
  Db native(fresh_database("rebuild_unique_kill_native"));
  prepare(folder, native, "postgres");
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, native, "postgres")).exit_code, 0);
  const std::string clean_schema = native.schema();
  for (const char* phase : {"created", "copied", "verified", "unique_index_built", "unique_attached", "indexed",
                            "renamed_old", "renamed_new", "dropped", "finished"}) {
    SCOPED_TRACE(phase);
    Db db(fresh_database("rebuild_unique_kill"));
    prepare(folder, db, "dsql-local");
    ASSERT_EQ(kill_at(folder, db, "dsql-local", std::string("recreate:") + kPrisma6File + ":0:" + phase).signal, SIGKILL);
    expire_lease(db);
    const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.output();
    expect_nothing_lost(db, folder, clean_schema, kLinkChecks);
  }
}

}  // namespace
}  // namespace dsqlint::testing
