// apply and status around table rebuilds and unfinished runs, against a real server:
// a kill at every rebuild phase loses no row; status --json reports every state.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "apply_test_support.h"
#include "../pg_test_server.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

/// A table of 7,000 rows (several copy batches) whose price column is widened: RECREATION.
void write_rebuild_folder(const MigrationFolder& folder) {
  folder.write("0001_prices.sql",
               {R"(CREATE TABLE "prices" ("id" integer PRIMARY KEY NOT NULL, "price" numeric(12, 2) NOT NULL, )"
                R"("label" text))",
                R"(CREATE INDEX ASYNC "prices_label_idx" ON "prices" ("label"))"});
  // Seeded outside the migrations: a DML step of 7,000 rows would break DSQL's row limit.
  folder.write("0002_wider.sql", {R"(ALTER TABLE "prices" ALTER COLUMN "price" SET DATA TYPE numeric(18, 4))"});
}

void seed_prices(Db& db) {
  db.exec(R"(INSERT INTO "prices" SELECT g, g * 1.25, 'p' || g FROM generate_series(1, 7000) g)");
}

/// `db` as the rebuild finds it: the first file applied and its 7,000 rows seeded.
void apply_first_and_seed(const MigrationFolder& folder, Db& db) {
  folder.remove("0002_wider.sql");
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, db, "dsql-local")).exit_code, 0);
  seed_prices(db);
  write_rebuild_folder(folder);
}

/// The schema of a run of the whole folder that nothing interrupted.
std::string clean_rebuild_schema(const MigrationFolder& folder, const std::string& name) {
  Db reference(fresh_database(name));
  apply_first_and_seed(folder, reference);
  const ProcessResult clean = run_dsqlint_with(apply_args(folder, reference, "dsql-local"));
  EXPECT_EQ(clean.exit_code, 0) << clean.output();
  return reference.schema();
}

/// The rows the rebuild's new table holds: empty when there is no such table.
std::string rows_in_new_table(Db& db) {
  return db.row(
      R"(SELECT (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', relname), false, true, '')))[1]::text )"
      R"(FROM pg_class WHERE relkind = 'r' AND relname LIKE 'prices\_\_mantle\_new%')");
}

const DataChecks kPriceChecks = {
    {R"(SELECT count(*), count(DISTINCT id), sum(CASE WHEN price = id * 1.25 AND label = 'p' || id THEN 1 ELSE 0 END) )"
     R"(FROM "prices")",
     "7000 7000 7000"},
    {R"(SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'prices'::regclass AND attname = 'price')",
     "numeric(18,4)"},
    {R"(SELECT count(*) FROM pg_class WHERE relname LIKE 'prices\_\_mantle%')", "0"},
};

/// After apply stopped between copy batches: the lock is free, the old table holds every
/// row and the new one part of them, as the message says; the rerun copies only the rest
/// and loses nothing.
void expect_stopped_copy_resumes(Db& db, const MigrationFolder& folder, const std::string& clean_schema,
                                 const ProcessResult& stopped) {
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_lock WHERE owner_id IS NOT NULL"), "0")
      << "the lock is released";
  EXPECT_EQ(db.row(R"(SELECT count(*) FROM "prices")"), "7000");
  const std::string copied = rows_in_new_table(db);
  ASSERT_FALSE(copied.empty()) << "the new table of the rebuild is gone";
  EXPECT_GT(std::stol(copied), 0);
  EXPECT_LT(std::stol(copied), 7000) << "the whole table was copied before the stop was heeded";
  EXPECT_NE(stopped.err.find(fmt::format("stopped between copy batches with {} of 7000 rows copied and committed", copied)),
            npos) << stopped.err;
  const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
  EXPECT_NE(rerun.out.find("resuming"), npos) << rerun.out;
  EXPECT_NE(rerun.out.find(fmt::format("7000 rows ({} copied now", 7000 - std::stol(copied))), npos)
      << "the rerun copies only the rows the first run had not\n" << rerun.out;
  expect_nothing_lost(db, folder, clean_schema, kPriceChecks);
}

TEST(ApplyFaults, KillAtEveryRebuildPhaseThenRerunKeepsEveryRow) {
  MigrationFolder folder("rebuild-phases");
  write_rebuild_folder(folder);
  const std::string clean_schema = clean_rebuild_schema(folder, "rebuild_clean");
  for (const char* phase : {"created", "batch", "copied", "verified", "indexed", "renamed_old", "renamed_new", "dropped",
                            "finished"}) {
    SCOPED_TRACE(phase);
    Db db(fresh_database("rebuild_kill"));
    ASSERT_NO_FATAL_FAILURE(apply_first_and_seed(folder, db));
    ASSERT_EQ(kill_at(folder, db, "dsql-local", fmt::format("recreate:0002_wider.sql:0:{}", phase)).signal, SIGKILL);
    // Whatever the phase, one table holds every row.
    const std::string holders = db.row(
        R"(SELECT string_agg(relname, ',') FROM pg_class WHERE relkind = 'r' AND relname LIKE 'prices%' )"
        R"(AND (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', relname), false, true, '')))[1]::text = '7000')");
    EXPECT_FALSE(holders.empty()) << "no table holds all 7,000 rows after a kill at " << phase;
    expire_lease(db);
    const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
    EXPECT_NE(rerun.out.find("resuming"), npos) << rerun.out;
    expect_nothing_lost(db, folder, clean_schema, kPriceChecks);
  }
}

TEST(ApplyFaults, SigtermStopsARebuildBetweenCopyBatchesAndTheRerunFinishesIt) {
  MigrationFolder folder("rebuild-sigterm");
  write_rebuild_folder(folder);
  const std::string clean_schema = clean_rebuild_schema(folder, "rebuild_sigterm_clean");
  Db db(fresh_database("rebuild_sigterm"));
  ASSERT_NO_FATAL_FAILURE(apply_first_and_seed(folder, db));
  DsqlintProcess runner(apply_args(folder, db, "dsql-local"), {"DSQLINT_TEST_STOP_AT=recreate:0002_wider.sql:0:batch"});
  ASSERT_TRUE(runner.wait_stopped(std::chrono::seconds(30))) << runner.wait().output();
  kill(runner.pid(), SIGTERM);  // after the first of several batches of 7,000 rows
  runner.resume();
  if (runner.wait_stopped(std::chrono::seconds(30))) {  // at the next batch's checkpoint: the signal went unheeded
    kill(runner.pid(), SIGKILL);
    runner.resume();
    FAIL() << "the rebuild went on to its next copy batch after SIGTERM\n" << runner.wait().output();
  }
  const ProcessResult stopped = runner.wait();
  EXPECT_EQ(stopped.exit_code, 6) << stopped.output();
  expect_stopped_copy_resumes(db, folder, clean_schema, stopped);
}

// The stop time (a Lambda invocation's deadline, less a margin) comes during the copy: the
// rebuild stops at the next batch, as on SIGTERM, and the next invocation resumes it.
TEST(ApplyFaults, StopTimeEndsARebuildBetweenCopyBatchesAndTheRerunFinishesIt) {
  MigrationFolder folder("rebuild-stop-time");
  write_rebuild_folder(folder);
  const std::string clean_schema = clean_rebuild_schema(folder, "rebuild_stop_time_clean");
  Db db(fresh_database("rebuild_stop_time"));
  ASSERT_NO_FATAL_FAILURE(apply_first_and_seed(folder, db));
  const ProcessResult stopped = run_dsqlint_with(
      apply_args(folder, db, "dsql-local"), {"DSQLINT_TEST_STOP_TIME_AT=recreate:0002_wider.sql:0:batch"});
  EXPECT_EQ(stopped.exit_code, 6) << stopped.output();
  EXPECT_NE(stopped.err.find("stopped at the stop time"), npos) << stopped.err;
  expect_stopped_copy_resumes(db, folder, clean_schema, stopped);
}

TEST(ApplyFaults, StatusJsonReportsEveryStateAndTheLock) {
  MigrationFolder folder("status-json");
  write_mixed_folder(folder);
  Db db(fresh_database("status_json"));
  const auto status = [&] {
    return run_dsqlint_with({"status", "--json", "--folder", folder.path(), "--connection-string", db.conninfo(),
                             "--provider", "dsql-local"});
  };
  const ProcessResult empty = status();
  EXPECT_EQ(empty.exit_code, 10) << "pending\n" << empty.output();
  auto json = nlohmann::json::parse(empty.out);
  EXPECT_EQ(json["version"], 1);
  EXPECT_EQ(json["migrations"].size(), 3u);
  EXPECT_EQ(json["migrations"][0]["state"], "pending");
  EXPECT_EQ(json["lock"]["held"], false);

  ASSERT_EQ(kill_at(folder, db, "dsql-local", "before:0002_columns.sql:2").signal, SIGKILL);
  const ProcessResult interrupted = status();
  EXPECT_EQ(interrupted.exit_code, 11) << interrupted.output();
  json = nlohmann::json::parse(interrupted.out);
  EXPECT_EQ(json["migrations"][0]["state"], "applied");
  EXPECT_EQ(json["migrations"][0]["sha256"], file_sha256(folder, "0001_seed.sql"));
  EXPECT_FALSE(json["migrations"][0]["applied_at"].is_null());
  EXPECT_EQ(json["migrations"][1]["state"], "running");
  EXPECT_EQ(json["migrations"][1]["steps_done"], 2);
  EXPECT_EQ(json["migrations"][1]["steps_total"], 5);
  EXPECT_EQ(json["migrations"][1]["skipped"], 1) << "the stripped RLS statement stays visible";
  EXPECT_EQ(json["migrations"][2]["state"], "pending");
  EXPECT_EQ(json["lock"]["held"], true) << "the killed runner's lease is still fresh";
  EXPECT_NE(json["lock"]["owner"].get<std::string>().find(" pid "), std::string::npos);

  expire_lease(db);
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, db, "dsql-local")).exit_code, 0);
  folder.remove("0003_more.sql");
  const ProcessResult done = status();
  EXPECT_EQ(done.exit_code, 0) << done.output();
  json = nlohmann::json::parse(done.out);
  EXPECT_EQ(json["migrations"][2]["state"], "missing");
  EXPECT_EQ(json["migrations"][2]["file"], "0003_more.sql");
  EXPECT_EQ(json["lock"]["held"], false);
}

TEST(ApplyFaults, UnsupportedStatementRefusesTheFolderBeforeAnythingRuns) {
  MigrationFolder folder("unsupported");
  folder.write("0001_table.sql", {R"(CREATE TABLE "t" ("id" integer PRIMARY KEY NOT NULL))"});
  folder.write("0002_trigger.sql",
               {R"(CREATE TRIGGER "t_touch" BEFORE UPDATE ON "t" FOR EACH ROW EXECUTE FUNCTION touch())"});
  Db db(fresh_database("unsupported"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(run.exit_code, 4) << run.output();
  EXPECT_NE(run.err.find("0002_trigger.sql statement 1 cannot run on dsql-local"), npos) << run.err;
  EXPECT_NE(run.err.find("nothing was applied"), npos) << run.err;
  EXPECT_FALSE(db.table_exists("t")) << "the good file before it did not run either";
  EXPECT_FALSE(db.table_exists("__mantle_migrations")) << "refused before touching the database";
}

TEST(ApplyFaults, NoLockAppliesWithoutTouchingTheLease) {
  MigrationFolder folder("no-lock");
  write_mixed_folder(folder);
  const std::string clean = clean_run_schema(folder, "dsql-local");
  Db db(fresh_database("no_lock"));
  db.exec("CREATE TABLE __mantle_migration_lock (lock_name text PRIMARY KEY, owner_id text, fencing_token bigint NOT NULL "
          "DEFAULT 0, acquired_at timestamptz, heartbeat_at timestamptz, expires_at timestamptz)");
  db.exec("INSERT INTO __mantle_migration_lock VALUES ('apply', 'someone else', 5, now(), now(), now() + interval '1 hour')");
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local", {"--no-lock"}));
  EXPECT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(run.out.find("lock: acquired"), npos) << run.out;
  EXPECT_EQ(db.row("SELECT owner_id, fencing_token FROM __mantle_migration_lock"), "someone else 5")
      << "--no-lock neither takes nor releases the lease";
  EXPECT_EQ(db.schema(), clean);
}

TEST(ApplyFaults, SerializationConflictIsRetriedAndCounted) {
  MigrationFolder folder("conflict");
  folder.write("0001_items.sql", {R"(CREATE TABLE "items" ("id" integer PRIMARY KEY NOT NULL, "v" integer NOT NULL))",
                                  R"(INSERT INTO "items" SELECT g, g FROM generate_series(1, 100) g)"});
  folder.write("0002_bump.sql", {R"(UPDATE "items" SET "v" = "v" + 1)"});
  Db db(fresh_database("conflict"));
  // Under REPEATABLE READ, updating a row a concurrent transaction changed and committed is
  // SQLSTATE 40001, as DSQL's OC000 is.
  db.exec(R"(DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_isolation = ''repeatable read''', )"
          R"(current_database()); END $$)");
  DsqlintProcess runner(apply_args(folder, db, "dsql-local"), {"DSQLINT_TEST_STOP_AT=before:0002_bump.sql:0"});
  ASSERT_TRUE(runner.wait_stopped(std::chrono::seconds(30))) << runner.wait().output();
  Db writer(db.conninfo());
  writer.exec("BEGIN");
  writer.exec(R"(UPDATE "items" SET "v" = "v" + 1000 WHERE "id" = 50)");
  runner.resume();  // its UPDATE waits for row 50, then conflicts when the writer commits
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  writer.exec("COMMIT");
  const ProcessResult run = runner.wait();
  EXPECT_EQ(run.exit_code, 0) << run.output();
  EXPECT_NE(run.out.find("retry 1/10 40001"), npos) << run.out;
  EXPECT_NE(run.out.find("1 OCC retries"), npos) << run.out;
  EXPECT_EQ(db.row(R"(SELECT count(*), sum(CASE WHEN "v" = "id" + 1 + CASE WHEN "id" = 50 THEN 1000 ELSE 0 END )"
                   R"(THEN 1 ELSE 0 END) FROM "items")"),
            "100 100")
      << "the bump ran exactly once, after the concurrent write";
}

}  // namespace
}  // namespace dsqlint::testing
