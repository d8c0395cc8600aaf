#include "apply/step_runner.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <ostream>

#include <fmt/format.h>

#include "apply/recreation.h"
#include "aws/sha256.h"
#include "plan/provider.h"

namespace dsqlint {

namespace {

constexpr long kDsqlRowsPerTransaction = 3000;

std::string_view step_kind(const Step& step) {
  switch (step.kind) {
    case StepKind::IndexAsync: return "index_async";
    case StepKind::Recreate: return "recreate";
    case StepKind::Skip: return "skip";
    case StepKind::Folded: return "folded";
    case StepKind::Emulated: return "emulated";
    case StepKind::Precheck: return "precheck";
    case StepKind::Refuse: return "refuse";
    case StepKind::Run: return step.ddl ? "ddl" : "dml";
  }
  return "";
}

std::string excerpt(const std::string& sql) {
  std::string flat;
  for (const char c : sql) {
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!flat.empty() && flat.back() != ' ') flat += ' ';
    } else {
      flat += c;
    }
  }
  return flat.size() > 72 ? flat.substr(0, 69) + "..." : flat;
}

long elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
}

/// What a phase of the rebuild's carry did, for the output; empty for the other phases.
std::string_view carried_phase(std::string_view phase) {
  if (phase == "own_keys_added") return "added the table's own self-references and NOT VALID keys to the new table";
  if (phase == "own_keys_validated") return "validated them";
  if (phase == "views_dropped") return "dropped the views that read the table";
  if (phase == "keys_dropped") return "dropped the other tables' foreign keys that point at the table";
  if (phase == "keys_added") return "added those foreign keys back against the rebuilt table, NOT VALID";
  if (phase == "keys_validated") return "validated them";
  if (phase == "views_created") return "created the views again";
  if (phase == "granted") return "gave the table's grants and comments again";
  if (phase == "unique_attached")
    return "made a unique index the UNIQUE constraint that the new table's CREATE TABLE would not have created";
  if (phase == "sequences_moved") return "gave the sequences the old table's columns owned to the rebuilt table's columns";
  return "";
}

/// Where a rebuild that failed left step `number`, and what the next apply does from there.
StepRunner::Leftover rebuild_leftover(const RecreationResult& result, size_t number) {
  if (result.state.empty())  // it refused before changing anything: the error says why and what to do
    return {fmt::format("the steps before step {}; this run changed nothing of step {}", number, number),
            fmt::format("do what the error says, then run 'dsqlint apply' to resume from step {}", number)};
  const std::string committed =
      result.partly_done ? fmt::format("the steps before step {}, and part of step {}: {}", number, number, result.state)
                         : fmt::format("the steps before step {}; step {} is not applied: {}", number, number, result.state);
  return {committed, fmt::format("remove the cause of the error, then run 'dsqlint apply': it resumes step {} and {}",
                                 number, result.resume)};
}

}  // namespace

StepRunner::StepRunner(Session& session, Provider provider, const LeaseLock& lock, const ApplyOptions& options,
                       std::ostream& out, std::ostream& err, const Heartbeat* heartbeat)
    : session_(session), provider_(provider), lock_(lock), options_(options), out_(out), err_(err), heartbeat_(heartbeat) {}

QueryResult StepRunner::transaction(const std::function<QueryResult()>& body) {
  return with_retry(
      [&] {
        QueryResult begin = session_.exec("BEGIN");
        if (!begin.ok()) return begin;
        if (options_.use_lock) {
          QueryResult fence = session_.exec(lock_.fence_sql());
          if (fence.ok() && fence.rows.empty()) {
            session_.exec("ROLLBACK");
            err_ << "dsqlint: the migration lock was taken over by another runner; stopping before this step\n";
            throw ApplyStop{ApplyExit::kLock};
          }
          if (!fence.ok()) {
            session_.exec("ROLLBACK");
            return fence;
          }
        }
        QueryResult result = body();
        if (!result.ok()) {
          session_.exec("ROLLBACK");
          return result;
        }
        QueryResult commit = session_.exec("COMMIT");
        return commit.ok() ? result : commit;
      },
      options_.retry, retries_, [&](int attempt, const QueryResult& conflict) { report_retry(attempt, conflict); });
}

QueryResult StepRunner::autocommit(const std::string& sql) {
  return with_retry([&] { return session_.exec(sql); }, options_.retry, retries_,
                    [&](int attempt, const QueryResult& conflict) { report_retry(attempt, conflict); });
}

void StepRunner::report_retry(int attempt, const QueryResult& conflict) {
  out_ << fmt::format("      retry {}/{} {} {}\n", attempt, options_.retry.max_attempts, conflict.sqlstate,
                      excerpt(conflict.message));
}

void StepRunner::check_lease() {
  if (!options_.use_lock) return;
  if ((heartbeat_ && heartbeat_->lost()) || !LeaseLock(lock_).renew(session_)) {
    if (!session_.alive()) throw ConnectionLost{"while renewing the lease"};
    err_ << "dsqlint: the migration lock was taken over by another runner; stopping before the next step\n";
    throw ApplyStop{ApplyExit::kLock};
  }
}

void StepRunner::start_migration(const FilePlan& file) {
  const QueryResult row = transaction([&] {
    return session_.exec_params(
        "INSERT INTO __mantle_migrations (migration_sha256, raw_sha256, filename, state, statements_total, run_id, "
        "applied_by, runner_version, started_at) VALUES ($1, $2, $3, 'running', $4, $5, $5, $6, now()) "
        "ON CONFLICT (migration_sha256) DO UPDATE SET state = 'running', filename = EXCLUDED.filename, "
        "run_id = EXCLUDED.run_id, last_sqlstate = NULL, last_error = NULL",
        {file.sha256, file.raw_sha256, file.name, std::to_string(file.steps.size()), lock_.owner(), DSQLINT_VERSION});
  });
  if (!row.ok()) fail(file, 0, row, "recording the migration as running");
}

void StepRunner::finish_migration(const FilePlan& file) {
  const QueryResult row = transaction([&] {
    return session_.exec_params(
        "UPDATE __mantle_migrations SET state = 'applied', finished_at = now(), statements_done = statements_total "
        "WHERE migration_sha256 = $1",
        {file.sha256});
  });
  if (!row.ok()) fail(file, file.steps.size() - 1, row, "recording the migration as applied");
}

QueryResult StepRunner::write_marker(const FilePlan& file, size_t index, std::string_view state) {
  const Step& step = file.steps[index];
  QueryResult marked = session_.exec_params(
      "INSERT INTO __mantle_migration_steps (migration_sha256, step_index, statement_sha256, kind, state, finished_at) "
      "VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'running' THEN NULL ELSE now() END) "
      "ON CONFLICT (migration_sha256, step_index) DO UPDATE SET state = EXCLUDED.state, finished_at = EXCLUDED.finished_at",
      {file.sha256, std::to_string(index), sha256_hex(step.sql), std::string(step_kind(step)), std::string(state)});
  if (!marked.ok() || state == "running") return marked;
  return session_.exec_params(
      "UPDATE __mantle_migrations SET statements_done = statements_done + 1, "
      "assumed_applied = assumed_applied + $2 WHERE migration_sha256 = $1",
      {file.sha256, state == "assumed_applied" ? "1" : "0"});
}

void StepRunner::mark(const FilePlan& file, size_t index, std::string_view state) {
  const QueryResult marked = transaction([&] { return write_marker(file, index, state); });
  if (!marked.ok()) fail(file, index, marked, "recording the step");
}

void StepRunner::run_file(const FilePlan& file, bool resuming, const std::vector<TrackedStep>& tracked,
                          const std::atomic<int>& signal) {
  out_ << fmt::format("-> {}  sha256:{}  {} step(s){}\n", file.path, file.sha256.substr(0, 12), file.steps.size(),
                      resuming ? ", resuming" : "");
  signal_ = &signal;
  if (file.one_transaction) {
    check_lease();
    run_whole(file);
    return;
  }
  std::map<size_t, std::string> recorded;
  for (const TrackedStep& step : tracked) recorded[static_cast<size_t>(step.index)] = step.state;
  start_migration(file);
  guarded_done_ = 0;
  for (size_t i = 0; i < file.steps.size(); ++i) {
    const auto seen = recorded.find(i);
    if (seen != recorded.end() && seen->second != "running") continue;
    if (signal) {
      err_ << fmt::format("dsqlint: interrupted by signal {}: {} steps 1-{} are committed, step {} did not start; "
                          "run 'dsqlint apply' to resume\n", signal.load(), file.path, i, i + 1);
      throw ApplyStop{ApplyExit::kInterrupted};
    }
    if (options_.past_stop_time()) {
      err_ << fmt::format("dsqlint: stopped at the stop time (the invocation's deadline is near): {} steps 1-{} are "
                          "committed, step {} did not start; run apply again to resume\n", file.path, i, i + 1);
      throw ApplyStop{ApplyExit::kInterrupted};
    }
    check_lease();
    if (options_.checkpoint) options_.checkpoint(fmt::format("before:{}:{}", file.name, i));
    // Only a step marked running was attempted with an unknown outcome: it alone may take
    // the idempotency path; a 42P07 anywhere else is drift.
    if (!guard_says_done(file, i, seen != recorded.end())) run_step(file, i, seen != recorded.end());
    if (options_.checkpoint) options_.checkpoint(fmt::format("after:{}:{}", file.name, i));
  }
  finish_migration(file);
}

void StepRunner::run_whole(const FilePlan& file) {
  const auto started = std::chrono::steady_clock::now();
  size_t failed_step = 0;
  const QueryResult result = transaction([&] {
    for (size_t i = 0; i < file.steps.size(); ++i) {
      if (file.steps[i].kind == StepKind::Skip || file.steps[i].kind == StepKind::Folded ||
          file.steps[i].kind == StepKind::Emulated)
        continue;
      failed_step = i;
      const Step& step = file.steps[i];
      QueryResult ran = step.index ? build_in_transaction(step) : session_.exec(step.sql);
      if (!ran.ok()) return ran;
    }
    return session_.exec_params(
        "INSERT INTO __mantle_migrations (migration_sha256, raw_sha256, filename, state, statements_total, "
        "statements_done, run_id, applied_by, runner_version, started_at, finished_at) "
        "VALUES ($1, $2, $3, 'applied', $4, $4, $5, $5, $6, now(), now()) "
        "ON CONFLICT (migration_sha256) DO UPDATE SET state = 'applied', filename = EXCLUDED.filename, "
        "statements_done = EXCLUDED.statements_done, run_id = EXCLUDED.run_id, finished_at = now(), "
        "last_sqlstate = NULL, last_error = NULL",
        {file.sha256, file.raw_sha256, file.name, std::to_string(file.steps.size()), lock_.owner(), DSQLINT_VERSION});
  });
  if (!result.ok()) fail(file, failed_step, result);
  for (const Step& step : file.steps)
    if (step.kind == StepKind::Skip) {
      ++skipped_;
      out_ << fmt::format("   skip statement {}: {}\n", step.statement, step.note);
    }
  out_ << fmt::format("   ok, one transaction, {} ms\n", elapsed_ms(started));
}

void StepRunner::run_step(const FilePlan& file, size_t index, bool resuming) {
  const Step& step = file.steps[index];
  const auto started = std::chrono::steady_clock::now();
  out_ << fmt::format("   [{}/{}] {} {}\n", index + 1, file.steps.size(), step_kind(step), excerpt(step.sql));
  switch (step.kind) {
    case StepKind::Skip:
      ++skipped_;
      out_ << "      skipped: " << step.note << "\n";
      mark(file, index, "skipped");
      return;
    case StepKind::Folded:  // its change is in the CREATE TABLE that ran before it
    case StepKind::Emulated:
      out_ << "      " << step.note << ": nothing to run\n";
      mark(file, index, "done");
      return;
    case StepKind::Refuse:
      fail(file, index, QueryResult{"0A000", step.note}, "refused");
    case StepKind::Precheck:
      run_precheck(file, index);
      break;
    case StepKind::IndexAsync:
      run_index(file, index, resuming);
      break;
    case StepKind::Recreate:
      run_recreate(file, index);
      break;
    case StepKind::Run:
      if (step.index) run_index(file, index, resuming);  // CREATE INDEX as written, or ADD UNIQUE's first step
      else run_statement(file, index, resuming);
      break;
  }
  out_ << fmt::format("      ok {} ms\n", elapsed_ms(started));
}

void StepRunner::run_statement(const FilePlan& file, size_t index, bool resuming) {
  const Step& step = file.steps[index];
  if (step.repeat_until_none) {  // batches: each commits alone; the empty last one with the marker
    long total = 0, changed = 1;
    while (changed > 0) {
      const QueryResult ran = transaction([&] {
        QueryResult result = session_.exec(step.sql);
        changed = result.affected;
        if (result.ok() && provider_ == Provider::DsqlLocal && changed > kDsqlRowsPerTransaction)
          return QueryResult{"54000", fmt::format("DSQL changes at most {} rows in a transaction; a batch changed {}",
                                                  kDsqlRowsPerTransaction, changed)};
        if (!result.ok() || changed > 0) return result;
        return write_marker(file, index, "done");
      });
      if (!ran.ok()) fail(file, index, ran);
      total += changed;
    }
    out_ << fmt::format("      {} rows changed in batches\n", total);
    return;
  }
  if (!step.ddl) {  // data: the statement and its marker commit together, exactly once
    const QueryResult ran = transaction([&] {
      QueryResult result = session_.exec(step.sql);
      if (!result.ok()) return result;
      if (provider_ == Provider::DsqlLocal && result.affected > kDsqlRowsPerTransaction)
        return QueryResult{"54000", fmt::format("DSQL changes at most {} rows in a transaction; this statement changed "
                                                "{} (batch it by key)", kDsqlRowsPerTransaction, result.affected)};
      return write_marker(file, index, "done");
    });
    if (!ran.ok()) fail(file, index, ran);
    return;
  }
  mark(file, index, "running");  // attempted: a crash from here on leaves an unknown outcome
  const QueryResult ran = autocommit(step.sql);
  if (ran.ok()) {
    if (options_.checkpoint) options_.checkpoint(fmt::format("committed:{}:{}", file.name, index));
    return mark(file, index, "done");
  }
  if (resuming && already_done(step, ran)) {
    ++assumed_;
    out_ << fmt::format("      assumed applied: {} and the catalog shows its effect\n", ran.sqlstate);
    return mark(file, index, "assumed_applied");
  }
  if (swallowed(file, index, ran)) return;
  fail(file, index, ran);
}

/// A guarded DO block's statement runs only while its guard says so: once the guard (or an
/// error its handler swallowed) says the object is there, the statement's steps are done.
bool StepRunner::guard_says_done(const FilePlan& file, size_t index, bool resuming) {
  const Step& step = file.steps[index];
  // A step attempted before a crash may have made the object itself: it resumes as usual.
  if (guarded_done_ != step.statement && (step.run_if_sql.empty() || resuming)) return false;
  if (guarded_done_ != step.statement) {
    const QueryResult guard = transaction([&] { return session_.exec(step.run_if_sql); });
    if (!guard.ok()) fail(file, index, guard, "evaluating the DO block's guard");
    if (guard.scalar() == "t") return false;
    guarded_done_ = step.statement;
  }
  out_ << fmt::format("   [{}/{}] guarded statement {}: the guard says it is done already, nothing to run\n",
                      index + 1, file.steps.size(), step.statement);
  mark(file, index, "done");
  return true;
}

void StepRunner::run_precheck(const FilePlan& file, size_t index) {
  const Step& step = file.steps[index];
  const QueryResult rows = transaction([&] { return session_.exec(step.sql); });
  if (!rows.ok()) fail(file, index, rows, "checking the rows first");
  if (rows.rows.empty()) return mark(file, index, "done");
  std::string found;
  for (const Row& row : rows.rows)
    found += fmt::format("{}{} ({} rows)", found.empty() ? "" : ", ", row.empty() || !row[0] ? "NULL" : "'" + *row[0] + "'",
                         row.size() > 1 && row[1] ? *row[1] : "?");
  fail(file, index, QueryResult{"23514", step.note + ": " + found + "; nothing of the statement ran"},
       "checking the rows first");
}

bool StepRunner::swallowed(const FilePlan& file, size_t index, const QueryResult& failure) {
  const Step& step = file.steps[index];
  if (std::find(step.handled_codes.begin(), step.handled_codes.end(), failure.sqlstate) == step.handled_codes.end())
    return false;
  out_ << fmt::format("      {} {}: the DO block's handler took this as done\n", failure.sqlstate, failure.message);
  guarded_done_ = step.statement;
  mark(file, index, "done");
  return true;
}

bool StepRunner::already_done(const Step& step, const QueryResult& failure) {
  if (step.verify_sql.empty()) return false;
  bool listed = false;
  for (const std::string& code : step.already_done_codes) listed = listed || code == failure.sqlstate;
  return listed && session_.exec(step.verify_sql).scalar() == "t";
}

void StepRunner::run_recreate(const FilePlan& file, size_t index) {
  const Step& step = file.steps[index];
  mark(file, index, "running");  // the row the copy batches keep their cursor in
  RecreationContext context{.migration_sha256 = file.sha256,
                            .step_index = static_cast<int>(index),
                            .fence_sql = options_.use_lock ? lock_.fence_sql() : "",
                            .retry = options_.retry};
  long rows_done = 0, rows_total = 0;
  context.progress = [&](long done, long total) {
    rows_done = done, rows_total = total;
    out_ << fmt::format("{}      copy {} -> {}  {}/{} rows{}", options_.terminal ? "\r" : "", step.recreation->table,
                        step.recreation->new_table, done, total, options_.terminal ? "" : "\n");
  };
  context.checkpoint = [&](std::string_view phase) {
    if (heartbeat_ && heartbeat_->lost()) {
      err_ << "dsqlint: the migration lock was taken over by another runner; stopping the rebuild\n";
      throw ApplyStop{ApplyExit::kLock};
    }
    if (const std::string_view done = carried_phase(phase); !done.empty()) out_ << "      " << done << "\n";
    if (phase == "batch") stop_between_batches(file, index, rows_done, rows_total);
    if (options_.checkpoint) options_.checkpoint(fmt::format("recreate:{}:{}:{}", file.name, index, phase));
  };
  const RecreationResult result = run_recreation(session_, *step.recreation, context);
  if (options_.terminal) out_ << "\n";
  retries_.conflicts += result.retries;
  for (const std::string& warning : result.warnings) out_ << "      warning: " << warning << "\n";
  if (!result.ok()) {
    QueryResult failure{result.sqlstate.empty() ? "XX000" : result.sqlstate, result.error};
    if (!session_.alive()) throw ConnectionLost{result.error + (result.state.empty() ? "" : "; " + result.state)};
    const Leftover leftover = rebuild_leftover(result, index + 1);
    fail(file, index, failure, "rebuilding the table", &leftover);
  }
  out_ << fmt::format("      rebuilt {}: {} rows ({} copied now, {} batches, resumed at {})\n", step.recreation->table,
                      result.rows_total, result.rows_copied, result.batches, result.resumed_at);
  mark(file, index, "done");
}

/// A signal or the stop time ends a rebuild between its copy batches, not after the whole
/// copy (hours for a large table, past a Lambda's deadline): each batch committed the copy
/// cursor with its rows, so the next apply resumes the copy where this one stopped.
void StepRunner::stop_between_batches(const FilePlan& file, size_t index, long rows_done, long rows_total) {
  const bool signalled = signal_ && *signal_;
  if (!signalled && !options_.past_stop_time()) return;
  if (options_.terminal) out_ << "\n";  // end the progress line
  const std::string where = fmt::format("the rebuild of {} (step {} of {}) stopped between copy batches with {} of {} "
                                        "rows copied and committed", file.steps[index].recreation->table, index + 1,
                                        file.path, rows_done, rows_total);
  if (signalled)
    err_ << fmt::format("dsqlint: interrupted by signal {}: {}; run 'dsqlint apply' to resume it\n", signal_->load(), where);
  else
    err_ << fmt::format("dsqlint: stopped at the stop time (the invocation's deadline is near): {}; run apply again to "
                        "resume it\n", where);
  throw ApplyStop{ApplyExit::kInterrupted};
}

void StepRunner::record_rename(const FilePlan& file) {
  const QueryResult renamed = transaction([&] {
    return session_.exec_params("UPDATE __mantle_migrations SET filename = $2 WHERE migration_sha256 = $1 OR raw_sha256 = $1",
                                {file.sha256, file.name});
  });
  if (renamed.ok()) out_ << "renamed: " << file.name << " is already applied under an earlier name\n";
}

void StepRunner::adopt_edit(const std::string& old_sha256, const FilePlan& file) {
  const QueryResult moved = transaction([&] {
    QueryResult steps = session_.exec_params(
        "UPDATE __mantle_migration_steps SET migration_sha256 = $2 WHERE migration_sha256 = $1", {old_sha256, file.sha256});
    if (!steps.ok()) return steps;
    return session_.exec_params(
        "UPDATE __mantle_migrations SET migration_sha256 = $2, raw_sha256 = $3 WHERE migration_sha256 = $1",
        {old_sha256, file.sha256, file.raw_sha256});
  });
  if (!moved.ok()) fail(file, 0, moved, "recording the edit of steps not yet run");
  out_ << "edited: " << file.name << " changed only in steps not yet run; continuing with the new content\n";
}

void StepRunner::fail(const FilePlan& file, size_t index, const QueryResult& result, std::string_view what,
                      const Leftover* leftover) {
  if (result.connection_lost()) throw ConnectionLost{result.message};
  const Step& step = file.steps[index];
  const QueryResult recorded = transaction([&] {
    // The server answered: the outcome is known, so the step is no longer "attempted"
    // (a rebuild keeps its row: the cursor lives there).
    if (step.kind != StepKind::Recreate) {
      QueryResult cleared = session_.exec_params(
          "DELETE FROM __mantle_migration_steps WHERE migration_sha256 = $1 AND step_index = $2 AND state = 'running'",
          {file.sha256, std::to_string(index)});
      if (!cleared.ok()) return cleared;
    }
    return session_.exec_params(
        "UPDATE __mantle_migrations SET state = 'failed', last_sqlstate = $2, last_error = $3 WHERE migration_sha256 = $1",
        {file.sha256, result.sqlstate, result.message + (leftover ? "; committed: " + leftover->committed : "")});
  });
  (void)recorded;  // best effort: the message below says what is committed either way
  err_ << fmt::format("dsqlint: {} statement {} (step {}/{}) failed{}: SQLSTATE {}: {}\n", file.path, step.statement,
                      index + 1, file.steps.size(), what.empty() ? "" : fmt::format(" {}", what), result.sqlstate,
                      result.message);
  err_ << "  " << excerpt(step.sql) << "\n";
  if (leftover) {
    err_ << "  committed: " << leftover->committed << "\n  next: " << leftover->next << "\n";
  } else {
    if (file.one_transaction)
      err_ << "  committed: nothing of this file (it runs as one transaction)\n";
    else
      err_ << fmt::format("  committed: the steps before step {}; step {} is not applied\n", index + 1, index + 1);
    std::string remedy = step.index ? index_remedy(*step.index, result) : "";
    if (remedy.empty()) remedy = "fix the statement";
    err_ << fmt::format("  next: {}, then run 'dsqlint apply' to resume{}\n", remedy,
                        file.one_transaction ? "" : fmt::format(" from step {}", index + 1));
  }
  throw ApplyStop{result.conflict() ? ApplyExit::kConflicts : ApplyExit::kSqlFailure};
}

}  // namespace dsqlint
