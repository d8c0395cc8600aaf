#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace dsqlint {

/// One row of a query result; NULL is nullopt. Values are PostgreSQL's text output.
using Row = std::vector<std::optional<std::string>>;

/// What the server (or libpq) answered to one statement.
struct QueryResult {
  std::string sqlstate;  ///< empty on success; "08006" and friends when the connection failed
  std::string message;   ///< the server's primary message (and DETAIL), empty on success
  std::vector<Row> rows;
  long affected = 0;     ///< rows inserted/updated/deleted (PQcmdTuples), 0 otherwise

  bool ok() const { return sqlstate.empty(); }
  /// Class 08, 57P01..57P03 or a dead socket: the statement's outcome is unknown.
  bool connection_lost() const;
  /// 40001: DSQL's optimistic-concurrency conflict (OC000/OC001) or a serialization failure.
  bool conflict() const { return sqlstate == "40001"; }
  /// The first column of the first row, if there is one.
  std::optional<std::string> scalar() const;
};

/// A database session. The only I/O boundary of apply, status and rehearse: PgSession
/// (libpq) in production, a fake in unit tests.
class Session {
 public:
  virtual ~Session() = default;
  /// Runs one or more statements with the simple query protocol (no parameters).
  virtual QueryResult exec(const std::string& sql) = 0;
  /// Runs one statement with $1..$n bound as text (NULL for nullopt).
  virtual QueryResult exec_params(const std::string& sql, const std::vector<std::optional<std::string>>& params) = 0;
  /// The backend's pid (pg_backend_pid()), for logs and for tests that kill it.
  virtual int backend_pid() const = 0;
  /// False once the connection is known to be gone.
  virtual bool alive() const = 0;
};

/// Opens libpq sessions for one connection string; every open is a new connection.
class SessionFactory {
 public:
  virtual ~SessionFactory() = default;
  virtual Result<std::unique_ptr<Session>> open() = 0;
  /// The connection string with passwords (and IAM tokens) masked, for every output.
  virtual std::string display() const = 0;
};

/// A factory of libpq connections to `conninfo` (URI or key=value form).
std::unique_ptr<SessionFactory> pg_sessions(std::string conninfo);
/// The same, asking `conninfo` again before every connection (a fresh IAM token each time).
std::unique_ptr<SessionFactory> pg_sessions(std::function<Result<std::string>()> conninfo);

/// A session from `sessions`, trying again after 0.5, 1 and 2 s when connecting fails (a
/// cluster waking up, a token a moment early); the last error otherwise.
Result<std::unique_ptr<Session>> open_with_backoff(SessionFactory& sessions, int retries = 3);

/// The keywords and values a libpq connection string (URL or key=value) sets, by libpq's
/// own parser; the error is libpq's message.
Result<std::vector<std::pair<std::string, std::string>>> parse_conninfo(const std::string& conninfo);

/// `conninfo` with any password replaced by "***": postgres://u:***@h/db, password=***,
/// and ?password=... / X-Amz-Signature=... query parameters.
std::string mask_secrets(const std::string& conninfo);

/// `value` as a key=value conninfo value: in single quotes, with ' and \ escaped by a
/// backslash (libpq's rule), so any text (an IAM token with & = %) is one value.
std::string conninfo_quote(std::string_view value);

}  // namespace dsqlint
