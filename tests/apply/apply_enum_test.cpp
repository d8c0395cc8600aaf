// Enums through the real `dsqlint apply` on the real server, in the shapes Drizzle Kit (old
// journal with guarded DO blocks, new journal with plain CREATE TYPE) and Prisma Migrate
// (create, ADD VALUE, the replacement that removes a value) write them: with dsql-local no
// enum type exists afterwards, every allowed value is accepted and any other rejected with
// 23514, values and columns added later included; with postgres the same folders apply as
// real enums. A removed value still in use stops apply before anything changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "../fixture_expectations.h"
#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

namespace fs = std::filesystem;
constexpr auto npos = std::string::npos;
const std::string kFixtures = std::string(DSQLINT_SOURCE_DIR) + "/fixtures/enums/";

/// A copy of fixtures/enums/<name> holding its first `files` migrations (all when 0), the
/// journal pared down to match.
MigrationFolder copy_of(const std::string& name, size_t files = 0) {
  MigrationFolder folder("enum-" + name);
  std::vector<fs::path> sql;
  for (const auto& entry : fs::directory_iterator(kFixtures + name))
    if (entry.path().extension() == ".sql") sql.push_back(entry.path());
  std::sort(sql.begin(), sql.end());
  if (files > 0 && files < sql.size()) sql.resize(files);
  for (const fs::path& path : sql) folder.write_bytes(path.filename().string(), read_text_file(path.string()));
  return folder;
}

void add_file(const MigrationFolder& folder, const std::string& name, const std::string& file) {
  folder.write_bytes(file, read_text_file(kFixtures + name + "/" + file));
}

/// The SQLSTATE an insert fails with, "" when it succeeds.
std::string insert_state(Db& db, const std::string& sql) {
  try {
    db.exec(sql);
    return "";
  } catch (const std::exception& error) {
    const std::string message = error.what();
    for (const std::string code : {"23514", "22P02"})
      if (message.find(code) != npos) return code;
    return message;
  }
}

int enum_types(Db& db) {
  return std::stoi(db.row("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                          "WHERE t.typtype = 'e' AND n.nspname = 'public'"));
}

struct Column {
  std::string insert;  ///< INSERT ... VALUES with {} for the value
  std::vector<std::string> allowed;
};

/// Every allowed value is accepted; a value outside the set is rejected with `rejected`.
void expect_values(Db& db, const std::vector<Column>& columns, const std::string& rejected) {
  int n = 0;
  for (const Column& column : columns) {
    for (const std::string& value : column.allowed) {
      const std::string sql = fmt::format(fmt::runtime(column.insert), ++n, value);
      EXPECT_EQ(insert_state(db, sql), "") << sql;
    }
    const std::string bad = fmt::format(fmt::runtime(column.insert), ++n, "bogus");
    EXPECT_EQ(insert_state(db, bad), rejected) << bad;
  }
}

const std::vector<Column> kDrizzleV5 = {
    {"INSERT INTO accounts (id, plan) VALUES ({}, '{}')", {"free", "pro", "team"}},
    {"INSERT INTO accounts (id, status) VALUES ({}, '{}')", {"active", "archived"}},
    {"INSERT INTO accounts (id, trial_plan) VALUES ({}, '{}')", {"free", "pro", "team"}},
};
const std::vector<Column> kDrizzleV7 = {
    {"INSERT INTO members (id, role) VALUES ('m{}', '{}')", {"user", "moderator", "admin"}},
    {"INSERT INTO invites (id, member_id, role) VALUES ('i{}', 'm1', '{}')", {"user", "moderator", "admin"}},
};

TEST(ApplyEnum, DrizzleFoldersApplyAsChecksOnDsqlLocalAndAsEnumsOnPostgres) {
  for (const auto& [name, columns] : {std::pair{"drizzle-v5", kDrizzleV5}, std::pair{"drizzle-v7", kDrizzleV7}}) {
    SCOPED_TRACE(name);
    MigrationFolder folder = copy_of(name);
    fs::create_directories(folder.path() + "/meta");
    fs::copy_file(kFixtures + name + "/meta/_journal.json", folder.path() + "/meta/_journal.json");

    Db emulated(fresh_database("enum_dsql"));
    const ProcessResult run = run_dsqlint_with(apply_args(folder, emulated, "dsql-local"));
    ASSERT_EQ(run.exit_code, 0) << run.output();
    EXPECT_EQ(enum_types(emulated), 0) << "no enum type on the DSQL-like database\n" << emulated.schema();
    expect_values(emulated, columns, "23514");

    Db native(fresh_database("enum_pg"));
    const ProcessResult plain = run_dsqlint_with(apply_args(folder, native, "postgres"));
    ASSERT_EQ(plain.exit_code, 0) << plain.output();
    EXPECT_GT(enum_types(native), 0);
    expect_values(native, columns, "22P02");

    // Nothing left to do on a second run.
    const ProcessResult again = run_dsqlint_with(apply_args(folder, emulated, "dsql-local"));
    EXPECT_EQ(again.exit_code, 0) << again.output();
  }
}

TEST(ApplyEnum, PrismaReplacementStopsOnARemovedValueInUseAndAppliesOnceItIsGone) {
  MigrationFolder folder = copy_of("prisma", 2);  // init and ADD VALUE 'OWNER'
  Db db(fresh_database("enum_prisma"));
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, db, "dsql-local")).exit_code, 0);
  EXPECT_EQ(enum_types(db), 0);
  db.exec("INSERT INTO \"User\" (email, role) VALUES ('a@example.com', 'USER'), ('b@example.com', 'GUEST'), "
          "('c@example.com', 'GUEST'), ('d@example.com', 'OWNER')");
  EXPECT_EQ(insert_state(db, "INSERT INTO \"User\" (email, role) VALUES ('x@example.com', 'bogus')"), "23514");

  // The replacement removes GUEST, which two rows hold: apply stops, naming it, and
  // changes nothing (not even the DROP DEFAULT that comes first in the file).
  add_file(folder, "prisma", "0002_remove_guest.sql");
  const std::string before = db.schema();
  const ProcessResult stopped = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_NE(stopped.exit_code, 0) << stopped.output();
  EXPECT_NE(stopped.output().find("'GUEST' (2 rows)"), npos) << stopped.output();
  EXPECT_NE(stopped.output().find("enum Role_new does not have"), npos) << stopped.output();
  EXPECT_EQ(db.schema(), before);
  EXPECT_EQ(db.row("SELECT count(*) FROM \"User\""), "4");

  // Once the rows are moved, the same apply finishes: GUEST is refused, the rest allowed.
  db.exec("UPDATE \"User\" SET role = 'USER' WHERE role = 'GUEST'");
  const ProcessResult done = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(done.exit_code, 0) << done.output();
  EXPECT_EQ(enum_types(db), 0);
  expect_values(db, {{"INSERT INTO \"User\" (email, role) VALUES ('n{}@example.com', '{}')", {"USER", "ADMIN", "OWNER"}}},
                "23514");
  EXPECT_EQ(insert_state(db, "INSERT INTO \"User\" (email, role) VALUES ('g@example.com', 'GUEST')"), "23514");
  EXPECT_EQ(db.row("SELECT column_default FROM information_schema.columns WHERE table_name = 'User' AND "
                   "column_name = 'role'"),
            "'USER'::text");
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'User_role_check%'"), "1");

  // The same three files on PostgreSQL: real enums, and the same refusal of GUEST.
  Db native(fresh_database("enum_prisma_pg"));
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, native, "postgres")).exit_code, 0);
  EXPECT_GT(enum_types(native), 0);
  EXPECT_EQ(insert_state(native, "INSERT INTO \"User\" (email, role) VALUES ('g@example.com', 'GUEST')"), "22P02");
}

TEST(ApplyEnum, RenameValueRewritesEveryRowInBatchesOfAtMostThreeThousand) {
  MigrationFolder folder("enum-rename");
  folder.write("0000_init.sql", {"CREATE TYPE \"tier\" AS ENUM ('basic', 'pro')",
                                 "CREATE TABLE \"plans\" (\"id\" bigint PRIMARY KEY, \"tier\" \"tier\" NOT NULL)"});
  Db db(fresh_database("enum_rename"));
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, db, "dsql-local")).exit_code, 0);
  db.exec("INSERT INTO plans SELECT g, CASE WHEN g % 10 = 0 THEN 'basic' ELSE 'pro' END FROM generate_series(1, 7000) g");
  folder.write("0001_rename.sql", {"ALTER TYPE \"tier\" RENAME VALUE 'pro' TO 'premium'"});
  // dsql-local refuses a transaction that changes more than 3,000 rows, as DSQL does.
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_NE(run.out.find("6300 rows changed in batches"), npos) << run.out;
  EXPECT_EQ(db.row("SELECT count(*) FILTER (WHERE tier = 'premium'), count(*) FILTER (WHERE tier = 'basic'), "
                   "count(*) FROM plans"),
            "6300 700 7000");
  EXPECT_EQ(insert_state(db, "INSERT INTO plans VALUES (7001, 'pro')"), "23514");
  EXPECT_EQ(insert_state(db, "INSERT INTO plans VALUES (7002, 'premium')"), "");
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'plans_tier_check%'"), "1");
}

TEST(ApplyEnum, EnumColumnAddedWithADefaultRebuildsTheTableAsTextWithItsCheck) {
  // Drizzle's ADD COLUMN "status" "status" DEFAULT 'active' NOT NULL on a table with rows:
  // DSQL's ADD COLUMN takes neither, so apply rebuilds the table, whose new column must be
  // text with the enum's CHECK (the type does not exist on DSQL).
  MigrationFolder folder("enum-add-rebuild");
  folder.write("0000_init.sql", {"CREATE TYPE \"public\".\"status\" AS ENUM('active', 'paused')",
                                 "CREATE TABLE \"accounts\" (\"id\" integer PRIMARY KEY NOT NULL)",
                                 "INSERT INTO \"accounts\" VALUES (1)"});
  folder.write("0001_add.sql", {"ALTER TABLE \"accounts\" ADD COLUMN \"status\" \"status\" DEFAULT 'active' NOT NULL"});
  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", folder.path(), "--provider", "aurora-dsql"});
  ASSERT_EQ(plan.exit_code, 0) << plan.output();
  EXPECT_NE(plan.out.find("status text NOT NULL DEFAULT 'active'"), npos) << plan.out;
  EXPECT_NE(plan.out.find("CONSTRAINT accounts_status_check CHECK (status IN ('active', 'paused'))"), npos) << plan.out;
  Db db(fresh_database("enum_add_rebuild"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT id, status FROM accounts"), "1 active");
  EXPECT_EQ(insert_state(db, "INSERT INTO accounts VALUES (2, 'paused')"), "");
  EXPECT_EQ(insert_state(db, "INSERT INTO accounts VALUES (3, 'gone')"), "23514");
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_type WHERE typname = 'status'"), "0");
}

TEST(ApplyEnum, ColumnLeavingTheEnumLosesItsCheck) {
  // On PostgreSQL a column changed from an enum to text or varchar(n) takes any value; on
  // DSQL it is text with the enum's CHECK already: text drops the CHECK, varchar(20)
  // rebuilds the table without it. "feeling" does not spell the type's name.
  MigrationFolder folder("enum-leave");
  folder.write("0000_init.sql", {R"(CREATE TYPE "mood" AS ENUM('happy', 'sad'))",
                                 R"(CREATE TABLE "people" ("id" integer PRIMARY KEY NOT NULL, "mood" "mood", )"
                                 R"("feeling" "mood"))",
                                 R"(INSERT INTO "people" VALUES (1, 'happy', 'sad'))"});
  folder.write("0001_text.sql", {R"(ALTER TABLE "people" ALTER COLUMN "mood" SET DATA TYPE text)",
                                 R"(ALTER TABLE "people" ALTER COLUMN "feeling" SET DATA TYPE varchar(20))",
                                 R"(INSERT INTO "people" VALUES (2, 'curious', 'pensive'))"});
  const std::string columns =
      "SELECT string_agg(attname || ':' || format_type(atttypid, atttypmod), ' ' ORDER BY attnum) FROM pg_attribute "
      "WHERE attrelid = 'people'::regclass AND attnum > 0 AND NOT attisdropped";
  Db native(fresh_database("enum_leave_native"));
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, native, "postgres")).exit_code, 0);
  Db db(fresh_database("enum_leave"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT string_agg(id || ' ' || mood || ' ' || feeling, ', ' ORDER BY id) FROM people"),
            "1 happy sad, 2 curious pensive");
  EXPECT_EQ(db.row(columns), native.row(columns));
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'people'::regclass"), "0");
  EXPECT_EQ(insert_state(db, "INSERT INTO people VALUES (3, 'bored', 'x')"), "");
  const ProcessResult rehearsed = run_dsqlint_with({"rehearse", "--folder", folder.path()});
  ASSERT_EQ(rehearsed.exit_code, 0) << rehearsed.output();
  EXPECT_NE(rehearsed.out.find("the folder applies as DSQL will run it"), npos) << rehearsed.out;
}

TEST(ApplyEnum, PlanShowsTheEmulatedStatements) {
  const MigrationFolder folder = copy_of("prisma");
  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", folder.path(), "--provider", "aurora-dsql"});
  ASSERT_EQ(plan.exit_code, 0) << plan.output();
  EXPECT_NE(plan.out.find("emulated statement 1: DSQL has no CREATE TYPE, so enum Role is emulated"), npos) << plan.out;
  EXPECT_NE(plan.out.find("CONSTRAINT \"User_role_check\" CHECK (role IN ('USER', 'ADMIN', 'GUEST'))"), npos)
      << plan.out;
  EXPECT_NE(plan.out.find("ADD CONSTRAINT \"User_role_check_next\" CHECK (role IN ('USER', 'ADMIN', 'GUEST', "
                          "'OWNER')) NOT VALID"),
            npos)
      << plan.out;
  EXPECT_NE(plan.out.find("ALTER TABLE ASYNC public.\"User\" VALIDATE CONSTRAINT \"User_role_check_next\""), npos)
      << plan.out;
  EXPECT_NE(plan.out.find("stop, changing nothing, if it returns a row"), npos) << plan.out;
}

}  // namespace
}  // namespace dsqlint::testing
