// dsqlint status, unlock and rehash: read or repair the tracking state, never apply.
#include <iostream>

#include <fmt/format.h>

#include "apply/lease_lock.h"
#include "apply/reconcile.h"
#include "apply/runner.h"
#include "apply/tracking.h"
#include "cli/apply_command.h"
#include "cli/status_document.h"
#include "plan/provider.h"

namespace dsqlint {

namespace {

/// status's exit codes, for deploy scripts (documented in the README).
constexpr int kUpToDate = 0, kPending = 10, kFailed = 11, kEdited = 12;

struct Connected {
  Plan plan;
  std::unique_ptr<SessionFactory> sessions;
  std::unique_ptr<Session> session;
};

Result<Connected> connect(const std::string& folder, const ConnectionOptions& options) {
  auto provider = resolve_provider(options);
  if (!provider) return provider.error();
  auto target = connection_target(options);
  if (!target) return target.error();
  Connected out;
  if (!folder.empty()) {
    auto plan = plan_folder(folder, *provider);
    if (!plan) return plan.error();
    out.plan = std::move(*plan);
  }
  out.sessions = pg_sessions(*target);
  auto session = open_with_backoff(*out.sessions);
  if (!session) return session.error();
  out.session = std::move(*session);
  return out;
}

int status_code(const Reconciliation& files) {
  int code = kUpToDate;
  for (const FileStatus& status : files.files) {
    if (status.state == FileState::Edited || status.out_of_order) return kEdited;
    if (status.state == FileState::Failed || status.state == FileState::Running) code = kFailed;
    if (status.state == FileState::Pending && code == kUpToDate) code = kPending;
  }
  return code;
}

}  // namespace

int run_status(const std::string& folder, ConnectionOptions options, bool json) {
  auto connected = connect(folder, options);
  if (!connected) {
    std::cerr << "dsqlint: " << connected.error().message << "\n";
    return static_cast<int>(ApplyExit::kConnection);
  }
  auto tracking = read_tracking(*connected->session);
  if (!tracking) {
    std::cerr << "dsqlint: " << tracking.error().message << "\n";
    return static_cast<int>(ApplyExit::kConnection);
  }
  const Reconciliation files = reconcile(connected->plan, *tracking);
  const auto holder = tracking->exists ? LeaseLock::holder(*connected->session) : std::nullopt;
  if (json) {
    std::cout << status_document(files, holder).dump(2) << "\n";
    return status_code(files);
  }
  for (const FileStatus& status : files.files) {
    const std::string state(file_state_name(status.state));
    if (status.state == FileState::Edited && status.row) {  // its steps ran as the recorded content
      std::cout << fmt::format("{:<8} {:<40} {} with sha256 {}, the file now has sha256 {}: restore it, or accept the "
                               "edit with 'dsqlint rehash {}'\n",
                               state, status.file->name, status.row->state, status.row->sha256.substr(0, 12),
                               status.file->sha256.substr(0, 12), status.file->name);
      continue;
    }
    const int done = status.state == FileState::Applied ? static_cast<int>(status.file->steps.size()) : status.steps_done;
    std::cout << fmt::format("{:<8} {:<40} {}/{} steps{}{}{}\n", state, status.file->name, done, status.file->steps.size(),
                             skipped_steps(*status.file) ? fmt::format(", {} skipped (not supported on the target)",
                                                                      skipped_steps(*status.file))
                                                         : "",
                             status.out_of_order ? ", out of order" : "",
                             status.row && !status.row->last_error.empty() && status.state == FileState::Failed
                                 ? ": " + status.row->last_sqlstate + " " + status.row->last_error
                                 : "");
  }
  for (const TrackedMigration* row : files.missing)
    std::cout << fmt::format("{:<8} {:<40} recorded, but the file is gone\n", "missing", row->filename);
  if (holder)
    std::cout << fmt::format("lock: held by {} since {}, expires {}{}\n", holder->owner, holder->acquired_at,
                             holder->expires_at, holder->expired ? " (expired: the next apply takes it over)" : "");
  else
    std::cout << "lock: free\n";
  return status_code(files);
}

int run_unlock(ConnectionOptions options, bool force) {
  auto connected = connect("", options);
  if (!connected) {
    std::cerr << "dsqlint: " << connected.error().message << "\n";
    return static_cast<int>(ApplyExit::kConnection);
  }
  const auto holder = LeaseLock::holder(*connected->session);
  if (!holder) {
    std::cout << "lock: free; nothing to do\n";
    return 0;
  }
  if (!holder->expired && !force) {
    std::cerr << fmt::format("dsqlint: the lock is held by {} and its lease is fresh (expires {}); if that runner is "
                             "really gone, run 'dsqlint unlock --force'\n", holder->owner, holder->expires_at);
    return static_cast<int>(ApplyExit::kLock);
  }
  const QueryResult cleared = LeaseLock::clear(*connected->session);
  if (!cleared.ok()) {
    std::cerr << "dsqlint: " << cleared.sqlstate << " " << cleared.message << "\n";
    return static_cast<int>(ApplyExit::kSqlFailure);
  }
  std::cout << "lock: released the lease of " << holder->owner << "\n";
  return 0;
}

int run_rehash(const std::string& folder, const std::string& file, ConnectionOptions options) {
  auto connected = connect(folder, options);
  if (!connected) {
    std::cerr << "dsqlint: " << connected.error().message << "\n";
    return static_cast<int>(ApplyExit::kConnection);
  }
  for (const FilePlan& plan : connected->plan.files) {
    if (plan.name != file && plan.path != file) continue;
    // Steps first (they are found by the old hash), then the migration row.
    const QueryResult steps = connected->session->exec_params(
        "UPDATE __mantle_migration_steps SET migration_sha256 = $2 WHERE migration_sha256 = "
        "(SELECT migration_sha256 FROM __mantle_migrations WHERE filename = $1 AND migration_sha256 <> $2)",
        {plan.name, plan.sha256});
    const QueryResult updated = !steps.ok() ? steps : connected->session->exec_params(
        "UPDATE __mantle_migrations SET migration_sha256 = $2, raw_sha256 = $3, "
        "last_error = 'rehashed from ' || migration_sha256 || ' by ' || current_user || ' at ' || now() "
        "WHERE filename = $1 AND migration_sha256 <> $2 RETURNING 1",
        {plan.name, plan.sha256, plan.raw_sha256});
    if (!updated.ok() || updated.rows.empty()) {
      std::cerr << "dsqlint: " << (updated.ok() ? plan.name + " has no recorded row with other content" : updated.message)
                << "\n";
      return static_cast<int>(ApplyExit::kRefused);
    }
    std::cout << "rehashed " << plan.name << ": now recorded as sha256 " << plan.sha256 << "\n";
    return 0;
  }
  std::cerr << "dsqlint: " << file << " is not a migration in " << folder << "\n";
  return static_cast<int>(ApplyExit::kUsage);
}

}  // namespace dsqlint
