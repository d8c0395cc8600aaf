#pragma once
#include <sys/types.h>

#include <optional>
#include <string>

#include "core/result.h"

namespace dsqlint {

/// How to start a LocalServer; the defaults suit `dsqlint rehearse` and the tests.
struct LocalServerOptions {
  /// The folder holding initdb and pg_ctl. Empty: /usr/lib/postgresql/15/bin, else the
  /// highest /usr/lib/postgresql/*/bin, else the folder on PATH that has initdb.
  std::string bin_dir;
  /// The port number, which names the socket file. 0: one that no local TCP listener uses.
  int port = 0;
  /// PEM certificate and key: the server also listens on 127.0.0.1 with TLS on, where
  /// hostssl connections are trusted (the TLS tests); empty: unix socket only.
  std::string tls_certificate, tls_key;
};

/// A throwaway PostgreSQL server in a temporary folder, reachable only through a unix
/// socket in that folder, with trust authentication for the superuser `postgres`.
/// Durability is off (fsync, full_page_writes, synchronous_commit) to start and run fast.
/// When the process runs as root the server runs as the `postgres` user (else `nobody`),
/// because PostgreSQL refuses to run as root. A watchdog process stops the server and
/// removes the folder when this process ends in any way, crash and SIGKILL included.
class LocalServer {
 public:
  /// The user that initdb, pg_ctl and the server run as, when not the current user.
  struct Account {
    uid_t uid = 0;
    gid_t gid = 0;
  };

  /// Runs initdb and pg_ctl start; the error says what is missing or quotes their log.
  static Result<LocalServer> start(const LocalServerOptions& options = {});

  LocalServer(LocalServer&& other) noexcept;
  LocalServer& operator=(LocalServer&& other) noexcept;
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;
  /// Stops the server and removes its folder.
  ~LocalServer();

  /// libpq key=value connection string for the `postgres` database.
  std::string conninfo() const { return conninfo_for("postgres"); }
  /// libpq key=value connection string for `database` on this server.
  std::string conninfo_for(const std::string& database) const;
  /// Creates an empty database and returns its connection string.
  Result<std::string> create_database(const std::string& name) const;

  /// The temporary folder: socket, logs and the data directory (`data`).
  const std::string& dir() const { return dir_; }
  int port() const { return port_; }
  /// Immediate shutdown (no checkpoint) and removal of the folder, waiting for both.
  /// Idempotent; does nothing in a forked child, which must not stop its parent's server.
  void stop();

 private:
  LocalServer() = default;
  std::string data_dir() const { return dir_ + "/data"; }
  std::optional<Error> init_cluster() const;
  std::optional<Error> start_postmaster() const;
  std::optional<Error> enable_tls(const LocalServerOptions& options) const;

  std::string bin_dir_;
  std::string dir_;
  int port_ = 0;
  pid_t owner_ = 0;      ///< the process that started the server; only it stops it
  pid_t watchdog_ = -1;  ///< stops the server once watchdog_pipe_ closes
  int watchdog_pipe_ = -1;
  std::optional<Account> run_as_;
  bool tls_ = false;
};

}  // namespace dsqlint
