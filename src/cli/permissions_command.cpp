// dsqlint apply-permissions: Mantle's `db apply-permissions`. Runs the SQL files of a
// permissions folder (roles, GRANTs, AWS IAM GRANTs) on the admin connection, each
// statement in a transaction of its own (on DSQL a GRANT is DDL), and records each file by
// its hash, so a second run skips what is applied and an edited file runs again. It takes
// apply's lease first: a GRANT is DDL, and DDL of two runners at once conflicts on DSQL.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "apply/lease_lock.h"
#include "apply/runner.h"
#include "cli/apply_command.h"
#include "core/source_file.h"
#include "parse/parsed_file.h"
#include "parse/pg.h"
#include "plan/dsql_local.h"
#include "plan/planner.h"
#include "plan/provider.h"

namespace dsqlint {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTable =
    "CREATE TABLE IF NOT EXISTS __mantle_permissions (file_sha256 text PRIMARY KEY, filename text NOT NULL, "
    "statements integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

struct PermissionFile {
  std::string name;
  SourceFile source;
  std::string sha256;
};

/// The folder's .sql files in name order, read and checked before anything runs.
Result<std::vector<PermissionFile>> read_folder(const std::string& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) return Error{folder + ": no such folder"};
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<PermissionFile> files;
  std::string problems;
  for (const fs::path& path : paths) {
    auto bytes = read_file_bytes(path.string());
    if (!bytes) {
      problems += path.string() + ": " + bytes.error().message + "\n";
      continue;
    }
    SourceFile source = make_source(path.string(), *bytes);
    if (const auto invalid = validate_source(source)) {
      problems += path.string() + ": " + invalid->message + "\n";
      continue;
    }
    const std::string sha = normalized_sha256(source.text);
    files.push_back({path.filename().string(), std::move(source), sha});
  }
  if (!problems.empty()) return Error{problems + "nothing was run"};
  return files;
}

bool creates_role(const ParsedStatement& statement) {
  return statement.kind == SyntaxKind::Postgres && statement.node && IsA(statement.node, CreateRoleStmt);
}

/// Runs one statement in a transaction of its own, retrying DSQL's concurrency conflicts.
QueryResult run_alone(Session& session, const std::string& sql) {
  QueryResult result;
  for (int attempt = 0; attempt < 5; ++attempt) {
    result = session.exec(sql);
    if (!result.conflict()) break;
  }
  return result;
}

/// Apply's lease, held for the whole run and given back however the run ends.
class HeldLease {
 public:
  HeldLease(Session& session, LeaseLock& lock) : session_(session), lock_(lock) {}
  ~HeldLease() { lock_.release(session_); }
  HeldLease(const HeldLease&) = delete;
  HeldLease& operator=(const HeldLease&) = delete;

 private:
  Session& session_;
  LeaseLock& lock_;
};

}  // namespace

int run_apply_permissions(const std::string& folder, const ConnectionOptions& options) {
  auto provider = resolve_provider(options);
  auto target = connection_target(options);
  if (!provider || !target) {
    std::cerr << "dsqlint: " << (!provider ? provider.error().message : target.error().message) << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  auto files = read_folder(folder);
  if (!files) {
    std::cerr << "dsqlint: " << files.error().message << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  // Every file parses before anything runs: a half-applied folder is harder to reason about.
  std::vector<ParsedFile> parsed;
  for (const PermissionFile& file : *files) {
    parsed.push_back(parse_file(file.source));
    for (const ParsedStatement& statement : parsed.back().statements)
      if (statement.kind == SyntaxKind::SyntaxError) {
        std::cerr << fmt::format("dsqlint: {}: syntax error: {}; nothing was run\n", file.source.path, statement.error);
        return static_cast<int>(ApplyExit::kUsage);
      }
  }
  auto sessions = pg_sessions([connection = options] { return connection_target(connection); });
  auto session = open_with_backoff(*sessions);
  if (!session) {
    std::cerr << "dsqlint: cannot connect to " << sessions->display() << ": " << session.error().message << "\n";
    return static_cast<int>(ApplyExit::kConnection);
  }
  Session& db = **session;
  std::cout << fmt::format("dsqlint {} apply-permissions: provider {}, database {}, {} file(s)\n", DSQLINT_VERSION,
                           provider_name(*provider), sessions->display(), files->size());
  LeaseLock lock(runner_identity(), ApplyOptions{}.lease_seconds);
  std::optional<LockHolder> holder;
  QueryResult lock_error = LeaseLock::create_table(db);
  if (!lock_error.ok() || !lock.try_acquire(db, holder, lock_error, *provider != Provider::AuroraDsql)) {
    if (holder)
      std::cerr << fmt::format("dsqlint: the migration lock is held by {} since {}; nothing was run. Try again "
                               "later, or see 'dsqlint status'\n", holder->owner, holder->acquired_at);
    else
      std::cerr << "dsqlint: cannot take the migration lock: " << lock_error.sqlstate << " " << lock_error.message << "\n";
    return static_cast<int>(ApplyExit::kLock);
  }
  const HeldLease held(db, lock);
  if (const QueryResult made = run_alone(db, std::string(kTable)); !made.ok()) {
    std::cerr << fmt::format("dsqlint: creating __mantle_permissions: {} {}\n", made.sqlstate, made.message);
    return static_cast<int>(ApplyExit::kSqlFailure);
  }
  size_t applied = 0, skipped = 0;
  for (size_t f = 0; f < files->size(); ++f) {
    const PermissionFile& file = (*files)[f];
    const QueryResult seen = db.exec_params(
        "SELECT applied_at::text FROM __mantle_permissions WHERE file_sha256 = $1", {file.sha256});
    if (!seen.ok()) {
      std::cerr << fmt::format("dsqlint: reading __mantle_permissions: {} {}\n", seen.sqlstate, seen.message);
      return static_cast<int>(ApplyExit::kSqlFailure);
    }
    if (seen.scalar()) {
      ++skipped;
      std::cout << fmt::format("-> {}  sha256:{}  already applied at {}, skipped\n", file.name, file.sha256.substr(0, 12),
                               *seen.scalar());
      continue;
    }
    const QueryResult earlier =
        db.exec_params("SELECT count(*) FROM __mantle_permissions WHERE filename = $1", {file.name});
    const bool edited = earlier.ok() && earlier.scalar() && *earlier.scalar() != "0";
    std::cout << fmt::format("-> {}  sha256:{}  {} statement(s){}\n", file.name, file.sha256.substr(0, 12),
                             parsed[f].statements.size(), edited ? ", changed since it was applied: running it again" : "");
    for (size_t s = 0; s < parsed[f].statements.size(); ++s) {
      const ParsedStatement& statement = parsed[f].statements[s];
      std::string sql(file.source.slice(statement.span));
      if (*provider == Provider::DsqlLocal) {
        const LocalStatement local = translate_for_postgres(sql);
        if (!local.sql) {
          std::cout << fmt::format("   [{}] skipped: {}\n", s + 1, local.skipped_because);
          continue;
        }
        sql = *local.sql;
      }
      const QueryResult ran = run_alone(db, sql);
      if (ran.ok()) {
        std::cout << fmt::format("   [{}] ok\n", s + 1);
      } else if (ran.sqlstate == "42710" && creates_role(statement)) {
        std::cout << fmt::format("   [{}] the role exists already: accepted\n", s + 1);
      } else {
        std::cerr << fmt::format("dsqlint: {} statement {}: {} {}\n  statements 1-{} of the file ran; it is not "
                                 "recorded, so the next run starts it again from its first statement\n",
                                 file.source.path, s + 1, ran.sqlstate, ran.message, s);
        return static_cast<int>(ApplyExit::kSqlFailure);
      }
    }
    const QueryResult recorded = db.exec_params(
        "INSERT INTO __mantle_permissions (file_sha256, filename, statements) VALUES ($1, $2, $3) "
        "ON CONFLICT (file_sha256) DO NOTHING",
        {file.sha256, file.name, std::to_string(parsed[f].statements.size())});
    if (!recorded.ok()) {
      std::cerr << fmt::format("dsqlint: recording {}: {} {}\n", file.name, recorded.sqlstate, recorded.message);
      return static_cast<int>(ApplyExit::kSqlFailure);
    }
    ++applied;
  }
  std::cout << fmt::format("done: {} file(s) applied, {} already applied and skipped\n", applied, skipped);
  return static_cast<int>(ApplyExit::kDone);
}

}  // namespace dsqlint
