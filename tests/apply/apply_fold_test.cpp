// Folding into CREATE TABLE, through the real `dsqlint apply` on the real server: each file
// of fixtures/rules/fold-into-create-table (the issue's example, Prisma's and Drizzle's first
// migrations, rows written before the ALTER) applied with dsql-local leaves the schema that
// the file as written gives on plain PostgreSQL, with the folded statements recorded.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fmt/format.h>
#include <sstream>

#include "../pg_test_server.h"
#include "../fixture_expectations.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;
const std::string kFixtures = std::string(DSQLINT_SOURCE_DIR) + "/fixtures/rules/fold-into-create-table/";

/// A folder holding one fixture file, as `0001_<name>.sql`.
MigrationFolder folder_of(const std::string& name) {
  MigrationFolder folder("fold-" + name);
  folder.write_bytes("0001_" + name + ".sql", read_text_file(kFixtures + name + ".sql"));
  return folder;
}

/// A folded CREATE UNIQUE INDEX is a UNIQUE constraint of the same name (the issue asks for
/// it: no index job); its index is the same. The one line the schemas may differ by.
std::string without_constraints(const std::string& schema, const std::vector<std::string>& folded_unique) {
  std::istringstream lines(schema);
  std::string out, line;
  while (std::getline(lines, line)) {
    bool skip = false;
    for (const std::string& name : folded_unique)
      skip = skip || (line.starts_with("constraint ") && line.find(" " + name + " UNIQUE ") != npos);
    if (!skip) out += line + "\n";
  }
  return out;
}

struct Shape {
  std::string name;
  std::vector<std::string> folded_unique;  ///< unique indexes that became constraints
  int folded;                              ///< statements recorded as folded
  DataChecks checks;                       ///< rows that must survive
};

const std::vector<Shape> kShapes = {
    {"example", {}, 6, {}},
    {"prisma_init", {"User_email_key"}, 2, {}},
    {"drizzle_init", {"users_email_idx"}, 6, {}},
    {"rows_written", {}, 0, {{"SELECT count(*), min(v) FROM b", "1 one"}}},
};

TEST(ApplyFold, EachShapeLeavesTheSchemaThePlainFileGivesOnPostgres) {
  for (const Shape& shape : kShapes) {
    SCOPED_TRACE(shape.name);
    const MigrationFolder folder = folder_of(shape.name);
    Db native(fresh_database("fold_native"));
    const ProcessResult plain = run_dsqlint_with(apply_args(folder, native, "postgres"));
    ASSERT_EQ(plain.exit_code, 0) << plain.output();
    EXPECT_EQ(plain.out.find("folded into"), npos) << "PostgreSQL runs the file as written\n" << plain.out;

    Db db(fresh_database("fold"));
    const ProcessResult folded = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(folded.exit_code, 0) << folded.output();
    size_t noted = 0;
    for (size_t at = folded.out.find(": nothing to run"); at != npos; at = folded.out.find(": nothing to run", at + 1))
      ++noted;
    EXPECT_EQ(noted, static_cast<size_t>(shape.folded)) << folded.out;
    if (shape.name != "rows_written")
      EXPECT_EQ(folded.out.find("recreate"), npos) << "a table created by the file is not rebuilt\n" << folded.out;

    const std::string expected = native.schema();
    EXPECT_EQ(without_constraints(db.schema(), shape.folded_unique), expected);
    for (const std::string& name : shape.folded_unique)
      EXPECT_NE(db.schema().find(" " + name + " UNIQUE "), npos) << name << " is a UNIQUE constraint";
    for (const auto& [sql, row] : shape.checks) {
      EXPECT_EQ(native.row(sql), row) << sql;
      EXPECT_EQ(db.row(sql), row) << sql;
    }
    // Recorded once, applied, every statement (folded ones too) counted as done.
    EXPECT_EQ(db.row("SELECT count(*), min(state), bool_and(statements_done = statements_total) FROM __mantle_migrations"),
              "1 applied t");
    // A second apply finds nothing to do and changes nothing.
    const std::string recorded = "SELECT string_agg(filename || ' ' || finished_at, ',') FROM __mantle_migrations";
    const std::string applied = db.row(recorded) + db.schema();
    const ProcessResult again = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(again.exit_code, 0) << again.output();
    EXPECT_EQ(db.row(recorded) + db.schema(), applied);
  }
}

TEST(ApplyFold, WhatFixWritesAppliesToTheSameSchema) {
  for (const Shape& shape : kShapes) {
    SCOPED_TRACE(shape.name);
    const MigrationFolder folder = folder_of(shape.name);
    const std::string file = "0001_" + shape.name + ".sql";
    Db native(fresh_database("fold_fix_native"));
    ASSERT_EQ(run_dsqlint_with(apply_args(folder, native, "postgres")).exit_code, 0);
    const ProcessResult fixed = run_dsqlint_with({"fix", "--fail-on", "never", folder.path()});
    ASSERT_EQ(fixed.exit_code, 0) << fixed.output();
    const std::string text = folder.read(file);
    if (shape.folded > 0) EXPECT_NE(text.find("/* folded into CREATE TABLE"), npos) << text;
    EXPECT_NE(text.find("-- expect:"), npos) << "the file's comments stay\n" << text;
    // Nothing is left to fold: the fixed file holds the folded CREATE TABLEs itself.
    const ProcessResult check = run_dsqlint_with({"check", "--format", "gcc", "--fail-on", "never", folder.path()});
    EXPECT_EQ(check.out.find("folded into CREATE TABLE"), npos) << check.out;
    Db db(fresh_database("fold_fix"));
    const ProcessResult applied = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(applied.exit_code, 0) << applied.output();
    EXPECT_EQ(without_constraints(db.schema(), shape.folded_unique), native.schema());
  }
}

TEST(ApplyFold, RowsWrittenBeforeTheAlterMeanARebuildNotAFold) {
  const MigrationFolder folder = folder_of("rows_written");
  const ProcessResult check = run_dsqlint_with({"check", "--format", "gcc", "--fail-on", "never", folder.path()});
  EXPECT_NE(check.out.find("alter-add-primary-key"), npos) << check.out;
  EXPECT_EQ(check.out.find("folded into"), npos) << check.out;
  Db db(fresh_database("fold_rows"));
  const ProcessResult applied = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(applied.exit_code, 0) << applied.output();
  EXPECT_NE(applied.out.find("copy b -> "), npos) << "the table with a row is rebuilt\n" << applied.out;
  EXPECT_EQ(db.row("SELECT count(*), min(v) FROM b"), "1 one");
  EXPECT_EQ(db.row("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'b_pkey'"), "PRIMARY KEY (id)");
}

TEST(ApplyFold, KilledAfterTheFoldedCreateTheRerunFinishes) {
  const MigrationFolder folder = folder_of("drizzle_init");
  const std::string clean = clean_run_schema(folder, "dsql-local");
  Db db(fresh_database("fold_kill"));
  // Step 1 is the folded CREATE TABLE posts: committed, not yet recorded.
  ASSERT_EQ(kill_at(folder, db, "dsql-local", "committed:0001_drizzle_init.sql:1").signal, SIGKILL);
  EXPECT_TRUE(db.table_exists("posts"));
  expire_lease(db);
  const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output();
  EXPECT_NE(rerun.out.find("assumed applied: 42P07"), npos) << rerun.out;
  expect_nothing_lost(db, folder, clean, {});
}

TEST(ApplyFold, AFoldedCreateOnATableThatAlreadyExistsStopsInsteadOfSkipping) {
  const MigrationFolder folder = folder_of("example");
  Db db(fresh_database("fold_exists"));
  db.exec("CREATE TABLE a (id int, v text, n int)");
  const ProcessResult applied = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_NE(applied.exit_code, 0) << applied.output();
  EXPECT_NE(applied.output().find("42P07"), npos) << applied.output();
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_constraint WHERE conrelid = 'a'::regclass"), "0") << "nothing changed";
}

TEST(ApplyFold, RehearseAppliesEveryShape) {
  MigrationFolder folder("fold-rehearse");
  for (const Shape& shape : kShapes)
    folder.write_bytes(fmt::format("000{}_{}.sql", &shape - kShapes.data() + 1, shape.name),
                       read_text_file(kFixtures + shape.name + ".sql"));
  const ProcessResult run = run_dsqlint_with({"rehearse", "--folder", folder.path()});
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_NE(run.out.find("folded into CREATE TABLE, statement 1: nothing to run"), npos) << run.out;
  EXPECT_NE(run.out.find("rehearsal: the folder applies as DSQL will run it"), npos) << run.out;
  // The check of the same folder promises that: no rebuild of a table the file created.
  const ProcessResult check = run_dsqlint_with({"check", "--format", "json", "--fail-on", "never", folder.path()});
  EXPECT_EQ(check.out.find("\"class\":\"UNSUPPORTED\""), npos) << check.out;
}

/// The columns of a relation, in order, separated by spaces.
std::string columns_of(Db& db, const std::string& relation) {
  return db.row("SELECT string_agg(attname, ' ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '" + relation +
                "'::regclass AND attnum > 0 AND NOT attisdropped");
}

TEST(ApplyFold, AViewCreatedOnTheTableKeepsTheColumnsItSawThen) {
  // PostgreSQL expands the view's * when it creates the view, and LIKE copies the columns
  // of the moment: folding the later ADD COLUMN into the CREATE TABLE would give the view
  // and the copy the new column.
  MigrationFolder folder("fold-view");
  folder.write("0001_notes.sql", {R"(CREATE TABLE "notes" ("id" integer NOT NULL, "body" text))",
                                  R"(CREATE VIEW "notes_all" AS SELECT * FROM "notes")",
                                  R"(ALTER TABLE "notes" ADD COLUMN "author" text DEFAULT 'anon')",
                                  R"(CREATE TABLE "tags" ("id" integer PRIMARY KEY NOT NULL))",
                                  R"(CREATE TABLE "tag_copy" (LIKE "tags"))",
                                  R"(ALTER TABLE "tags" ADD COLUMN "label" text DEFAULT 'none')"});
  Db native(fresh_database("fold_view_native"));
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, native, "postgres")).exit_code, 0);
  ASSERT_EQ(columns_of(native, "notes_all"), "id body");
  ASSERT_EQ(columns_of(native, "tag_copy"), "id");
  Db db(fresh_database("fold_view"));
  const ProcessResult applied = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(applied.exit_code, 0) << applied.output();
  EXPECT_EQ(applied.out.find("folded into"), npos) << applied.out;
  for (const std::string relation : {"notes_all", "notes", "tag_copy", "tags"})
    EXPECT_EQ(columns_of(db, relation), columns_of(native, relation)) << relation;
  EXPECT_EQ(db.row("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'notes'::regclass"),
            "'anon'::text");
  const ProcessResult rehearsed = run_dsqlint_with({"rehearse", "--folder", folder.path()});
  ASSERT_EQ(rehearsed.exit_code, 0) << rehearsed.output();
  EXPECT_NE(rehearsed.out.find("the folder applies as DSQL will run it"), npos) << rehearsed.out;
}

}  // namespace
}  // namespace dsqlint::testing
