#include "cli/apply_command.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <csignal>
#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "apply/runner.h"
#include "aws/credentials.h"
#include "aws/dsql_token.h"
#include "cli/check_command.h"
#include "cli/inputs.h"
#include "plan/planner.h"
#include "plan/provider.h"

namespace dsqlint {

namespace {

std::string env_or(const std::string& value, const char* name) {
  if (!value.empty()) return value;
  const char* set = std::getenv(name);
  return set ? set : "";
}

/// Debian's ca-certificates bundle: libpq 15 has no sslrootcert=system.
constexpr const char* kSystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

/// The CA bundle that verifies the endpoint: --ssl-root-cert, PGSSLROOTCERT, the system's.
Result<std::string> root_certificates(const ConnectionOptions& options) {
  std::string path = env_or(options.ssl_root_cert, "PGSSLROOTCERT");
  if (path.empty()) path = kSystemCaBundle;
  if (::access(path.c_str(), R_OK) != 0)
    return Error{"cannot read the CA bundle " + path + " that verifies the endpoint's certificate: install "
                 "ca-certificates, or pass --ssl-root-cert (or set PGSSLROOTCERT)"};
  return path;
}

/// key=value conninfo for DSQL's admin user over TLS with the server's certificate verified
/// (verify-full: anything on the path could otherwise take the token), with a fresh IAM token
/// as the password; without AWS credentials in the environment, libpq's PGPASSWORD (a token
/// made elsewhere). The endpoint may carry a port (host:port, for a tunnel).
Result<std::string> dsql_conninfo(const std::string& given, const ConnectionOptions& options) {
  std::string endpoint = given, port = "5432";
  if (const size_t colon = given.rfind(':'); colon != std::string::npos && given.find(':') == colon)
    endpoint = given.substr(0, colon), port = given.substr(colon + 1);
  const auto roots = root_certificates(options);
  if (!roots) return roots.error();
  const std::string user = options.user.empty() ? "admin" : options.user;
  const std::string base = "host=" + conninfo_quote(endpoint) + " port=" + conninfo_quote(port) +
                           " user=" + conninfo_quote(user) +
                           " dbname=postgres sslmode=verify-full sslrootcert=" + conninfo_quote(*roots);
  auto credentials = resolve_credentials();
  if (!credentials && !env_or("", "PGPASSWORD").empty()) return base;
  if (!credentials)
    return Error{credentials.error().message + ", or set PGPASSWORD to a token from aws dsql generate-db-connect-admin-auth-token"};
  std::string region = env_or(options.region, "AWS_REGION");
  if (region.empty()) region = region_from_endpoint(endpoint);
  if (region.empty()) return Error{"cannot tell the AWS region of " + endpoint + ": pass --region or set AWS_REGION"};
  // admin signs DbConnectAdmin; any other role DbConnect.
  const std::string token =
      dsql_auth_token(endpoint, region, user == "admin", *credentials, std::chrono::system_clock::now());
  return base + " password=" + conninfo_quote(token);
}

/// The user's connection string with an RDS IAM token as its password (aurora-serverless-v2
/// with --iam), over verified TLS; the region from --region, AWS_REGION or the host's name.
Result<std::string> rds_iam_conninfo(const std::string& url, const ConnectionOptions& options) {
  auto parsed = parse_conninfo(url);
  if (!parsed) return Error{"cannot read the connection string: " + parsed.error().message};
  std::string host, port = "5432", user = options.user, out;
  for (const auto& [key, value] : *parsed) {
    if (key == "host") host = value;
    if (key == "port") port = value;
    if (key == "user" && user.empty()) user = value;
    if (key == "password" || key == "sslmode" || key == "sslrootcert" || key == "user") continue;
    out += key + "=" + conninfo_quote(value) + " ";
  }
  if (host.empty() || user.empty()) return Error{"--iam needs the connection string to name a host and a user"};
  auto credentials = resolve_credentials();
  if (!credentials) return credentials.error();
  std::string region = env_or(options.region, "AWS_REGION");
  if (region.empty()) region = region_from_rds_host(host);
  if (region.empty()) return Error{"cannot tell the AWS region of " + host + ": pass --region or set AWS_REGION"};
  const auto roots = root_certificates(options);
  if (!roots) return roots.error();
  int port_number = 5432;
  try {
    port_number = std::stoi(port);
  } catch (const std::exception&) {
    return Error{"--iam: the port " + port + " is not a number"};
  }
  const std::string token =
      rds_auth_token(host, port_number, user, region, *credentials, std::chrono::system_clock::now());
  return out + "user=" + conninfo_quote(user) + " sslmode=verify-full sslrootcert=" + conninfo_quote(*roots) +
         " password=" + conninfo_quote(token);
}

/// Fault injection for the tests: DSQLINT_TEST_KILL_AT=before:<file>:<step> (or after:)
/// kills the process there with SIGKILL, as a crash would; DSQLINT_TEST_STOP_AT stops it
/// there with SIGSTOP, as a long pause would, until it gets SIGCONT;
/// DSQLINT_TEST_STOP_TIME_AT makes the stop time (`stop_by`, a Lambda's deadline) come
/// there, as it would during a long step.
std::function<void(const std::string&)> test_fault_hook(std::optional<std::chrono::system_clock::time_point>& stop_by) {
  const auto point = [](const char* name) {
    const char* value = std::getenv(name);
    return std::string(value ? value : "");
  };
  std::string kill_point = point("DSQLINT_TEST_KILL_AT"), stop_point = point("DSQLINT_TEST_STOP_AT"),
              stop_time_point = point("DSQLINT_TEST_STOP_TIME_AT");
  if (kill_point.empty() && stop_point.empty() && stop_time_point.empty()) return {};
  return [kill_point, stop_point, stop_time_point, &stop_by](const std::string& here) {
    if (here == kill_point) std::raise(SIGKILL);
    if (here == stop_point) std::raise(SIGSTOP);
    if (here == stop_time_point) stop_by = std::chrono::system_clock::now();
  };
}

}  // namespace

Result<std::string> connection_target(const ConnectionOptions& options) {
  const std::string url = env_or(options.connection_string, "DATABASE_URL");
  if (!url.empty()) return options.iam ? rds_iam_conninfo(url, options) : Result<std::string>(url);
  const std::string endpoint = env_or(options.endpoint, "DSQL_ENDPOINT");
  if (!endpoint.empty()) return dsql_conninfo(endpoint, options);
  return Error{"no database: pass --connection-string or set DATABASE_URL (or --endpoint / DSQL_ENDPOINT)"};
}

Result<Provider> resolve_provider(const ConnectionOptions& options) {
  if (!options.provider.empty()) return parse_provider(options.provider);
  return infer_provider(env_or(options.endpoint, "DSQL_ENDPOINT"), env_or(options.connection_string, "DATABASE_URL"));
}

/// A migration's tracking name: its path within the folder ("0001_init.sql", Prisma's
/// "20240101000000_init/migration.sql"), which is unique in the folder, as Prisma's bare
/// file names are not.
std::string tracking_name(const std::string& path, const std::string& folder) {
  const std::filesystem::path relative =
      std::filesystem::path(path).lexically_normal().lexically_relative(std::filesystem::path(folder).lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return std::filesystem::path(path).filename().string();
  return relative.generic_string();
}

Result<Plan> plan_folder(const std::string& folder, Provider provider) {
  const std::vector<InputFile> inputs = collect_inputs({folder}, "");
  if (inputs.empty()) return Error{folder + ": no .sql migrations found"};
  const std::vector<FileSettings> settings(inputs.size(), FileSettings{target_for(provider), Severity::Warning, nullptr});
  Plan plan{.provider = provider};
  std::string problems;
  check_files(inputs, settings, 1, [&](FileResult&& file, const FileSettings&) {
    for (const FileError& error : file.errors)
      if (error.kind != "parse") problems += file.source.path + ": " + error.message + "\n";
    plan.files.push_back(plan_file(file, provider));
    plan.files.back().name = tracking_name(file.source.path, folder);
  });
  if (!problems.empty()) return Error{problems + "nothing was applied"};
  tell_apart_empty_duplicates(plan);
  return plan;
}

int run_plan(const std::string& folder, const std::string& provider_name_given) {
  auto provider = resolve_provider(ConnectionOptions{.provider = provider_name_given});
  if (!provider) {
    std::cerr << "dsqlint: " << provider.error().message << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  auto plan = plan_folder(folder, *provider);
  if (!plan) {
    std::cerr << "dsqlint: " << plan.error().message << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  std::cout << "plan for provider " << provider_name(*provider) << " (no database contacted)\n";
  bool refused = false;
  for (const FilePlan& file : plan->files) {
    std::cout << describe(file);
    refused = refused || refuses(file);
  }
  if (refused) std::cerr << "dsqlint: apply would refuse this folder: see the REFUSE steps\n";
  return static_cast<int>(refused ? ApplyExit::kRefused : ApplyExit::kDone);
}

int run_apply(ApplyCommandOptions options) {
  auto provider = resolve_provider(options.connection);
  auto target = connection_target(options.connection);
  if (!provider || !target) {
    std::cerr << "dsqlint: " << (!provider ? provider.error().message : target.error().message) << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  auto plan = plan_folder(options.folder, *provider);
  if (!plan) {
    std::cerr << "dsqlint: " << plan.error().message << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  // Asked again per connection: an IAM token is re-signed for every reconnect.
  auto sessions = pg_sessions([connection = options.connection] { return connection_target(connection); });
  ApplyOptions apply{.use_lock = !options.no_lock,
                     .dry_run = options.dry_run,
                     .allow_out_of_order = options.allow_out_of_order,
                     .lock_wait_seconds = options.lock_wait_seconds,
                     .lease_seconds = options.lease_seconds,
                     .terminal = isatty(STDOUT_FILENO) != 0};
  apply.checkpoint = test_fault_hook(apply.stop_by);
  return static_cast<int>(apply_plan(*plan, *sessions, apply, std::cout, std::cerr));
}

}  // namespace dsqlint
