// Fault injection for `dsqlint apply` against a real PostgreSQL: crashes at every step
// boundary, DDL committed without its marker, racing runners, a paused runner, stale and
// fresh leases, edited/renamed/reordered/deleted files, a killed connection, --dry-run,
// DSQL's row limit and the whole bench corpus. After each, the "nothing lost" oracle of
// runner-research.md §8 (expect_nothing_lost).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "apply_test_support.h"
#include "../pg_test_server.h"
#include "../run_command.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

TEST(ApplyFaults, KillAtEveryStepBoundaryThenRerunLosesNothing) {
  MigrationFolder folder("kill-every-boundary");
  write_mixed_folder(folder);
  std::map<std::string, int> steps;
  const std::string clean = clean_run_schema(folder, "dsql-local", &steps);
  ASSERT_EQ(steps.size(), 3u);
  int boundaries = 0;
  for (const auto& [file, count] : steps)
    for (int step = 0; step < count; ++step)
      for (const char* when : {"before", "after"}) {
        const std::string point = fmt::format("{}:{}:{}", when, file, step);
        SCOPED_TRACE(point);
        Db db(fresh_database("kill"));
        if (kill_at(folder, db, "dsql-local", point).signal != SIGKILL) continue;
        expire_lease(db);
        const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
        EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
        EXPECT_NE(rerun.out.find(file + "  sha256:"), npos) << rerun.out;
        EXPECT_NE(rerun.out.find("resuming"), npos) << rerun.out;
        EXPECT_EQ(rerun.output().find("assumed applied"), npos) << "every marker was committed\n" << rerun.output();
        expect_nothing_lost(db, folder, clean, mixed_data_checks());
        ++boundaries;
      }
  EXPECT_EQ(boundaries, 2 * (3 + 5 + 5));
}

TEST(ApplyFaults, DdlCommittedWithoutItsMarkerIsAssumedAppliedOnResume) {
  MigrationFolder folder("ddl-without-marker");
  write_mixed_folder(folder);
  const std::string clean = clean_run_schema(folder, "dsql-local");
  struct Case {
    std::string file;
    int step;
    std::string what;
  };
  for (const Case& c : {
           Case{"0003_more.sql", 0, "CREATE TABLE"},
           Case{"0002_columns.sql", 0, "ADD COLUMN"},
           Case{"0003_more.sql", 3, "ADD COLUMN"},
           Case{"0002_columns.sql", 2, "CREATE INDEX"},
       }) {
    SCOPED_TRACE(c.file + " step " + std::to_string(c.step) + ": " + c.what);
    Db db(fresh_database("marker"));
    // Killed after the server committed the DDL and before its step marker.
    ASSERT_EQ(kill_at(folder, db, "dsql-local", fmt::format("committed:{}:{}", c.file, c.step)).signal, SIGKILL);
    expire_lease(db);
    const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
    EXPECT_NE(rerun.out.find("assumed applied"), npos) << rerun.out;
    expect_nothing_lost(db, folder, clean, mixed_data_checks());
    EXPECT_EQ(db.row("SELECT assumed_applied FROM __mantle_migrations WHERE filename = '" + c.file + "'"), "1");
    EXPECT_EQ(db.row(fmt::format("SELECT s.state FROM __mantle_migration_steps s JOIN __mantle_migrations m "
                                 "USING (migration_sha256) WHERE m.filename = '{}' AND s.step_index = {}",
                                 c.file, c.step)),
              "assumed_applied");
  }
}

TEST(ApplyFaults, RenamesAndDropsCommittedWithoutTheirMarkerAreAssumedApplied) {
  // The second run of a rename or a drop that did commit fails (42703, 42P01): the catalog
  // says whether it ran, as for the CREATEs above.
  MigrationFolder folder("marker-renames");
  folder.write("0001_t.sql", {R"(CREATE TABLE "t" ("id" bigint PRIMARY KEY, "a" text, "b" text))",
                              R"(INSERT INTO "t" VALUES (1, 'x', 'y'))"});
  folder.write("0002_renames.sql", {R"(ALTER TABLE "t" RENAME COLUMN "b" TO "c")", R"(ALTER TABLE "t" DROP COLUMN "a")",
                                    R"(ALTER TABLE "t" RENAME TO "u")"});
  const std::string clean = clean_run_schema(folder, "dsql-local");
  for (int step = 0; step < 3; ++step) {
    SCOPED_TRACE("step " + std::to_string(step));
    Db db(fresh_database("marker_renames"));
    ASSERT_EQ(kill_at(folder, db, "dsql-local", fmt::format("committed:0002_renames.sql:{}", step)).signal, SIGKILL);
    expire_lease(db);
    const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
    EXPECT_NE(rerun.out.find("assumed applied"), npos) << rerun.out;
    expect_nothing_lost(db, folder, clean, {{"SELECT id || ':' || c FROM u", "1:y"}});
  }
}

TEST(ApplyFaults, ExistingTableForAStepThatNeverRanIsDriftNotAssumedApplied) {
  MigrationFolder folder("drift");
  write_mixed_folder(folder);
  {
    SCOPED_TRACE("a fresh migration");
    Db db(fresh_database("drift_fresh"));
    db.exec(R"(CREATE TABLE "items" ("id" integer PRIMARY KEY NOT NULL, "v" integer NOT NULL))");
    const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(run.exit_code, 1) << run.output();
    EXPECT_NE(run.err.find("42P07"), npos) << run.err;
    EXPECT_EQ(run.output().find("assumed applied"), npos) << run.output();
    EXPECT_FALSE(db.table_exists("events"));
    EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_lock WHERE owner_id IS NOT NULL"), "0");
    const ProcessResult again = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(again.exit_code, 1) << "the drift is refused on the second try too\n" << again.output();
    EXPECT_EQ(again.output().find("assumed applied"), npos) << again.output();
  }
  {
    SCOPED_TRACE("a resumed migration, on a step after the one whose outcome is unknown");
    Db db(fresh_database("drift_resumed"));
    ASSERT_EQ(kill_at(folder, db, "dsql-local", "before:0001_seed.sql:1").signal, SIGKILL);
    db.exec(R"(CREATE TABLE "events" ("note" text NOT NULL, "at" integer NOT NULL))");
    expire_lease(db);
    const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(rerun.exit_code, 1) << "step 3 never started, so 42P07 there is drift\n" << rerun.output();
    EXPECT_NE(rerun.err.find("42P07"), npos) << rerun.err;
    EXPECT_EQ(rerun.output().find("assumed applied"), npos) << rerun.output();
  }
}

/// Starts `count` applies at the same instant; exactly one of them applies `files` files,
/// the others wait for the lock and find nothing to do.
void race(int count, const MigrationFolder& folder, Db& db, int files) {
  StartGate gate;
  std::vector<std::unique_ptr<DsqlintProcess>> runners;
  for (int i = 0; i < count; ++i)
    runners.push_back(
        std::make_unique<DsqlintProcess>(apply_args(folder, db, "dsql-local", {"--lock-wait", "60"}),
                                         std::vector<std::string>{}, &gate));
  gate.release();
  int appliers = 0;
  for (auto& runner : runners) {
    const ProcessResult result = runner->wait();
    EXPECT_EQ(result.exit_code, 0) << result.output();
    EXPECT_EQ(result.output().find("assumed applied"), npos) << "a statement ran twice\n" << result.output();
    if (result.out.find(fmt::format("done: {} file(s) applied", files)) != npos) ++appliers;
    else EXPECT_NE(result.out.find("done: 0 file(s) applied"), npos) << result.output();
  }
  EXPECT_EQ(appliers, 1) << "exactly one runner applies the pending files";
}

TEST(ApplyFaults, RunnersStartedTogetherApplyEachStatementOnce) {
  MigrationFolder full("race-reference");
  write_mixed_folder(full);
  const std::string clean = clean_run_schema(full, "dsql-local");
  for (const int count : {2, 4, 8}) {
    SCOPED_TRACE(fmt::format("{} runners", count));
    MigrationFolder folder(fmt::format("race-{}", count));
    for (const char* file : {"0001_seed.sql", "0002_columns.sql"}) folder.write_bytes(file, full.read(file));
    Db db(fresh_database("race"));
    race(count, folder, db, 2);  // empty database: they also race to create the tracking tables
    folder.write_bytes("0003_more.sql", full.read("0003_more.sql"));
    race(count, folder, db, 1);  // pending work on a tracked database
    expect_nothing_lost(db, folder, clean, mixed_data_checks());
  }
}

TEST(ApplyFaults, PausedRunnerPastItsLeaseStopsAfterTakeover) {
  MigrationFolder folder("paused");
  write_mixed_folder(folder);
  const std::string clean = clean_run_schema(folder, "dsql-local");
  Db db(fresh_database("paused"));
  DsqlintProcess paused(apply_args(folder, db, "dsql-local", {"--lease-seconds", "2"}),
                        {"DSQLINT_TEST_STOP_AT=after:0002_columns.sql:1"});
  ASSERT_TRUE(paused.wait_stopped(std::chrono::seconds(30))) << paused.wait().output();
  const ProcessResult taker = run_dsqlint_with(apply_args(folder, db, "dsql-local", {"--lock-wait", "30"}));
  EXPECT_EQ(taker.exit_code, 0) << taker.output();
  EXPECT_NE(taker.out.find("lock: held by"), npos) << "B waited for A's lease\n" << taker.out;
  EXPECT_NE(taker.out.find("lock: acquired (token 2)"), npos) << taker.out;
  EXPECT_NE(taker.out.find("resuming"), npos) << taker.out;
  EXPECT_EQ(taker.output().find("assumed applied"), npos) << taker.output();
  const std::string before = database_state(db, mixed_data_checks());
  paused.resume();
  const ProcessResult zombie = paused.wait();
  EXPECT_EQ(zombie.exit_code, 3) << zombie.output();
  EXPECT_NE(zombie.err.find("taken over"), npos) << zombie.err;
  EXPECT_EQ(database_state(db, mixed_data_checks()), before) << "the paused runner wrote after losing its lease";
  expect_nothing_lost(db, folder, clean, mixed_data_checks());
}

TEST(ApplyFaults, SigtermFinishesTheStepReleasesTheLockAndResumes) {
  MigrationFolder folder("sigterm");
  write_mixed_folder(folder);
  const std::string clean = clean_run_schema(folder, "dsql-local");
  Db db(fresh_database("sigterm"));
  DsqlintProcess runner(apply_args(folder, db, "dsql-local"), {"DSQLINT_TEST_STOP_AT=before:0002_columns.sql:1"});
  ASSERT_TRUE(runner.wait_stopped(std::chrono::seconds(30))) << runner.wait().output();
  kill(runner.pid(), SIGTERM);  // delivered once it runs again: the step in hand finishes first
  runner.resume();
  const ProcessResult stopped = runner.wait();
  EXPECT_EQ(stopped.exit_code, 6) << stopped.output();
  EXPECT_NE(stopped.err.find("interrupted by signal"), npos) << stopped.err;
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_lock WHERE owner_id IS NOT NULL"), "0")
      << "the lock is released on SIGTERM";
  EXPECT_EQ(db.row("SELECT state FROM __mantle_migrations WHERE filename = '0002_columns.sql'"), "running");
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_steps s JOIN __mantle_migrations m USING (migration_sha256) "
                   "WHERE m.filename = '0002_columns.sql' AND s.state = 'done'"),
            "2")
      << "step 2 was in hand when the signal came, so it finished";
  const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output();
  EXPECT_NE(rerun.out.find("resuming"), npos) << rerun.out;
  expect_nothing_lost(db, folder, clean, mixed_data_checks());
}

TEST(ApplyFaults, StaleLeaseIsTakenOverAndFreshLeaseIsRespected) {
  MigrationFolder folder("leases");
  write_mixed_folder(folder);
  const std::string clean = clean_run_schema(folder, "dsql-local");
  {
    SCOPED_TRACE("a stale lease of a dead runner");
    Db db(fresh_database("stale"));
    hold_lock(db, "ghost@gone pid 1 run dead", "now() - interval '10 minutes'");
    const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(run.exit_code, 0) << run.output();
    EXPECT_NE(run.out.find("lock: acquired (token 8)"), npos) << run.out;
    expect_nothing_lost(db, folder, clean, mixed_data_checks());
  }
  SCOPED_TRACE("a fresh lease of a live runner");
  Db db(fresh_database("fresh_lease"));
  const std::string holder = "ci-42@builder pid 311 run live";
  hold_lock(db, holder, "now() + interval '10 minutes'");
  const std::string lock_row = db.row("SELECT * FROM __mantle_migration_lock");
  const ProcessResult waited = run_dsqlint_with(apply_args(folder, db, "dsql-local", {"--lock-wait", "1"}));
  EXPECT_EQ(waited.exit_code, 3) << waited.output();
  EXPECT_NE(waited.err.find(holder), npos) << waited.err;
  EXPECT_EQ(db.row("SELECT * FROM __mantle_migration_lock"), lock_row);
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migrations"), "0");
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_steps"), "0");
  EXPECT_EQ(db.schema(), "") << "nothing of the folder ran";
  const ProcessResult refused = run_dsqlint_with({"unlock", "--connection-string", db.conninfo()});
  EXPECT_EQ(refused.exit_code, 3) << refused.output();
  EXPECT_NE(refused.err.find(holder), npos) << refused.err;
  EXPECT_EQ(db.row("SELECT * FROM __mantle_migration_lock"), lock_row);
  const ProcessResult forced = run_dsqlint_with({"unlock", "--force", "--connection-string", db.conninfo()});
  EXPECT_EQ(forced.exit_code, 0) << forced.output();
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_lock WHERE owner_id IS NULL"), "1");
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(run.exit_code, 0) << run.output();
  expect_nothing_lost(db, folder, clean, mixed_data_checks());
}

/// The mixed folder applied to a fresh database, for the tests that then change its files.
struct AppliedFolder {
  explicit AppliedFolder(const std::string& name) : folder(name), db(fresh_database(name)) {
    write_mixed_folder(folder);
    const ProcessResult run = apply();
    EXPECT_EQ(run.exit_code, 0) << run.output();
    applied = work_done(db);
  }
  ProcessResult apply(const std::vector<std::string>& extra = {}) {
    return run_dsqlint_with(apply_args(folder, db, "dsql-local", extra));
  }
  ProcessResult status() { return run_dsqlint_with(command_args("status", folder, db)); }
  ProcessResult rehash(const std::string& file) { return run_dsqlint_with(command_args("rehash", folder, db, {file})); }

  MigrationFolder folder;
  Db db;
  std::string applied;  ///< work_done() after the first apply: what a re-run would change
};

TEST(ApplyFaults, EditedAppliedFileIsRefusedUntilRehashed) {
  AppliedFolder target("edited");
  const std::string old_sha = file_sha256(target.folder, "0003_more.sql");
  std::string edited = target.folder.read("0003_more.sql");
  edited.replace(edited.find("'more', 3"), 9, "'more', 4");
  target.folder.write_bytes("0003_more.sql", edited);
  const ProcessResult refused = target.apply();
  EXPECT_EQ(refused.exit_code, 4) << refused.output();
  for (const std::string& part : {std::string("0003_more.sql"), old_sha, file_sha256(target.folder, "0003_more.sql")})
    EXPECT_NE(refused.err.find(part), npos) << part << " in\n" << refused.err;
  EXPECT_EQ(work_done(target.db), target.applied) << "nothing re-run";
  const ProcessResult status = target.status();
  EXPECT_EQ(status.exit_code, 12) << status.output();
  // Not "edited 0/11 steps": the steps ran, as the recorded content.
  EXPECT_NE(status.out.find("edited   0003_more.sql"), npos) << status.out;
  EXPECT_NE(status.out.find("applied with sha256 " + old_sha.substr(0, 12)), npos) << status.out;
  EXPECT_NE(status.out.find("dsqlint rehash 0003_more.sql"), npos) << status.out;
  const ProcessResult rehashed = target.rehash("0003_more.sql");
  EXPECT_EQ(rehashed.exit_code, 0) << rehashed.output();
  const ProcessResult accepted = target.apply();
  EXPECT_EQ(accepted.exit_code, 0) << accepted.output();
  EXPECT_NE(accepted.out.find("done: 0 file(s) applied"), npos) << accepted.out;
  EXPECT_EQ(work_done(target.db), target.applied) << "nothing re-run";
  EXPECT_EQ(target.status().exit_code, 0);
  expect_nothing_lost(target.db, target.folder, clean_run_schema(target.folder, "dsql-local"), mixed_data_checks());
}

TEST(ApplyFaults, LineEndingsBomAndRenameDoNotReRun) {
  AppliedFolder target("line_endings");
  MigrationFolder& folder = target.folder;
  const std::string first = folder.read("0001_seed.sql"), second = folder.read("0002_columns.sql");
  const std::string recorded = file_sha256(folder, "0002_columns.sql");
  folder.write_bytes("0001_seed.sql", "\xEF\xBB\xBF" + to_crlf(first));
  folder.write_bytes("0002_columns.sql", to_crlf(second));
  const ProcessResult converted = target.apply();
  EXPECT_EQ(converted.exit_code, 0) << converted.output();
  EXPECT_NE(converted.out.find("done: 0 file(s) applied"), npos) << converted.out;
  EXPECT_EQ(target.status().exit_code, 0);
  // A row written by an older runner that hashed the raw CRLF bytes still matches.
  const std::string raw = file_sha256(folder, "0002_columns.sql");
  target.db.exec("UPDATE __mantle_migrations SET migration_sha256 = '" + raw + "', raw_sha256 = '" + raw +
                 "' WHERE filename = '0002_columns.sql'");
  const ProcessResult old_rows = target.apply();
  EXPECT_EQ(old_rows.exit_code, 0) << old_rows.output();
  EXPECT_NE(old_rows.out.find("done: 0 file(s) applied"), npos) << old_rows.out;
  target.db.exec("UPDATE __mantle_migrations SET migration_sha256 = '" + recorded + "', raw_sha256 = '" + recorded +
                 "' WHERE filename = '0002_columns.sql'");
  folder.write_bytes("0001_seed.sql", first);
  folder.write_bytes("0002_columns.sql", second);
  folder.rename("0002_columns.sql", "0002_columns_renamed.sql");
  const ProcessResult renamed = target.apply();
  EXPECT_EQ(renamed.exit_code, 0) << renamed.output();
  EXPECT_NE(renamed.out.find("done: 0 file(s) applied"), npos) << renamed.out;
  EXPECT_EQ(target.db.row("SELECT filename FROM __mantle_migrations WHERE migration_sha256 = '" + recorded + "'"),
            "0002_columns_renamed.sql");
  EXPECT_EQ(target.status().exit_code, 0);
  EXPECT_EQ(work_done(target.db), target.applied) << "nothing re-run";
  expect_nothing_lost(target.db, folder, clean_run_schema(folder, "dsql-local"), mixed_data_checks());
}

TEST(ApplyFaults, OutOfOrderFileIsRefusedAndDeletedFileIsOnlyReported) {
  AppliedFolder target("out_of_order");
  target.folder.write("0001a_late.sql", {R"(CREATE TABLE "late" ("id" integer PRIMARY KEY NOT NULL);)"});
  const ProcessResult refused = target.apply();
  EXPECT_EQ(refused.exit_code, 4) << refused.output();
  EXPECT_NE(refused.err.find("0001a_late.sql"), npos) << refused.err;
  EXPECT_FALSE(target.db.table_exists("late"));
  EXPECT_EQ(target.status().exit_code, 12);
  const ProcessResult allowed = target.apply({"--allow-out-of-order"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.output();
  EXPECT_NE(allowed.out.find("done: 1 file(s) applied"), npos) << allowed.out;
  EXPECT_TRUE(target.db.table_exists("late"));
  EXPECT_EQ(target.apply().exit_code, 0);
  expect_nothing_lost(target.db, target.folder, clean_run_schema(target.folder, "dsql-local"), mixed_data_checks());
  target.folder.remove("0001a_late.sql");
  const ProcessResult listed = target.status();
  EXPECT_EQ(listed.exit_code, 0) << "missing is a warning, not one of status's exit codes\n" << listed.output();
  EXPECT_NE(listed.out.find("missing"), npos) << listed.out;
  EXPECT_NE(listed.out.find("0001a_late.sql"), npos) << listed.out;
  const ProcessResult run = target.apply();
  EXPECT_EQ(run.exit_code, 0) << run.output();
  EXPECT_NE(run.out.find("warning: 0001a_late.sql"), npos) << "apply warns about the missing file\n" << run.out;
  EXPECT_NE(run.out.find("done: 0 file(s) applied"), npos) << run.out;
}

TEST(ApplyFaults, ConnectionKilledMidMigrationIsResumedWithRowsOnce) {
  for (const std::string provider : {"postgres", "dsql-local"}) {
    SCOPED_TRACE(provider);
    const int rows = provider == "postgres" ? 100000 : 2000;
    MigrationFolder folder("connection-" + provider);
    folder.write("0001_tables.sql",
                 {R"(CREATE TABLE "big" ("id" integer PRIMARY KEY NOT NULL, "v" integer NOT NULL);)",
                  R"(CREATE TABLE "events" ("note" text NOT NULL, "at" integer NOT NULL);)"});
    folder.write("0002_load.sql",
                 {fmt::format(R"(INSERT INTO "big" ("id", "v") SELECT g, g * 7 FROM generate_series(1, {}) g;)", rows),
                  R"(INSERT INTO "events" ("note", "at") SELECT 'slow', 1 FROM pg_sleep(1.2);)",
                  R"(CREATE TABLE "after_load" ("id" integer PRIMARY KEY NOT NULL);)"});
    const std::string clean = clean_run_schema(folder, provider);
    Db db(fresh_database("connection"));
    DsqlintProcess runner(apply_args(folder, db, provider));
    const bool terminated =
        terminate_backend_running(db, "pg_sleep(1.2)", std::chrono::milliseconds(500), std::chrono::seconds(30));
    ProcessResult result = runner.wait();
    ASSERT_TRUE(terminated) << result.output();
    if (result.exit_code == 5) {
      std::cout << "[          ] " << provider << ": exit 5 after the connection was killed; rerunning\n";
      result = run_dsqlint_with(apply_args(folder, db, provider, {"--lock-wait", "10"}));
    } else {
      EXPECT_NE(result.out.find("connection lost"), npos) << result.out;
    }
    EXPECT_EQ(result.exit_code, 0) << result.output();
    expect_nothing_lost(db, folder, clean,
                        {{"SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE v = id * 7) FROM big",
                          fmt::format("{0} {0} {0}", rows)},
                         {"SELECT string_agg(note || ':' || at, ',') FROM events", "slow:1"}});
  }
}

TEST(ApplyFaults, DryRunWritesNothingAndListsTheStepsApplyThenRuns) {
  MigrationFolder folder("dry-run");
  write_mixed_folder(folder);
  {
    SCOPED_TRACE("an empty database");
    Db db(fresh_database("dry_empty"));
    const ProcessResult dry = run_dsqlint_with(apply_args(folder, db, "dsql-local", {"--dry-run"}));
    EXPECT_EQ(dry.exit_code, 0) << dry.output();
    EXPECT_NE(dry.out.find("nothing was written"), npos) << dry.out;
    for (const char* table : {"__mantle_migrations", "__mantle_migration_steps", "__mantle_migration_lock"})
      EXPECT_FALSE(db.table_exists(table)) << table;
    EXPECT_EQ(db.schema(), "");
    const ProcessResult real = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    EXPECT_EQ(real.exit_code, 0) << real.output();
    EXPECT_EQ(listed_steps(dry.out).size(), 13u) << dry.out;
    EXPECT_EQ(listed_steps(dry.out), listed_steps(real.out)) << dry.out << "\n" << real.out;
  }
  SCOPED_TRACE("a partly applied database");
  Db db(fresh_database("dry_partial"));
  ASSERT_EQ(kill_at(folder, db, "dsql-local", "after:0002_columns.sql:1").signal, SIGKILL);
  const std::string before = database_state(db, {});
  const ProcessResult dry = run_dsqlint_with(apply_args(folder, db, "dsql-local", {"--dry-run"}));
  EXPECT_EQ(dry.exit_code, 0) << dry.output();
  EXPECT_EQ(database_state(db, {}), before) << "the dry run wrote";
  const std::vector<std::string> pending{
      "0002_columns.sql [3/5]", "0002_columns.sql [4/5]", "0002_columns.sql [5/5]", "0003_more.sql [1/5]",
      "0003_more.sql [2/5]",    "0003_more.sql [3/5]",    "0003_more.sql [4/5]",    "0003_more.sql [5/5]"};
  EXPECT_EQ(listed_steps(dry.out), pending) << dry.out;
  expire_lease(db);
  const ProcessResult real = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  EXPECT_EQ(real.exit_code, 0) << real.output();
  EXPECT_EQ(listed_steps(real.out), pending) << real.out;
}

TEST(ApplyFaults, DsqlLocalEnforcesTheRowLimitOfOneTransaction) {
  MigrationFolder folder("row-limit");
  folder.write("0001_column.sql", {R"(ALTER TABLE "big" ADD COLUMN "w" integer;)"});
  folder.write("0002_fill.sql", {R"(UPDATE "big" SET "w" = "id" * 2;)"});
  const auto seeded = [](const std::string& prefix) {
    auto db = std::make_unique<Db>(fresh_database(prefix));
    db->exec("CREATE TABLE big (id integer PRIMARY KEY, v integer NOT NULL); "
             "INSERT INTO big SELECT g, g * 7 FROM generate_series(1, 5000) g");
    return db;
  };
  const std::string rows = "SELECT count(*), count(*) FILTER (WHERE v = id * 7), count(w), "
                           "count(*) FILTER (WHERE w = id * 2) FROM big";
  const auto local = seeded("row_limit_local");
  const ProcessResult refused = run_dsqlint_with(apply_args(folder, *local, "dsql-local"));
  EXPECT_EQ(refused.exit_code, 1) << refused.output();
  EXPECT_NE(refused.err.find("54000"), npos) << refused.err;
  // The failure names file, statement, SQLSTATE, what is committed and what to run next.
  EXPECT_NE(refused.err.find("0002_fill.sql statement 1 (step 1/1) failed: SQLSTATE 54000"), npos) << refused.err;
  EXPECT_NE(refused.err.find("committed: the steps before step 1; step 1 is not applied"), npos) << refused.err;
  EXPECT_NE(refused.err.find("next: fix the statement, then run 'dsqlint apply'"), npos) << refused.err;
  EXPECT_EQ(local->row(rows), "5000 5000 0 0") << "the failed UPDATE left the table unchanged";
  EXPECT_EQ(local->row("SELECT string_agg(filename || ' ' || state, ', ' ORDER BY filename) FROM __mantle_migrations"),
            "0001_column.sql applied, 0002_fill.sql failed");
  const auto postgres = seeded("row_limit_postgres");
  const ProcessResult applied = run_dsqlint_with(apply_args(folder, *postgres, "postgres"));
  EXPECT_EQ(applied.exit_code, 0) << applied.output();
  EXPECT_EQ(postgres->row(rows), "5000 5000 5000 5000");
}

/// Applies `files` files of the bench corpus with `provider` to an empty database, timed.
void apply_bench_corpus(int files, const std::string& provider) {
  const std::string corpus = make_temp_dir("bench-corpus") + "/migrations";
  const std::string generate = "python3 '" DSQLINT_SOURCE_DIR "/tests/bench/gen-corpus' '" + corpus + "' --files " +
                               std::to_string(files) + " >/dev/null";
  ASSERT_EQ(std::system(generate.c_str()), 0) << generate;
  Db db(fresh_database("corpus"));
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult run =
      run_dsqlint_with({"apply", "--folder", corpus, "--connection-string", db.conninfo(), "--provider", provider});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("[          ] applied {} files of the bench corpus (provider {}) in {:.1f} s\n", files,
                           provider, seconds);
  EXPECT_EQ(run.exit_code, 0) << run.err.substr(0, 4000);
  const ProcessResult status = run_dsqlint_with(
      {"status", "--folder", corpus, "--connection-string", db.conninfo(), "--provider", provider});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  const std::string n = std::to_string(files);
  EXPECT_EQ(db.row("SELECT count(*), count(*) FILTER (WHERE state = 'applied'), count(DISTINCT filename) "
                   "FROM __mantle_migrations"),
            n + " " + n + " " + n);
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_\\_mantle\\_new\\_%' "
                   "OR relname LIKE '%\\_\\_mantle\\_old\\_%'"),
            "0")
      << "a rebuild left a copy behind";
}

TEST(ApplyFaults, WholeBenchCorpusAppliesToAnEmptyDatabase) { apply_bench_corpus(2000, "postgres"); }

// The corpus rebuilds tables that other tables reference (its foreign keys point at them): on
// DSQL's terms every such rebuild carries the keys across the swap. The whole corpus takes
// minutes with dsql-local (see README); its first 400 files hold hundreds of such rebuilds.
TEST(ApplyFaults, BenchCorpusAppliesWithDsqlLocal) { apply_bench_corpus(400, "dsql-local"); }

}  // namespace
}  // namespace dsqlint::testing

