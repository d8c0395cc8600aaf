#include "apply/local_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "apply/database.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;
using Account = LocalServer::Account;

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

/// Debian's PostgreSQL 15 first, then Debian's newest, then initdb on PATH (other systems).
Result<std::string> find_bin_dir() {
  const fs::path debian = "/usr/lib/postgresql";
  if (executable(debian / "15/bin/initdb")) return (debian / "15/bin").string();
  std::error_code ignored;
  int best = -1;
  std::string found;
  for (const auto& entry : fs::directory_iterator(debian, ignored)) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best && executable(entry.path() / "bin/initdb")) {
      best = version;
      found = (entry.path() / "bin").string();
    }
  }
  if (!found.empty()) return found;
  const char* path = std::getenv("PATH");
  for (std::string_view rest = path ? path : ""; !rest.empty();) {
    const size_t colon = std::min(rest.find(':'), rest.size());
    const std::string dir(rest.substr(0, colon));
    if (!dir.empty() && executable(dir + "/initdb")) return dir;
    rest.remove_prefix(std::min(colon + 1, rest.size()));
  }
  return Error{"initdb not found: install postgresql-15"};
}

/// A port no local TCP listener uses. Only the socket file's name depends on it (the
/// server listens on no TCP address), so a clash would not be fatal anyway.
int free_port() {
  sockaddr_in addr{.sin_family = AF_INET, .sin_port = 0, .sin_addr = {htonl(INADDR_LOOPBACK)}};
  socklen_t length = sizeof addr;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const bool bound = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), length) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0;
  if (fd >= 0) ::close(fd);
  return bound ? ntohs(addr.sin_port) : 5432;
}

/// PostgreSQL refuses to run as root: root runs it as `postgres` (Debian's package
/// creates that user), else as `nobody`.
std::optional<Account> server_account() {
  if (::geteuid() != 0) return std::nullopt;
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* user = ::getpwnam(name)) return Account{user->pw_uid, user->pw_gid};
  }
  return Account{65534, 65534};
}

/// A new folder owned by `account`: under $TMPDIR, or under /tmp when $TMPDIR is unusable
/// or when the server runs as another user (who may be unable to enter root's $TMPDIR).
Result<std::string> make_temp_dir(const std::optional<Account>& account) {
  std::string base = "/tmp";
  if (const char* tmp = std::getenv("TMPDIR"); tmp && *tmp && !account) {
    std::error_code error;
    std::string dir = fs::absolute(tmp, error).lexically_normal().string();
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    // base + "/dsqlint-pg-XXXXXX/.s.PGSQL.65535" must fit in a unix socket address.
    if (!error && dir.size() + 33 <= 107 && fs::is_directory(dir, error)) base = dir;
  }
  std::string dir = base + "/dsqlint-pg-XXXXXX";
  if (!::mkdtemp(dir.data())) return Error{"cannot create a folder under " + base + ": " + std::strerror(errno)};
  if (account && ::chown(dir.c_str(), account->uid, account->gid) != 0) {
    const std::string reason = std::strerror(errno);
    ::rmdir(dir.c_str());
    return Error{"cannot hand " + dir + " to the server's user: " + reason};
  }
  return dir;
}

/// Starts argv (argv[0] a full path) in `cwd` as `account`, stdin from `in`, stdout and
/// stderr to `out`; `detach` gives it its own session, out of reach of the terminal's Ctrl-C.
pid_t spawn(const std::vector<std::string>& argv, int in, int out, const std::string& cwd,
            const std::optional<Account>& account, bool detach) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t pid = in >= 0 && out >= 0 ? ::fork() : -1;
  if (pid != 0) return pid;
  if (::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) ::_exit(126);
  // The server outlives us: it must not hold our sockets or our caller's pipes open.
  if (::close_range(3, ~0U, 0) != 0) {
    for (int fd = 3; fd < 1024; ++fd) ::close(fd);
  }
  if (detach) ::setsid();
  if (account && (::setgroups(0, nullptr) != 0 || ::setgid(account->gid) != 0 || ::setuid(account->uid) != 0)) {
    ::_exit(126);
  }
  if (::chdir(cwd.c_str()) != 0) ::_exit(126);
  ::execv(args[0], args.data());
  ::_exit(127);
}

/// The exit status of a child, or -1.
int wait_for(pid_t pid) {
  int status = 0;
  while (pid > 0 && ::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Runs a program to its end with stdout and stderr appended to `log`; see spawn().
int run(const std::vector<std::string>& argv, const std::string& log, const std::string& cwd,
        const std::optional<Account>& account) {
  const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t pid = spawn(argv, in, out, cwd, account, false);
  if (out >= 0) ::close(out);
  if (in >= 0) ::close(in);
  return wait_for(pid);
}

/// Waits for a line or the end of its stdin, then stops the server and removes its folder:
/// $1 is pg_ctl, $2 the folder.
constexpr const char* kWatchdog = "read -r line; \"$1\" stop -D \"$2/data\" -m immediate -w -t 30; rm -rf -- \"$2\"";

/// Starts the watchdog; `pipe` is the end to send a line to, or that closes when we exit.
/// A socket rather than a pipe, so that sending to a dead watchdog raises no SIGPIPE.
pid_t spawn_watchdog(const std::string& bin_dir, const std::string& dir, const std::optional<Account>& account,
                     int& pipe) {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) return -1;
  const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t pid =
      spawn({"/bin/sh", "-c", kWatchdog, "dsqlint-watchdog", bin_dir + "/pg_ctl", dir}, ends[0], null, "/", account, true);
  ::close(ends[0]);
  if (null >= 0) ::close(null);
  if (pid > 0) pipe = ends[1];
  else ::close(ends[1]);
  return pid;
}

/// The end of a log file, for error messages.
std::string log_tail(const std::string& path) {
  std::ifstream in(path);
  std::string text{std::istreambuf_iterator<char>(in), {}};
  if (text.size() > 2000) text = "..." + text.substr(text.size() - 2000);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.empty() ? " (" + path + " is empty)" : "\n" + text;
}

/// A word for `sh -c`, which pg_ctl uses to start the server with our options.
std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// A value in a libpq key=value connection string.
std::string conninfo_value(const std::string& value) {
  if (!value.empty() && value.find_first_of(" \t\n'\\") == std::string::npos) return value;
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string quote_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

Result<LocalServer> LocalServer::start(const LocalServerOptions& options) {
  Result<std::string> bin = options.bin_dir.empty() ? find_bin_dir() : Result<std::string>(options.bin_dir);
  if (!bin) return bin.error();
  if (!executable(*bin + "/initdb") || !executable(*bin + "/pg_ctl")) {
    return Error{"initdb and pg_ctl not found in " + *bin + ": install postgresql-15"};
  }
  LocalServer server;
  server.owner_ = ::getpid();
  server.run_as_ = server_account();
  server.bin_dir_ = *bin;
  server.port_ = options.port > 0 ? options.port : free_port();
  Result<std::string> dir = make_temp_dir(server.run_as_);
  if (!dir) return dir.error();
  server.dir_ = *dir;
  server.watchdog_ = spawn_watchdog(server.bin_dir_, server.dir_, server.run_as_, server.watchdog_pipe_);
  if (server.watchdog_ < 0) return Error{std::string("cannot start a watchdog process: ") + std::strerror(errno)};
  if (auto error = server.init_cluster()) return *error;
  server.tls_ = !options.tls_certificate.empty();
  if (server.tls_)
    if (auto error = server.enable_tls(options)) return *error;
  if (auto error = server.start_postmaster()) return *error;
  return Result<LocalServer>(std::move(server));
}

std::optional<Error> LocalServer::init_cluster() const {
  const std::string log = dir_ + "/initdb.log";
  const int status = run({bin_dir_ + "/initdb", "-D", data_dir(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                          "--locale=C", "--no-sync"},
                         log, dir_, run_as_);
  if (status == 0) return std::nullopt;
  return Error{"initdb failed with status " + std::to_string(status) + ":" + log_tail(log)};
}

std::optional<Error> LocalServer::enable_tls(const LocalServerOptions& options) const {
  const auto write = [&](const std::string& name, const std::string& text, bool append) -> bool {
    const std::string path = data_dir() + "/" + name;
    std::ofstream out(path, append ? std::ios::app : std::ios::trunc);
    out << text;
    out.close();
    if (!out) return false;
    ::chmod(path.c_str(), 0600);  // the server refuses a key others can read
    return !run_as_ || ::chown(path.c_str(), run_as_->uid, run_as_->gid) == 0;
  };
  if (!write("server.crt", options.tls_certificate, false) || !write("server.key", options.tls_key, false) ||
      !write("pg_hba.conf", "hostssl all all 127.0.0.1/32 trust\n", true))
    return Error{"cannot write the TLS files into " + data_dir()};
  return std::nullopt;
}

std::optional<Error> LocalServer::start_postmaster() const {
  const std::string listen = tls_ ? " -c listen_addresses=127.0.0.1 -c ssl=on" : " -c listen_addresses=''";
  const std::string server_options = "-k " + shell_quote(dir_) + " -p " + std::to_string(port_) + listen +
                                     " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
  const std::string log = dir_ + "/pg_ctl.log";
  const int status = run({bin_dir_ + "/pg_ctl", "start", "-D", data_dir(), "-w", "-t", "60", "-o", server_options,
                          "-l", dir_ + "/log"},
                         log, dir_, run_as_);
  if (status == 0) return std::nullopt;
  return Error{"pg_ctl start failed with status " + std::to_string(status) + ":" + log_tail(log) + "\nserver log:" +
               log_tail(dir_ + "/log")};
}

void LocalServer::stop() {
  if (dir_.empty() || ::getpid() != owner_) return;
  if (watchdog_pipe_ >= 0) {
    // A line, not just the close: a forked child of ours may hold the pipe open too.
    ::send(watchdog_pipe_, "\n", 1, MSG_NOSIGNAL);
    ::close(std::exchange(watchdog_pipe_, -1));
  }
  wait_for(std::exchange(watchdog_, -1));
  std::error_code ignored;
  fs::remove_all(dir_, ignored);  // what the server's user may not remove, and any failed start
  dir_.clear();
}

LocalServer::LocalServer(LocalServer&& other) noexcept { *this = std::move(other); }

LocalServer& LocalServer::operator=(LocalServer&& other) noexcept {
  if (this == &other) return *this;
  stop();
  bin_dir_ = std::move(other.bin_dir_);
  dir_ = std::exchange(other.dir_, {});
  port_ = other.port_;
  owner_ = other.owner_;
  watchdog_ = std::exchange(other.watchdog_, -1);
  watchdog_pipe_ = std::exchange(other.watchdog_pipe_, -1);
  run_as_ = other.run_as_;
  return *this;
}

LocalServer::~LocalServer() { stop(); }

std::string LocalServer::conninfo_for(const std::string& database) const {
  return "host=" + conninfo_value(dir_) + " port=" + std::to_string(port_) +
         " user=postgres dbname=" + conninfo_value(database);
}

Result<std::string> LocalServer::create_database(const std::string& name) const {
  Result<std::unique_ptr<Session>> session = pg_sessions(conninfo())->open();
  if (!session) return session.error();
  const QueryResult created = (*session)->exec("CREATE DATABASE " + quote_identifier(name));
  if (!created.ok()) return Error{"cannot create database " + name + ": " + created.message};
  return conninfo_for(name);
}

}  // namespace dsqlint
