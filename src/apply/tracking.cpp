#include "apply/tracking.h"

#include "apply/lease_lock.h"

namespace dsqlint {

namespace {

constexpr const char* kMigrationsTable =
    "CREATE TABLE IF NOT EXISTS __mantle_migrations (migration_sha256 text PRIMARY KEY, raw_sha256 text NOT NULL, "
    "filename text NOT NULL, state text NOT NULL, statements_total integer NOT NULL, "
    "statements_done integer NOT NULL DEFAULT 0, assumed_applied integer NOT NULL DEFAULT 0, run_id text NOT NULL, "
    "applied_by text NOT NULL, runner_version text NOT NULL, started_at timestamptz NOT NULL, "
    "finished_at timestamptz, last_sqlstate text, last_error text)";

constexpr const char* kStepsTable =
    "CREATE TABLE IF NOT EXISTS __mantle_migration_steps (migration_sha256 text NOT NULL, step_index integer NOT NULL, "
    "statement_sha256 text NOT NULL, kind text NOT NULL, state text NOT NULL, cursor text, "
    "rows_done bigint NOT NULL DEFAULT 0, job_id text, finished_at timestamptz, "
    "PRIMARY KEY (migration_sha256, step_index))";

/// Two runners creating the same table at once: 42P07, 23505 or 42710 (its row type in
/// pg_type) or 40001 mean the other one won; the table is there.
bool created_or_raced(const QueryResult& result) {
  return result.ok() || result.sqlstate == "42P07" || result.sqlstate == "23505" || result.sqlstate == "42710" ||
         result.conflict();
}

std::string text(const Row& row, size_t i) { return row[i].value_or(""); }
int number(const Row& row, size_t i) { return row[i] ? std::stoi(*row[i]) : 0; }

}  // namespace

Result<bool> create_tracking_tables(Session& session) {
  for (const std::string& ddl : {std::string(kMigrationsTable), std::string(kStepsTable)}) {
    const QueryResult result = session.exec(ddl);
    if (!created_or_raced(result)) return Error{result.sqlstate + ": " + result.message};
  }
  const QueryResult lock = LeaseLock::create_table(session);
  if (!created_or_raced(lock)) return Error{lock.sqlstate + ": " + lock.message};
  return true;
}

Result<TrackingState> read_tracking(Session& session) {
  TrackingState state;
  const QueryResult present = session.exec(
      "SELECT to_regclass('__mantle_migrations') IS NOT NULL AND to_regclass('__mantle_migration_steps') IS NOT NULL");
  if (!present.ok()) return Error{present.sqlstate + ": " + present.message};
  if (present.scalar() != "t") return state;
  state.exists = true;
  const QueryResult migrations = session.exec(
      "SELECT migration_sha256, raw_sha256, filename, state, statements_total, statements_done, assumed_applied, "
      "run_id, applied_by, started_at::text, finished_at::text, last_sqlstate, last_error FROM __mantle_migrations "
      "ORDER BY started_at, filename");
  if (!migrations.ok()) return Error{migrations.sqlstate + ": " + migrations.message};
  for (const Row& r : migrations.rows)
    state.migrations.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3), number(r, 4), number(r, 5), number(r, 6),
                                text(r, 7), text(r, 8), text(r, 9), text(r, 10), text(r, 11), text(r, 12)});
  const QueryResult steps = session.exec(
      "SELECT migration_sha256, step_index, statement_sha256, kind, state, cursor, rows_done "
      "FROM __mantle_migration_steps ORDER BY migration_sha256, step_index");
  if (!steps.ok()) return Error{steps.sqlstate + ": " + steps.message};
  for (const Row& r : steps.rows)
    state.steps[text(r, 0)].push_back(
        {number(r, 1), text(r, 2), text(r, 3), text(r, 4), r[5], r[6] ? std::stol(*r[6]) : 0});
  return state;
}

}  // namespace dsqlint
