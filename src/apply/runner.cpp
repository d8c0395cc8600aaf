#include "apply/runner.h"

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <csignal>
#include <ostream>
#include <unistd.h>

#include <fmt/format.h>

#include "apply/heartbeat.h"
#include "apply/index_check.h"
#include "apply/lease_lock.h"
#include "apply/reconcile.h"
#include "apply/step_runner.h"
#include "apply/tracking.h"
#include "plan/planner.h"
#include "plan/provider.h"

namespace dsqlint {

namespace {

std::atomic<int> g_signal{0};

extern "C" void remember_signal(int signal) { g_signal = signal; }

class Run {
 public:
  Run(const Plan& plan, SessionFactory& sessions, const ApplyOptions& options, std::ostream& out, std::ostream& err)
      : plan_(plan), sessions_(sessions), options_(options), out_(out), err_(err), lock_(runner_identity(), options.lease_seconds) {}

  ApplyExit run() {
    try {
      header();
      if (options_.dry_run) return dry_run();
      connect();
      return apply();
    } catch (const ApplyStop& stop) {
      return stop.code;
    }
  }

 private:
  void header() {
    out_ << fmt::format("dsqlint {} apply: provider {}, database {}, {} file(s), runner {}\n", DSQLINT_VERSION,
                        provider_name(plan_.provider), sessions_.display(), plan_.files.size(), lock_.owner());
  }

  void connect() {
    for (int attempt = 0;; ++attempt) {
      auto opened = sessions_.open();
      if (opened) {
        session_ = std::move(*opened);
        return;
      }
      if (attempt >= options_.max_reconnects) {
        err_ << "dsqlint: cannot connect: " << opened.error().message << "\n";
        throw ApplyStop{ApplyExit::kConnection};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500 << attempt));
    }
  }

  TrackingState read_state() {
    auto state = read_tracking(*session_);
    if (!state) {
      err_ << "dsqlint: cannot read the tracking tables: " << state.error().message << "\n";
      throw ApplyStop{ApplyExit::kConnection};
    }
    return std::move(*state);
  }

  /// Everything that refuses before the database is written: edited files, duplicates,
  /// out-of-order files, UNSUPPORTED statements in what is pending.
  void validate(const Reconciliation& files) {
    bool refused = false;
    for (const std::string& duplicate : files.duplicates) {
      err_ << "dsqlint: refused: " << duplicate << " (a migration is identified by its content)\n";
      refused = true;
    }
    for (const FileStatus& status : files.files) {
      if (status.state == FileState::Edited) {
        err_ << fmt::format(
            "dsqlint: refused: {} was applied with sha256 {} but now has sha256 {}; restore it, or accept the edit "
            "with 'dsqlint rehash {}'\n",
            status.file->path, status.row->sha256, status.file->sha256, status.file->name);
        refused = true;
      }
      if (status.out_of_order && !options_.allow_out_of_order) {
        err_ << "dsqlint: refused: " << status.file->path
             << " is pending but sorts before a migration already applied; rename it, or apply with "
                "--allow-out-of-order\n";
        refused = true;
      }
      if (status.state == FileState::Applied) continue;
      for (const Step& step : status.file->steps)
        // A copy is refused above already, with both files named.
        if (step.kind == StepKind::Refuse && !(step.rule == "duplicate-migration" && !files.duplicates.empty())) {
          err_ << fmt::format("dsqlint: refused: {} statement {} cannot run on {}: {}\n", status.file->path,
                              step.statement, provider_name(plan_.provider), step.note);
          refused = true;
        }
    }
    for (const TrackedMigration* row : files.missing)
      out_ << "warning: " << row->filename << " (sha256 " << row->sha256.substr(0, 12)
           << ") is recorded but its file is gone\n";
    if (refused) {
      err_ << "dsqlint: nothing was applied\n";
      throw ApplyStop{ApplyExit::kRefused};
    }
  }

  ApplyExit dry_run() {
    connect();
    const TrackingState state = read_state();  // the reconciliation points into it
    const Reconciliation files = reconcile(plan_, state);
    validate(files);
    size_t pending = 0;
    for (const FileStatus& status : files.files) {
      if (status.state == FileState::Applied) {
        out_ << "applied  " << status.file->path << "\n";
        continue;
      }
      ++pending;
      out_ << file_state_name(status.state) << "  " << describe(*status.file, status.steps_done);
      note_invalid_leftovers(*status.file, status.steps_done);
    }
    out_ << fmt::format("dry run: {} file(s) pending; nothing was written\n", pending);
    return ApplyExit::kDone;
  }

  /// Dry run: the INVALID indexes that apply would drop before building them again (a read).
  void note_invalid_leftovers(const FilePlan& file, size_t first_step) {
    for (size_t i = first_step; i < file.steps.size(); ++i) {
      const Step& step = file.steps[i];
      if (!step.index || step.kind == StepKind::Skip || step.kind == StepKind::Refuse) continue;
      const IndexLookup leftover = IndexCheck(*session_, *step.index).existing();
      if (leftover.found && !leftover.found->valid)
        out_ << fmt::format("  note: {} is INVALID now (a failed build's); step {} drops it and builds it again\n",
                            leftover.found->name, i + 1);
    }
  }

  void acquire_lock() {
    if (auto created = create_tracking_tables(*session_); !created) {
      err_ << "dsqlint: cannot create the tracking tables: " << created.error().message << "\n";
      throw ApplyStop{ApplyExit::kSqlFailure};
    }
    if (!options_.use_lock) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options_.lock_wait_seconds);
    bool told = false;
    for (;;) {
      std::optional<LockHolder> holder;
      QueryResult error;
      if (lock_.try_acquire(*session_, holder, error, plan_.provider != Provider::AuroraDsql)) {
        out_ << "lock: acquired (token " << lock_.token() << ")\n";
        heartbeat_.emplace(sessions_, lock_, options_.lease_seconds);
        return;
      }
      if (!error.ok()) {
        err_ << "dsqlint: cannot take the lock: " << error.sqlstate << " " << error.message << "\n";
        throw ApplyStop{ApplyExit::kLock};
      }
      if (holder && !told) {
        out_ << fmt::format("lock: held by {} since {}, expires {}; waiting up to {} s\n", holder->owner,
                            holder->acquired_at, holder->expires_at, options_.lock_wait_seconds);
        told = true;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        err_ << "dsqlint: the migration lock is held by " << (holder ? holder->owner : "another runner")
             << "; nothing was applied. Try again later, or see 'dsqlint status'\n";
        throw ApplyStop{ApplyExit::kLock};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }

  ApplyExit apply() {
    const TrackingState state = read_state();  // the reconciliation points into it
    validate(reconcile(plan_, state));
    acquire_lock();
    std::signal(SIGINT, remember_signal);
    std::signal(SIGTERM, remember_signal);
    ApplyExit code = ApplyExit::kDone;
    for (int reconnects = 0;; ++reconnects) {
      try {
        code = apply_pending();
        break;
      } catch (const ConnectionLost& lost) {
        if (reconnects >= options_.max_reconnects) {
          err_ << "dsqlint: the connection dropped " << reconnects + 1 << " times; last: " << lost.message
               << "\nrun 'dsqlint apply' again to resume\n";
          code = ApplyExit::kConnection;
          break;
        }
        out_ << "connection lost (" << lost.message << "); reconnecting and resuming\n";
        connect();
      } catch (const ApplyStop& stop) {
        code = stop.code;
        break;
      }
    }
    finish_lock();
    return code;
  }

  ApplyExit apply_pending() {
    // Re-read after taking the lock: a runner that waited must see the winner's work.
    const TrackingState state = read_state();
    const Reconciliation files = reconcile(plan_, state);
    validate(files);
    StepRunner steps(*session_, plan_.provider, lock_, options_, out_, err_, heartbeat_ ? &*heartbeat_ : nullptr);
    size_t applied = 0;
    for (const FileStatus& status : files.files) {
      if (status.state == FileState::Applied) {
        if (status.renamed) steps.record_rename(*status.file);
        continue;
      }
      if (g_signal) return interrupted();
      if (options_.past_stop_time()) {
        err_ << fmt::format("dsqlint: stopped at the stop time (the invocation's deadline is near) before {}; run "
                            "apply again to resume\n", status.file->path);
        return ApplyExit::kInterrupted;
      }
      if (status.edited_tail) steps.adopt_edit(status.row->sha256, *status.file);
      const auto done_steps = state.steps.find(status.row ? status.row->sha256 : status.file->sha256);
      steps.run_file(*status.file, status.row != nullptr,
                     done_steps == state.steps.end() ? std::vector<TrackedStep>{} : done_steps->second, g_signal);
      ++applied;
    }
    out_ << fmt::format("done: {} file(s) applied, {} OCC retries, {} statement(s) skipped\n", applied,
                        steps.retries().conflicts, steps.skipped());
    return ApplyExit::kDone;
  }

  ApplyExit interrupted() {
    err_ << "dsqlint: interrupted by signal " << g_signal << " between steps; run 'dsqlint apply' to resume\n";
    return ApplyExit::kInterrupted;
  }

  void finish_lock() {
    if (!options_.use_lock || !heartbeat_) return;
    heartbeat_.reset();
    if (session_ && session_->alive()) lock_.release(*session_);
  }

  const Plan& plan_;
  SessionFactory& sessions_;
  const ApplyOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  LeaseLock lock_;
  std::unique_ptr<Session> session_;
  std::optional<Heartbeat> heartbeat_;
};

}  // namespace

std::string runner_identity() {
  char host[256] = "localhost";
  gethostname(host, sizeof host - 1);
  const char* user = getenv("USER");
  std::random_device random;
  return fmt::format("{}@{} pid {} run {:08x}", user ? user : "unknown", host, getpid(), random());
}

ApplyExit apply_plan(const Plan& plan, SessionFactory& sessions, const ApplyOptions& options, std::ostream& out,
                     std::ostream& err) {
  out << std::unitbuf;  // progress lines and errors interleave in the order they happen
  return Run(plan, sessions, options, out, err).run();
}

}  // namespace dsqlint
