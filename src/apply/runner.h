#pragma once
#include <chrono>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "apply/database.h"
#include "apply/retry.h"
#include "plan/plan.h"

namespace dsqlint {

/// apply's exit codes (runner-research.md §6.6), beyond check's 0/1/2.
enum class ApplyExit : int {
  kDone = 0,          ///< everything applied, or nothing to do
  kSqlFailure = 1,    ///< a statement failed; what is committed is printed
  kUsage = 2,
  kLock = 3,          ///< lease held by another runner past --lock-wait, or lost
  kRefused = 4,       ///< edited applied file, duplicate, out of order, UNSUPPORTED statement
  kConnection = 5,    ///< cannot connect, or the connection kept dropping
  kInterrupted = 6,   ///< SIGINT/SIGTERM or the stop time: stopped between steps, resumable
  kConflicts = 7,     ///< optimistic-concurrency retries exhausted
};

struct ApplyOptions {
  bool use_lock = true;
  bool dry_run = false;
  bool allow_out_of_order = false;
  int lock_wait_seconds = 0;   ///< how long to wait for a held lease before exit 3
  int lease_seconds = 300;     ///< 5 minutes, DSQL's longest transaction
  int max_reconnects = 3;
  RetryPolicy retry;
  bool terminal = false;  ///< stdout is a terminal: rows copied update one line in place
  /// No step starts after this moment (an AWS Lambda invocation's deadline, less a margin):
  /// apply stops between steps as on SIGTERM (exit 6), and the next run resumes.
  std::optional<std::chrono::system_clock::time_point> stop_by;
  bool past_stop_time() const { return stop_by && std::chrono::system_clock::now() >= *stop_by; }
  /// Tests: called with "before:<file>:<step>" / "after:<file>:<step>" around each step.
  std::function<void(const std::string&)> checkpoint;
};

/// "user@host pid 123 run 5f3a...": who holds the lease, for the operator.
std::string runner_identity();

/// Applies the plan's pending steps through `sessions`, tracked, locked and resumable
/// (runner-research.md §6.4). Prints progress to `out`, failures to `err`.
ApplyExit apply_plan(const Plan& plan, SessionFactory& sessions, const ApplyOptions& options, std::ostream& out,
                     std::ostream& err);

}  // namespace dsqlint
