#include <functional>
#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "apply/database.h"

namespace dsqlint {

bool QueryResult::connection_lost() const {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

std::optional<std::string> QueryResult::scalar() const {
  if (rows.empty() || rows.front().empty()) return std::nullopt;
  return rows.front().front();
}

namespace {

/// libpq failed with no SQLSTATE while the connection is gone (connection_failure).
constexpr const char* kConnectionFailure = "08006";
/// libpq failed with no SQLSTATE on a live connection: a client-side error.
constexpr const char* kClientError = "XX000";

struct ConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultCloser {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

std::string trim_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) text.pop_back();
  return text;
}

/// Notices (and warnings) are not the tool's output: libpq would print them to stderr.
void ignore_notice(void*, const char*) {}

/// The rows of a result, as PostgreSQL's text output.
std::vector<Row> read_rows(const PGresult* result) {
  std::vector<Row> rows(static_cast<size_t>(PQntuples(result)));
  const int columns = PQnfields(result);
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    Row& row = rows[static_cast<size_t>(r)];
    row.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result, r, c)) row.emplace_back(std::nullopt);
      else row.emplace_back(std::string(PQgetvalue(result, r, c), static_cast<size_t>(PQgetlength(result, r, c))));
    }
  }
  return rows;
}

class PgSession final : public Session {
 public:
  explicit PgSession(ConnPtr conn) : conn_(std::move(conn)), pid_(PQbackendPID(conn_.get())) {
    PQsetNoticeProcessor(conn_.get(), &ignore_notice, nullptr);
  }

  QueryResult exec(const std::string& sql) override {
    if (!PQsendQuery(conn_.get(), sql.c_str())) return failure(nullptr);
    return collect();
  }

  QueryResult exec_params(const std::string& sql, const std::vector<std::optional<std::string>>& params) override {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
    const int sent = PQsendQueryParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                       values.data(), nullptr, nullptr, 0);
    if (!sent) return failure(nullptr);
    return collect();
  }

  int backend_pid() const override { return pid_; }
  bool alive() const override { return !lost_ && PQstatus(conn_.get()) == CONNECTION_OK; }

 private:
  /// Reads every result of the query; the answer is the first error or else the last
  /// result. The server skips the statements after an error, so draining is quick.
  QueryResult collect() {
    QueryResult answer;
    bool any = false;
    while (ResultPtr result{PQgetResult(conn_.get())}) {
      if (abandon_copy(result.get()) || (any && !answer.ok())) continue;
      answer = convert(result.get());
      any = true;
    }
    if (!any && PQstatus(conn_.get()) != CONNECTION_OK) answer = failure(nullptr);
    return answer;
  }

  /// COPY FROM STDIN / TO STDOUT has no place in a migration run through this session:
  /// refuse to send data (the server then reports an error) and discard data sent to us.
  bool abandon_copy(const PGresult* result) {
    switch (PQresultStatus(result)) {
      case PGRES_COPY_IN:
      case PGRES_COPY_BOTH:
        PQputCopyEnd(conn_.get(), "dsqlint does not send COPY data");
        return true;
      case PGRES_COPY_OUT: {
        char* buffer = nullptr;
        while (PQgetCopyData(conn_.get(), &buffer, 0) > 0) PQfreemem(buffer);
        return true;
      }
      default:
        return false;
    }
  }

  QueryResult convert(const PGresult* result) {
    switch (PQresultStatus(result)) {
      case PGRES_COMMAND_OK:
      case PGRES_TUPLES_OK:
      case PGRES_SINGLE_TUPLE:
      case PGRES_EMPTY_QUERY: {
        QueryResult ok;
        ok.rows = read_rows(result);
        ok.affected = std::strtol(PQcmdTuples(const_cast<PGresult*>(result)), nullptr, 10);
        return ok;
      }
      default:
        return failure(result);
    }
  }

  /// A failed statement: the server's SQLSTATE and message, or libpq's own message when
  /// the failure is local (then 08006 if the connection is gone).
  QueryResult failure(const PGresult* result) {
    QueryResult failed;
    const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const char* detail = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL) : nullptr;
    const bool bad = PQstatus(conn_.get()) == CONNECTION_BAD;
    failed.sqlstate = sqlstate && *sqlstate ? sqlstate : bad ? kConnectionFailure : kClientError;
    if (primary) failed.message = primary;
    else if (result && *PQresultErrorMessage(result)) failed.message = trim_end(PQresultErrorMessage(result));
    else failed.message = trim_end(PQerrorMessage(conn_.get()));
    if (failed.message.empty()) failed.message = "the server answered with no message";
    if (detail && *detail) failed.message += "\nDETAIL: " + std::string(detail);
    if (failed.connection_lost()) lost_ = true;
    return failed;
  }

  ConnPtr conn_;
  int pid_ = 0;
  bool lost_ = false;
};

class PgSessionFactory final : public SessionFactory {
 public:
  explicit PgSessionFactory(std::function<Result<std::string>()> source) : source_(std::move(source)) {
    if (auto first = source_()) conninfo_ = std::move(*first);
  }

  Result<std::unique_ptr<Session>> open() override {
    // Asked again for every connection: an IAM token is signed afresh, so a reconnect
    // late in a long apply does not present an expired one.
    auto current = source_();
    if (!current) return current.error();
    conninfo_ = std::move(*current);
    // Entries before the expanded dbname are defaults that the connection string overrides.
    std::vector<const char*> keys{"fallback_application_name"};
    std::vector<const char*> values{"dsqlint"};
    if (!std::getenv("PGCONNECT_TIMEOUT")) {
      keys.push_back("connect_timeout");
      values.push_back("10");
    }
    keys.insert(keys.end(), {"dbname", nullptr});
    values.insert(values.end(), {conninfo_.c_str(), nullptr});
    ConnPtr conn{PQconnectdbParams(keys.data(), values.data(), 1)};
    if (!conn) return Error{"cannot connect to " + display() + ": out of memory"};
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      return Error{"cannot connect to " + display() + ": " + mask_secrets(trim_end(PQerrorMessage(conn.get())))};
    }
    return Result<std::unique_ptr<Session>>(std::make_unique<PgSession>(std::move(conn)));
  }

  std::string display() const override { return mask_secrets(conninfo_); }

 private:
  std::function<Result<std::string>()> source_;
  std::string conninfo_;  ///< the last one opened, for display()
};

}  // namespace

std::unique_ptr<SessionFactory> pg_sessions(std::string conninfo) {
  return std::make_unique<PgSessionFactory>([conninfo = std::move(conninfo)]() -> Result<std::string> { return conninfo; });
}

std::unique_ptr<SessionFactory> pg_sessions(std::function<Result<std::string>()> conninfo) {
  return std::make_unique<PgSessionFactory>(std::move(conninfo));
}

Result<std::vector<std::pair<std::string, std::string>>> parse_conninfo(const std::string& conninfo) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
  if (!options) {
    Error error{message ? message : "cannot read the connection string"};
    if (message) PQfreemem(message);
    while (!error.message.empty() && error.message.back() == '\n') error.message.pop_back();
    return error;
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const PQconninfoOption* option = options; option->keyword; ++option)
    if (option->val && *option->val) out.emplace_back(option->keyword, option->val);
  PQconninfoFree(options);
  return out;
}

Result<std::unique_ptr<Session>> open_with_backoff(SessionFactory& sessions, int retries) {
  for (int attempt = 0;; ++attempt) {
    auto opened = sessions.open();
    if (opened || attempt >= retries) return opened;
    std::this_thread::sleep_for(std::chrono::milliseconds(500 << attempt));
  }
}

}  // namespace dsqlint
