#pragma once
#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "apply/database.h"

namespace dsqlint::testing {

/// How one dsqlint process ended, and what it printed.
struct ProcessResult {
  int exit_code = -1;  ///< -1 when a signal ended it
  int signal = 0;      ///< the signal that ended it, 0 when it exited
  std::string out;
  std::string err;

  std::string output() const { return out + err; }
};

/// A pipe that holds started processes back until release(), so that several of them
/// start at the same instant.
class StartGate {
 public:
  StartGate();
  ~StartGate();
  StartGate(const StartGate&) = delete;
  StartGate& operator=(const StartGate&) = delete;

  /// Lets every process waiting on the gate run.
  void release();
  int read_fd() const { return fds_[0]; }
  int write_fd() const { return fds_[1]; }

 private:
  int fds_[2] = {-1, -1};
};

/// The built dsqlint binary in a child process of its own (fork and exec), with stdout and
/// stderr going to files of its own, so that several can run at once. Extra environment
/// entries ("NAME=value") replace inherited ones; DSQLINT_TEST_* is never inherited.
class DsqlintProcess {
 public:
  DsqlintProcess(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                 const StartGate* gate = nullptr);
  /// Kills (SIGKILL, this pid only) and reaps the process if it is still running.
  ~DsqlintProcess();
  DsqlintProcess(const DsqlintProcess&) = delete;
  DsqlintProcess& operator=(const DsqlintProcess&) = delete;

  pid_t pid() const { return pid_; }
  /// Waits for the process to end and collects its output.
  ProcessResult wait();
  /// Waits until the process stops itself (SIGSTOP); false after `timeout` or if it ended.
  bool wait_stopped(std::chrono::milliseconds timeout);
  void resume();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::string out_path_, err_path_;
};

/// Runs dsqlint to the end; for `env`, see DsqlintProcess.
ProcessResult run_dsqlint_with(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

/// A Drizzle-style migrations folder under the test temp dir.
class MigrationFolder {
 public:
  explicit MigrationFolder(const std::string& name);

  /// Writes `file` with the statements separated by "--> statement-breakpoint" lines.
  void write(const std::string& file, const std::vector<std::string>& statements) const;
  void write_bytes(const std::string& file, const std::string& bytes) const;
  std::string read(const std::string& file) const;
  void rename(const std::string& from, const std::string& to) const;
  void remove(const std::string& file) const;
  /// The .sql file names, sorted as apply sorts them.
  std::vector<std::string> files() const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A direct connection to a test database, for seeding and for the oracle.
class Db {
 public:
  explicit Db(std::string conninfo);

  /// Runs `sql`; a failure throws with the SQLSTATE and message.
  QueryResult exec(const std::string& sql);
  /// The first row, its values joined by single spaces (NULL as "NULL"); "" for no row.
  std::string row(const std::string& sql);
  bool table_exists(const std::string& name);
  /// The user schema (schema_dump.h).
  std::string schema();
  /// Every row of the three tracking tables, without times, for before/after comparisons.
  std::string tracking_dump();
  const std::string& conninfo() const { return conninfo_; }

 private:
  std::string conninfo_;
  std::unique_ptr<Session> session_;
};

/// Connection arguments for dsqlint: --connection-string and --provider.
std::vector<std::string> target_args(const Db& db, const std::string& provider);

/// `sha256sum` of a file's bytes, computed independently of the runner.
std::string file_sha256(const MigrationFolder& folder, const std::string& file);

/// Queries and the one row each must answer: oracle (b).
using DataChecks = std::vector<std::pair<std::string, std::string>>;

/// The "nothing lost" oracle of runner-research.md §8 after the final rerun:
/// (a) the schema equals `clean_schema` (a clean single run of the same folder);
/// (b) each `data_checks` query answers its expected row (rows present once, values right);
/// (c) each file of `folder` recorded exactly once, applied, with its sha256, and no step
///     row left unfinished;
/// (d) no lock held.
void expect_nothing_lost(Db& db, const MigrationFolder& folder, const std::string& clean_schema,
                         const DataChecks& data_checks);

/// Applies `folder` to a fresh database with `provider` and returns its schema dump: the
/// reference for oracle (a). Fails the test if that clean run does not exit 0. `steps`,
/// if given, receives each file's number of steps as recorded by that run.
std::string clean_run_schema(const MigrationFolder& folder, const std::string& provider,
                             std::map<std::string, int>* steps = nullptr);

/// Three Drizzle-style files mixing DDL, DML on seeded rows, an index (ASYNC on DSQL,
/// translated back for dsql-local), a STRIP statement and non-idempotent inserts into a
/// table with no key: 3 + 5 + 5 steps on dsql-local.
void write_mixed_folder(const MigrationFolder& folder);
/// Oracle (b) for the mixed folder: every seeded row once, with values that are a function
/// of its key; each non-idempotent insert exactly once.
DataChecks mixed_data_checks();

/// `dsqlint apply --folder ... --connection-string ... --provider ...` and `extra`.
std::vector<std::string> apply_args(const MigrationFolder& folder, const Db& db, const std::string& provider,
                                    const std::vector<std::string>& extra = {});
/// `dsqlint <command> --folder ...` against `db` with provider dsql-local, and `extra`.
std::vector<std::string> command_args(const std::string& command, const MigrationFolder& folder, const Db& db,
                                      const std::vector<std::string>& extra = {});
/// Applies with DSQLINT_TEST_KILL_AT=`point` (SIGKILL there); fails the test if the hook
/// did not fire.
ProcessResult kill_at(const MigrationFolder& folder, Db& db, const std::string& provider, const std::string& point);
/// A killed runner's lease runs out (instead of waiting --lease-seconds): the next apply
/// takes it over. Fails the test unless the kill left the lock held, as a crash does.
void expire_lease(Db& db);
/// The lock table as runner-research.md §6.1 (and Mantle) creates it, with one row held by
/// `owner` until `expires` (an SQL expression), fencing token 7.
void hold_lock(Db& db, const std::string& owner, const std::string& expires);
/// Terminates the backend of a dsqlint running a statement that contains `marker`, once it
/// has run for `after`; false if none showed up within `timeout`.
bool terminate_backend_running(Db& db, const std::string& marker, std::chrono::milliseconds after,
                               std::chrono::seconds timeout);

/// Everything a runner could write: tracking rows (lock included), user schema, `checks`.
std::string database_state(Db& db, const DataChecks& checks);
/// What running the mixed folder leaves behind, without the lock row and the recorded
/// hashes (an apply that runs nothing still takes the lock; rehash changes the hashes): a
/// re-run would change the data or a finish time.
std::string work_done(Db& db);
/// "file [i/n]" for every step a dry run lists or an apply runs, in order.
std::vector<std::string> listed_steps(const std::string& output);
std::string to_crlf(const std::string& text);

}  // namespace dsqlint::testing
