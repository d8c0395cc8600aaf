#include "apply_test_support.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <regex>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "apply/schema_dump.h"
#include "aws/sha256.h"
#include "../fixture_expectations.h"
#include "../pg_test_server.h"
#include "../run_command.h"

extern char** environ;

namespace dsqlint::testing {

namespace fs = std::filesystem;

namespace {

/// The inherited environment with `extra` entries replacing those of the same name, and
/// no DSQLINT_TEST_* variable unless `extra` sets it.
std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  std::map<std::string, std::string> entries;
  for (char** entry = environ; *entry; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    if (!name.starts_with("DSQLINT_TEST_")) entries[name] = text;
  }
  for (const std::string& text : extra) entries[text.substr(0, text.find('='))] = text;
  std::vector<std::string> out;
  for (auto& [name, text] : entries) out.push_back(std::move(text));
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

/// In the forked child: only async-signal-safe calls until execve.
[[noreturn]] void exec_child(const StartGate* gate, const char* out, const char* err, char** argv, char** envp) {
  if (gate) {
    close(gate->write_fd());
    char byte;
    while (read(gate->read_fd(), &byte, 1) < 0 && errno == EINTR) {
    }
  }
  const int in_fd = open("/dev/null", O_RDONLY);
  const int out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err_fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in_fd < 0 || out_fd < 0 || err_fd < 0) _exit(126);
  dup2(in_fd, 0);
  dup2(out_fd, 1);
  dup2(err_fd, 2);
  execve(argv[0], argv, envp);
  _exit(127);
}

std::unique_ptr<Session> open_session(const std::string& conninfo) {
  Result<std::unique_ptr<Session>> session = pg_sessions(conninfo)->open();
  if (!session) throw std::runtime_error(session.error().message);
  return std::move(*session);
}

std::string join_row(const Row& row) {
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) out += (i ? " " : "") + row[i].value_or("NULL");
  return out;
}

std::string join_rows(const QueryResult& result) {
  std::string out;
  for (const Row& row : result.rows) out += join_row(row) + "\n";
  return out;
}

}  // namespace

StartGate::StartGate() {
  if (pipe2(fds_, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
}

StartGate::~StartGate() {
  release();
  if (fds_[0] >= 0) close(fds_[0]);
}

void StartGate::release() {
  if (fds_[1] >= 0) close(fds_[1]);
  fds_[1] = -1;
}

DsqlintProcess::DsqlintProcess(const std::vector<std::string>& args, const std::vector<std::string>& env,
                               const StartGate* gate) {
  static int counter = 0;
  const std::string dir = make_temp_dir("process-" + std::to_string(++counter));
  out_path_ = dir + "/stdout";
  err_path_ = dir + "/stderr";
  std::vector<std::string> argv_strings{DSQLINT_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = child_environment(env);
  std::vector<char*> argv = c_strings(argv_strings), envp = c_strings(env_strings);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) exec_child(gate, out_path_.c_str(), err_path_.c_str(), argv.data(), envp.data());
}

DsqlintProcess::~DsqlintProcess() {
  if (reaped_ || pid_ <= 0) return;
  kill(pid_, SIGKILL);
  kill(pid_, SIGCONT);
  while (waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
  }
}

ProcessResult DsqlintProcess::wait() {
  while (!reaped_) {
    if (waitpid(pid_, &status_, 0) == pid_) reaped_ = true;
    else if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  ProcessResult result;
  if (WIFEXITED(status_)) result.exit_code = WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) result.signal = WTERMSIG(status_);
  result.out = read_text_file(out_path_);
  result.err = read_text_file(err_path_);
  return result;
}

bool DsqlintProcess::wait_stopped(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const pid_t changed = waitpid(pid_, &status_, WUNTRACED | WNOHANG);
    if (changed == pid_ && WIFSTOPPED(status_)) return true;
    if (changed == pid_) {
      reaped_ = true;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

void DsqlintProcess::resume() { kill(pid_, SIGCONT); }

ProcessResult run_dsqlint_with(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  return DsqlintProcess(args, env).wait();
}

MigrationFolder::MigrationFolder(const std::string& name) : path_(make_temp_dir(name)) {}

void MigrationFolder::write(const std::string& file, const std::vector<std::string>& statements) const {
  std::string text;
  for (size_t i = 0; i < statements.size(); ++i) text += (i ? "\n--> statement-breakpoint\n" : "") + statements[i];
  write_bytes(file, text + "\n");
}

void MigrationFolder::write_bytes(const std::string& file, const std::string& bytes) const {
  write_file(path_ + "/" + file, bytes);
}

std::string MigrationFolder::read(const std::string& file) const { return read_text_file(path_ + "/" + file); }

void MigrationFolder::rename(const std::string& from, const std::string& to) const {
  fs::rename(path_ + "/" + from, path_ + "/" + to);
}

void MigrationFolder::remove(const std::string& file) const { fs::remove(path_ + "/" + file); }

std::vector<std::string> MigrationFolder::files() const {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(path_))
    if (entry.path().extension() == ".sql") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

Db::Db(std::string conninfo) : conninfo_(std::move(conninfo)), session_(open_session(conninfo_)) {}

QueryResult Db::exec(const std::string& sql) {
  QueryResult result = session_->exec(sql);
  if (!result.ok()) throw std::runtime_error(result.sqlstate + " " + result.message + "\n  in: " + sql);
  return result;
}

std::string Db::row(const std::string& sql) {
  const QueryResult result = exec(sql);
  return result.rows.empty() ? "" : join_row(result.rows.front());
}

bool Db::table_exists(const std::string& name) {
  return row("SELECT to_regclass('" + name + "') IS NOT NULL") == "t";
}

std::string Db::schema() { return dump_schema(*session_); }

std::string Db::tracking_dump() {
  std::string out;
  if (table_exists("__mantle_migrations"))
    out += join_rows(exec("SELECT migration_sha256, raw_sha256, filename, state, statements_total, statements_done, "
                          "assumed_applied, run_id, last_sqlstate, last_error, finished_at IS NULL "
                          "FROM __mantle_migrations ORDER BY 1"));
  if (table_exists("__mantle_migration_steps"))
    out += join_rows(exec("SELECT migration_sha256, step_index, statement_sha256, kind, state, cursor, rows_done "
                          "FROM __mantle_migration_steps ORDER BY 1, 2"));
  if (table_exists("__mantle_migration_lock"))
    out += join_rows(exec("SELECT lock_name, owner_id, fencing_token, acquired_at, expires_at "
                          "FROM __mantle_migration_lock ORDER BY 1"));
  return out;
}

std::vector<std::string> target_args(const Db& db, const std::string& provider) {
  return {"--connection-string", db.conninfo(), "--provider", provider};
}

std::string file_sha256(const MigrationFolder& folder, const std::string& file) {
  return sha256_hex(folder.read(file));
}

void expect_nothing_lost(Db& db, const MigrationFolder& folder, const std::string& clean_schema,
                         const DataChecks& data_checks) {
  EXPECT_EQ(db.schema(), clean_schema) << "(a) the schema differs from a clean run";
  for (const auto& [sql, expected] : data_checks) EXPECT_EQ(db.row(sql), expected) << "(b) " << sql;
  std::string expected_rows;
  for (const std::string& file : folder.files())
    expected_rows += file + " applied " + file_sha256(folder, file) + " t\n";
  EXPECT_EQ(join_rows(db.exec("SELECT filename, state, migration_sha256, statements_done = statements_total "
                              "FROM __mantle_migrations ORDER BY filename")),
            expected_rows)
      << "(c) each file once, applied, with its sha256";
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_steps WHERE state NOT IN ('done', 'assumed_applied', "
                   "'skipped')"),
            "0")
      << "(c) a step row left unfinished";
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migration_lock WHERE owner_id IS NOT NULL"), "0")
      << "(d) a lock left held";
}

std::string clean_run_schema(const MigrationFolder& folder, const std::string& provider,
                             std::map<std::string, int>* steps) {
  Db db(fresh_database("clean"));
  std::vector<std::string> args{"apply", "--folder", folder.path()};
  for (const std::string& arg : target_args(db, provider)) args.push_back(arg);
  const ProcessResult clean = run_dsqlint_with(args);
  EXPECT_EQ(clean.exit_code, 0) << "the clean reference run failed:\n" << clean.output();
  if (steps)
    for (const Row& row : db.exec("SELECT filename, statements_total FROM __mantle_migrations").rows)
      (*steps)[row[0].value_or("")] = std::stoi(row[1].value_or("0"));
  return db.schema();
}

void write_mixed_folder(const MigrationFolder& folder) {
  folder.write("0001_seed.sql",
               {R"(CREATE TABLE "items" ("id" integer PRIMARY KEY NOT NULL, "v" integer NOT NULL);)",
                R"(INSERT INTO "items" ("id", "v") SELECT g, g * 7 FROM generate_series(1, 2000) g;)",
                R"(CREATE TABLE "events" ("note" text NOT NULL, "at" integer NOT NULL);)"});
  folder.write("0002_columns.sql",
               {R"(ALTER TABLE "items" ADD COLUMN "w" integer;)", R"(UPDATE "items" SET "w" = "id" * 3;)",
                R"(CREATE INDEX "items_w_idx" ON "items" USING btree ("w");)",
                R"(ALTER TABLE "items" ENABLE ROW LEVEL SECURITY;)",
                R"(INSERT INTO "events" ("note", "at") VALUES ('columns', 2);)"});
  folder.write("0003_more.sql",
               {R"(CREATE TABLE "tags" ("id" integer PRIMARY KEY NOT NULL, "item_id" integer NOT NULL, )"
                R"("label" varchar(40));)",
                R"(INSERT INTO "tags" ("id", "item_id", "label") )"
                R"(SELECT g, g, 'tag-' || g FROM generate_series(1, 500) g;)",
                R"(CREATE UNIQUE INDEX "tags_label_uq" ON "tags" USING btree ("label");)",
                R"(ALTER TABLE "tags" ADD COLUMN "weight" integer;)",
                R"(INSERT INTO "events" ("note", "at") VALUES ('more', 3);)"});
}

DataChecks mixed_data_checks() {
  return {{"SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE v = id * 7 AND w = id * 3), min(id), max(id) "
           "FROM items",
           "2000 2000 2000 1 2000"},
          {"SELECT count(*), count(*) FILTER (WHERE label = 'tag-' || id AND item_id = id) FROM tags", "500 500"},
          {"SELECT string_agg(note || ':' || at, ',' ORDER BY at) FROM events", "columns:2,more:3"}};
}

std::vector<std::string> apply_args(const MigrationFolder& folder, const Db& db, const std::string& provider,
                                    const std::vector<std::string>& extra) {
  std::vector<std::string> args{"apply", "--folder", folder.path()};
  for (const std::string& arg : target_args(db, provider)) args.push_back(arg);
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::vector<std::string> command_args(const std::string& command, const MigrationFolder& folder, const Db& db,
                                      const std::vector<std::string>& extra) {
  std::vector<std::string> args{command, "--folder", folder.path()};
  for (const std::string& arg : target_args(db, "dsql-local")) args.push_back(arg);
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

void expire_lease(Db& db) {
  EXPECT_EQ(db.exec("UPDATE __mantle_migration_lock SET expires_at = now() - interval '1 second' "
                    "WHERE owner_id IS NOT NULL")
                .affected,
            1)
      << "the killed runner should have left its lease behind";
}

ProcessResult kill_at(const MigrationFolder& folder, Db& db, const std::string& provider, const std::string& point) {
  ProcessResult killed = run_dsqlint_with(apply_args(folder, db, provider), {"DSQLINT_TEST_KILL_AT=" + point});
  EXPECT_EQ(killed.signal, SIGKILL) << "the hook did not fire at " << point << "\n" << killed.output();
  return killed;
}

std::string database_state(Db& db, const DataChecks& checks) {
  std::string out = db.tracking_dump() + db.schema();
  for (const auto& check : checks) out += db.row(check.first) + "\n";
  return out;
}

std::string work_done(Db& db) {
  std::string out = db.schema();
  for (const auto& check : mixed_data_checks()) out += db.row(check.first) + "\n";
  out += join_rows(db.exec("SELECT statements_done, assumed_applied, started_at, finished_at FROM __mantle_migrations "
                           "ORDER BY started_at"));
  return out + db.row("SELECT count(*), max(finished_at) FROM __mantle_migration_steps");
}

std::vector<std::string> listed_steps(const std::string& output) {
  static const std::regex header(R"(([^ /]+\.sql)  sha256:)"), step(R"(^\s+\[(\d+/\d+)\])");
  std::vector<std::string> steps;
  std::string file;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, header)) file = match[1];
    else if (std::regex_search(line, match, step)) steps.push_back(file + " [" + match[1].str() + "]");
  }
  return steps;
}

void hold_lock(Db& db, const std::string& owner, const std::string& expires) {
  db.exec("CREATE TABLE __mantle_migration_lock (lock_name text PRIMARY KEY, owner_id text, "
          "fencing_token bigint NOT NULL DEFAULT 0, acquired_at timestamptz, heartbeat_at timestamptz, "
          "expires_at timestamptz)");
  db.exec("INSERT INTO __mantle_migration_lock VALUES ('apply', '" + owner + "', 7, now() - interval '1 hour', " +
          "now() - interval '1 hour', " + expires + ")");
}

std::string to_crlf(const std::string& text) {
  std::string out;
  for (const char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

bool terminate_backend_running(Db& db, const std::string& marker, std::chrono::milliseconds after,
                               std::chrono::seconds timeout) {
  const std::string running =
      "FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'dsqlint' "
      "AND state = 'active' AND pid <> pg_backend_pid() AND position('" + marker + "' IN query) > 0";
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (db.row("SELECT count(*) " + running) != "0") {
      std::this_thread::sleep_for(after);
      return db.row("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) " + running) == "1";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace dsqlint::testing
