// dsqlint lambda: the Lambda Runtime API loop of the MigrateDSQL function
// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).
#include "cli/lambda_command.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "apply/runner.h"
#include "apply/tracking.h"
#include "aws/http.h"
#include "cli/apply_command.h"
#include "cli/status_document.h"
#include "plan/provider.h"

namespace dsqlint {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

/// The bundled folder: DSQLINT_FOLDER, else $LAMBDA_TASK_ROOT/migrations (where the
/// package unzips), else ./migrations.
std::string migrations_folder() {
  if (const std::string folder = env("DSQLINT_FOLDER"); !folder.empty()) return folder;
  if (const std::string root = env("LAMBDA_TASK_ROOT"); !root.empty()) return root + "/migrations";
  return "migrations";
}

/// The error body the Runtime API takes, with every secret masked.
std::string error_body(const std::string& type, const std::string& message) {
  return nlohmann::json{{"errorType", type}, {"errorMessage", mask_secrets(message)}, {"stackTrace", nlohmann::json::array()}}
      .dump();
}

std::string exit_name(ApplyExit code) {
  switch (code) {
    case ApplyExit::kDone: return "Done";
    case ApplyExit::kSqlFailure: return "SqlFailure";
    case ApplyExit::kUsage: return "Usage";
    case ApplyExit::kLock: return "LockHeld";
    case ApplyExit::kRefused: return "Refused";
    case ApplyExit::kConnection: return "Connection";
    case ApplyExit::kInterrupted: return "Interrupted";
    case ApplyExit::kConflicts: return "Conflicts";
  }
  return "Failure";
}

/// What the tracking tables say: the status document and the files applied.
struct Snapshot {
  nlohmann::json document;
  std::set<std::string> applied;
};

Result<Snapshot> snapshot(const Plan& plan, SessionFactory& sessions) {
  auto session = open_with_backoff(sessions);
  if (!session) return session.error();
  auto tracking = read_tracking(**session);
  if (!tracking) return tracking.error();
  const Reconciliation files = reconcile(plan, *tracking);
  Snapshot out{status_document(files, tracking->exists ? LeaseLock::holder(**session) : std::nullopt), {}};
  for (const FileStatus& status : files.files)
    if (status.state == FileState::Applied) out.applied.insert(status.file->name);
  return out;
}

/// `{}` or `{"dryRun": true}`; anything else is refused, so a misspelt dryRun never applies.
Result<bool> read_dry_run(const std::string& payload) {
  if (payload.find_first_not_of(" \t\r\n") == std::string::npos) return false;
  const nlohmann::json event = nlohmann::json::parse(payload, nullptr, false);
  if (event.is_discarded() || !event.is_object()) return Error{"the payload is not a JSON object: send {} or {\"dryRun\": true}"};
  bool dry_run = false;
  for (const auto& [key, value] : event.items()) {
    if (key != "dryRun" || !value.is_boolean())
      return Error{"the payload's \"" + key + "\" is not understood: send {} or {\"dryRun\": true}"};
    dry_run = value.get<bool>();
  }
  return dry_run;
}

/// When apply stops starting steps: the invocation's deadline (Lambda-Runtime-Deadline-Ms,
/// epoch milliseconds) less a quarter of the time left, at most a minute, so a step begun
/// late still ends before Lambda kills the process; none when the header is missing.
std::optional<std::chrono::system_clock::time_point> stop_time(const std::string& deadline_ms) {
  using namespace std::chrono;
  char* end = nullptr;
  const long long ms = std::strtoll(deadline_ms.c_str(), &end, 10);
  if (deadline_ms.empty() || *end != '\0' || ms <= 0) return std::nullopt;
  const system_clock::time_point deadline{milliseconds(ms)};
  const auto left = deadline - system_clock::now();
  return deadline - std::min<system_clock::duration>(seconds(60), std::max<system_clock::duration>(left / 4, {}));
}

struct Answer {
  bool ok = false;
  std::string type;  ///< errorType when not ok
  std::string body;  ///< the response JSON, or the error message
};

/// One invocation: apply (or dry-run) the plan, then read where every file stands.
Answer invoke(const Plan& plan, const ConnectionOptions& connection, const std::string& payload,
              std::optional<std::chrono::system_clock::time_point> stop_by) {
  const auto dry_run = read_dry_run(payload);
  if (!dry_run) return {false, "dsqlint.BadPayload", dry_run.error().message};
  auto sessions = pg_sessions([connection] { return connection_target(connection); });
  const auto before = snapshot(plan, *sessions);
  if (!before) return {false, "dsqlint.Connection", "cannot read the migration state: " + before.error().message};
  std::ostringstream errors;
  const ApplyExit code = apply_plan(plan, *sessions, ApplyOptions{.dry_run = *dry_run, .stop_by = stop_by}, std::cout, errors);
  std::cout.flush();
  std::cerr << errors.str();
  const auto after = snapshot(plan, *sessions);
  nlohmann::json applied = nlohmann::json::array();
  if (after)
    for (const FilePlan& file : plan.files)
      if (after->applied.count(file.name) && !before->applied.count(file.name)) applied.push_back(file.name);
  if (code != ApplyExit::kDone) {
    std::string message = errors.str();
    if (!applied.empty()) message += "applied by this invocation before it stopped: " + applied.dump() + "\n";
    return {false, "dsqlint." + exit_name(code), message};
  }
  if (!after) return {false, "dsqlint.Connection", "applied, but cannot read the state after: " + after.error().message};
  nlohmann::json pending = nlohmann::json::array();
  for (const FilePlan& file : plan.files)
    if (!after->applied.count(file.name)) pending.push_back(file.name);
  return {true, "",
          nlohmann::json{{"applied", applied}, {"pending", pending}, {"dryRun", *dry_run}, {"status", after->document}}.dump()};
}

}  // namespace

int run_lambda() {
  const std::string api = env("AWS_LAMBDA_RUNTIME_API");
  if (api.empty()) {
    std::cerr << "dsqlint: lambda runs inside AWS Lambda (AWS_LAMBDA_RUNTIME_API is not set); to apply from here, "
                 "run 'dsqlint apply'\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  const std::string runtime = "http://" + api + "/2018-06-01/runtime/";
  const std::string error_type_header = "Lambda-Runtime-Function-Error-Type: ";
  const ConnectionOptions connection{.provider = env("DSQLINT_PROVIDER")};

  // Initialisation: a folder that cannot be planned or a database that is not configured
  // is the function's configuration error, reported once to /init/error.
  const std::string folder = migrations_folder();
  auto provider = resolve_provider(connection);
  auto plan = provider ? plan_folder(folder, *provider) : Result<Plan>(provider.error());
  const auto target = plan ? connection_target(connection) : Result<std::string>(plan.error());
  if (!target) {
    const std::string message = "cannot start: " + target.error().message;
    std::cerr << "dsqlint: " << mask_secrets(message) << "\n";
    const auto posted = http_request("POST", runtime + "init/error", {error_type_header + "dsqlint.InitError"}, 10000,
                                     error_body("dsqlint.InitError", message));
    if (!posted) std::cerr << "dsqlint: cannot report it to the Lambda Runtime API: " << posted.error().message << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  std::cout << "dsqlint lambda: " << plan->files.size() << " migrations in " << folder << ", provider "
            << provider_name(*provider) << std::endl;

  for (;;) {
    const auto next = http_request("GET", runtime + "invocation/next", {}, 0);
    if (!next || next->status != 200) {
      std::cerr << "dsqlint: the Lambda Runtime API did not give the next invocation: "
                << (next ? "HTTP " + std::to_string(next->status) + " " + next->body : next.error().message) << "\n";
      return static_cast<int>(ApplyExit::kConnection);
    }
    const std::string id = next->header("lambda-runtime-aws-request-id");
    if (const std::string trace = next->header("lambda-runtime-trace-id"); !trace.empty())
      ::setenv("_X_AMZN_TRACE_ID", trace.c_str(), 1);
    const Answer answer = invoke(*plan, connection, next->body, stop_time(next->header("lambda-runtime-deadline-ms")));
    const std::string path = runtime + "invocation/" + id + (answer.ok ? "/response" : "/error");
    const auto posted = answer.ok ? http_request("POST", path, {"Content-Type: application/json"}, 10000, answer.body)
                                  : http_request("POST", path, {error_type_header + answer.type}, 10000,
                                                 error_body(answer.type, answer.body));
    if (!posted || posted->status >= 300)
      std::cerr << "dsqlint: cannot post the answer of invocation " << id << ": "
                << (posted ? "HTTP " + std::to_string(posted->status) + " " + posted->body : posted.error().message) << "\n";
  }
}

}  // namespace dsqlint
