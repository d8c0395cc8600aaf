#pragma once
#include <atomic>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "apply/database.h"
#include "apply/heartbeat.h"
#include "apply/index_check.h"
#include "apply/lease_lock.h"
#include "apply/retry.h"
#include "apply/runner.h"
#include "apply/tracking.h"
#include "plan/plan.h"

namespace dsqlint {

/// Stops the run with an exit code; the reason is already printed.
struct ApplyStop {
  ApplyExit code;
};

/// The connection dropped: the last statement's outcome is unknown. The runner
/// reconnects, re-reads the tracking tables and resumes through the idempotency path.
struct ConnectionLost {
  std::string message;
};

/// Runs the steps of one migration file after another, each with its tracking row:
/// DML and its step marker in one fenced transaction (exactly once), DDL on its own with
/// the marker after it (verified through the catalog when resuming), index jobs waited
/// for and checked valid, table rebuilds resumed from their cursor.
class StepRunner {
 public:
  /// What a failed step left committed and what to do next, when that is more than "not
  /// applied" and "fix the statement" (a rebuild that stopped halfway).
  struct Leftover {
    std::string committed;
    std::string next;
  };
  StepRunner(Session& session, Provider provider, const LeaseLock& lock, const ApplyOptions& options, std::ostream& out,
             std::ostream& err, const Heartbeat* heartbeat);

  /// `tracked` is what earlier runs recorded for this file (its done steps).
  void run_file(const FilePlan& file, bool resuming, const std::vector<TrackedStep>& tracked,
                const std::atomic<int>& signal);
  /// Same content under a new name: no re-run, the row takes the new name.
  void record_rename(const FilePlan& file);
  /// A failed or interrupted migration whose not-yet-run steps were edited: its rows move
  /// to the new content hash.
  void adopt_edit(const std::string& old_sha256, const FilePlan& file);

  const RetryCount& retries() const { return retries_; }
  size_t skipped() const { return skipped_; }

 private:
  void run_whole(const FilePlan& file);
  void run_step(const FilePlan& file, size_t index, bool resuming);
  void run_statement(const FilePlan& file, size_t index, bool resuming);
  // Index steps (index_step.cpp): an INVALID leftover of the name is dropped first, the
  // index is checked valid after its build (and job), and a failed build says why.
  void run_index(const FilePlan& file, size_t index, bool resuming);
  void drop_leftover(const FilePlan& file, size_t index, const FoundIndex& leftover);
  std::optional<std::string> wait_for_job(const FilePlan& file, size_t index, const QueryResult& created);
  void verify_built(const FilePlan& file, size_t index, IndexCheck& check, const std::optional<std::string>& job);
  QueryResult explain_failed_build(const Step& step, IndexCheck& check, QueryResult failure);
  /// The index step inside the one transaction of a plain PostgreSQL file.
  QueryResult build_in_transaction(const Step& step);
  void run_recreate(const FilePlan& file, size_t index);
  void stop_between_batches(const FilePlan& file, size_t index, long rows_done, long rows_total);
  bool already_done(const Step& step, const QueryResult& failure);
  bool guard_says_done(const FilePlan& file, size_t index, bool resuming);
  void run_precheck(const FilePlan& file, size_t index);
  bool swallowed(const FilePlan& file, size_t index, const QueryResult& failure);
  QueryResult write_marker(const FilePlan& file, size_t index, std::string_view state);
  void mark(const FilePlan& file, size_t index, std::string_view state);
  void start_migration(const FilePlan& file);
  void finish_migration(const FilePlan& file);
  /// BEGIN, the fence, `body`, COMMIT; retried whole on 40001.
  QueryResult transaction(const std::function<QueryResult()>& body);
  QueryResult autocommit(const std::string& sql);
  void report_retry(int attempt, const QueryResult& conflict);
  void check_lease();
  [[noreturn]] void fail(const FilePlan& file, size_t index, const QueryResult& result, std::string_view what = "",
                         const Leftover* leftover = nullptr);

  Session& session_;
  Provider provider_;
  const LeaseLock& lock_;
  const ApplyOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  const Heartbeat* heartbeat_;
  const std::atomic<int>* signal_ = nullptr;  ///< the run's SIGINT/SIGTERM, read between copy batches too
  RetryCount retries_;
  uint32_t guarded_done_ = 0;  ///< statement of the current file whose guard found it done
  size_t skipped_ = 0;
  int assumed_ = 0;
};

}  // namespace dsqlint
