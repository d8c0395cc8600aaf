// The MigrateDSQL Lambda as Lambda runs it: `lambda-package` writes the zip, the test unzips
// it as Lambda does (modes kept), and runs its `bootstrap` with a clean environment against a
// stand-in Runtime API on 127.0.0.1 and the local server. The first invocation applies, the
// second applies nothing; failures go to /error and /init/error with secrets masked.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../fixture_expectations.h"
#include "../pg_test_server.h"
#include "../run_command.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;
constexpr const char* kPython = "/usr/bin/python3";

/// The Runtime API (2018-06-01): hands out the events given as a JSON list of strings, one
/// per GET .../invocation/next, and logs every POST (path, error type header, body) as a JSON
/// line. An event may also be {"payload": ..., "deadlineInSeconds": N}, N from now, else
/// the deadline is in 2100. Asked for more than it has, it exits without answering, as a
/// test ends: the runtime's long poll fails.
constexpr const char* kRuntimeApi = R"PY(
import http.server, json, os, sys, time
port_file, log_path, events = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
served = 0
class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def answer(self, status, body, headers={}):
        self.send_response(status)
        for name, value in headers.items(): self.send_header(name, value)
        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        global served
        if self.path != '/2018-06-01/runtime/invocation/next': return self.answer(404, b'')
        if served == len(events): os._exit(0)
        served += 1
        event, deadline = events[served - 1], '4102444800000'
        if isinstance(event, dict):
            event, deadline = event['payload'], str(int((time.time() + event['deadlineInSeconds']) * 1000))
        self.answer(200, event.encode(), {'Lambda-Runtime-Aws-Request-Id': 'req-%d' % served,
                    'Lambda-Runtime-Deadline-Ms': deadline, 'Lambda-Runtime-Trace-Id': 'Root=1-test'})
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0)).decode()
        with open(log_path, 'a') as log:
            log.write(json.dumps({'path': self.path, 'type': self.headers.get('Lambda-Runtime-Function-Error-Type'),
                                  'body': body}) + '\n')
        self.answer(202, b'{"status":"OK"}')
server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
with open(port_file + '.tmp', 'w') as f: f.write(str(server.server_port))
os.rename(port_file + '.tmp', port_file)
server.serve_forever()
)PY";

/// Extracts the zip as Lambda does, keeping each entry's Unix mode; prints "name mode system".
constexpr const char* kUnzip = R"PY(
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        os.chmod(path, (info.external_attr >> 16) & 0o7777)
        print(info.filename, oct((info.external_attr >> 16) & 0o7777), info.create_system)
)PY";

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.append("'\\''");
    else out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

struct Shell {
  int exit_code = -1;
  std::string out, err;
};

/// Runs `command` with /bin/sh, stdout and stderr kept apart.
Shell shell(const std::string& command, const std::string& dir) {
  const int status = std::system((command + " > " + dir + "/sh.out 2> " + dir + "/sh.err").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text_file(dir + "/sh.out"), read_text_file(dir + "/sh.err")};
}

/// The stand-in Runtime API, started with `events`; stopped when the test ends.
class RuntimeApi {
 public:
  RuntimeApi(const std::string& dir, const std::vector<nlohmann::json>& events) : dir_(dir) {
    std::remove((dir + "/port").c_str());
    write_file(dir + "/posts", "");
    write_file(dir + "/runtime.py", kRuntimeApi);
    const std::string start = std::string(kPython) + " " + dir + "/runtime.py " + dir + "/port " + dir + "/posts " +
                              shell_quote(nlohmann::json(events).dump()) + " & echo $! > " + dir + "/pid";
    if (std::system(start.c_str()) != 0) return;
    for (int i = 0; i < 200 && port_.empty(); ++i) {
      usleep(50'000);
      port_ = read_text_file(dir + "/port");
    }
  }
  ~RuntimeApi() {
    const std::string pid = read_text_file(dir_ + "/pid");
    if (!pid.empty()) ::kill(std::atoi(pid.c_str()), SIGKILL);
  }
  const std::string& port() const { return port_; }
  /// Every POST so far, in order.
  std::vector<nlohmann::json> posts() const {
    std::vector<nlohmann::json> out;
    std::istringstream lines(read_text_file(dir_ + "/posts"));
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

 private:
  std::string dir_, port_;
};

/// The package of `folder`, unzipped into `dir`/task as Lambda's /var/task.
std::string unpacked_package(const MigrationFolder& folder, const std::string& dir, std::string* listing = nullptr) {
  const CommandResult packaged =
      run_dsqlint({"lambda-package", "--folder", folder.path(), "--output", dir + "/migrate.zip"});
  EXPECT_EQ(packaged.exit_code, 0) << packaged.out << packaged.err;
  write_file(dir + "/unzip.py", kUnzip);
  const Shell unzipped = shell(std::string(kPython) + " " + dir + "/unzip.py " + dir + "/migrate.zip " + dir + "/task", dir);
  EXPECT_EQ(unzipped.exit_code, 0) << unzipped.err;
  if (listing) *listing = unzipped.out;
  return dir + "/task";
}

/// `bootstrap` as Lambda starts it: an environment of Lambda's variables and `env` only.
Shell run_bootstrap(const std::string& task, const RuntimeApi& api, const std::string& dir,
                    const std::vector<std::string>& env) {
  std::string command = "env -i PATH=/usr/bin:/bin LAMBDA_TASK_ROOT=" + shell_quote(task) +
                        " AWS_LAMBDA_RUNTIME_API=127.0.0.1:" + api.port() + " AWS_REGION=us-east-1";
  for (const std::string& entry : env) command.append(" ").append(shell_quote(entry));
  return shell(command + " timeout 120 " + task + "/bootstrap", dir);
}

void write_shop(const MigrationFolder& folder) {
  folder.write("0000_init.sql", {"CREATE TABLE shops (id bigint PRIMARY KEY, name text NOT NULL)",
                                 "CREATE INDEX shops_name_idx ON shops (name)"});
  folder.write("0001_seed.sql", {"INSERT INTO shops VALUES (1, 'north'), (2, 'south')"});
}

TEST(Lambda, PackageHoldsBootstrapBinaryLoaderLibrariesAndMigrations) {
  const std::string dir = make_temp_dir("lambda-package");
  MigrationFolder folder("lambda-package-folder");
  write_shop(folder);
  std::string listing;
  const std::string task = unpacked_package(folder, dir, &listing);
  // Lambda runs bootstrap only if the zip says it is executable (made on Unix, mode 755).
  EXPECT_NE(listing.find("bootstrap 0o755 3\n"), npos) << listing;
  EXPECT_NE(listing.find("bin/dsqlint 0o755 3\n"), npos) << listing;
  EXPECT_NE(listing.find("lib/libc.so.6 0o755 3\n"), npos) << listing;
  EXPECT_NE(listing.find("migrations/0000_init.sql 0o644 3\n"), npos) << listing;
  EXPECT_NE(listing.find("certs/ca-certificates.crt 0o644 3\n"), npos) << listing;
  // Through the bundled loader, every library the binary needs resolves inside the package.
  const Shell resolved = shell(task + "/lib/ld-linux-x86-64.so.2 --library-path " + task + "/lib --list " + task +
                                   "/bin/dsqlint", dir);
  ASSERT_EQ(resolved.exit_code, 0) << resolved.err;
  std::istringstream lines(resolved.out);
  int libraries = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("=>") == npos) continue;
    ++libraries;
    EXPECT_NE(line.find("=> " + task + "/lib/"), npos) << "resolved outside the package: " << line;
  }
  EXPECT_GT(libraries, 5) << resolved.out;
  // libpq and libcurl are opened on first use, not linked: bundled all the same, and the
  // bundled binary opens the package's copies (a closed port: libpq loads, then fails).
  EXPECT_NE(listing.find("lib/libpq.so.5 0o755 3\n"), npos) << listing;
  EXPECT_NE(listing.find("lib/libcurl.so.4 0o755 3\n"), npos) << listing;
  const Shell status = shell("env -i LD_DEBUG=files " + task + "/lib/ld-linux-x86-64.so.2 --library-path " + task +
                                 "/lib " + task + "/bin/dsqlint status --provider postgres --folder " + task +
                                 "/migrations --connection-string postgresql://u:p@127.0.0.1:1/db",
                             dir);
  EXPECT_NE(status.err.find("file=libpq.so.5 [0];  dynamically loaded by"), npos) << status.err;
  EXPECT_NE(status.err.find("needed by " + task + "/lib/libpq.so.5"), npos) << status.err;
  EXPECT_NE(status.err.find("Connection refused"), npos) << status.err;
  // The bundled binary runs from the package.
  const Shell version = shell("env -i " + task + "/lib/ld-linux-x86-64.so.2 --library-path " + task + "/lib " + task +
                                  "/bin/dsqlint --version", dir);
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_NE(version.out.find("libpg_query 16"), npos) << version.out;
}

TEST(Lambda, FirstInvocationAppliesSecondAppliesNothing) {
  Db db(fresh_database("lambda"));
  const std::string dir = make_temp_dir("lambda-invoke");
  MigrationFolder folder("lambda-invoke-folder");
  write_shop(folder);
  const std::string task = unpacked_package(folder, dir);
  RuntimeApi api(dir, {"{}", "", R"({"dryRun": true})", R"({"dry_run": true})", "not json"});
  ASSERT_FALSE(api.port().empty()) << "the stand-in Runtime API did not start";
  const Shell run = run_bootstrap(task, api, dir, {"DATABASE_URL=" + db.conninfo(), "DSQLINT_PROVIDER=dsql-local"});
  // The stand-in stops after its events: the long poll fails and the runtime exits 5.
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_NE(run.err.find("the Lambda Runtime API did not give the next invocation"), npos) << run.err;
  const std::vector<nlohmann::json> posts = api.posts();
  ASSERT_EQ(posts.size(), 5u) << run.out << run.err;

  EXPECT_EQ(posts[0]["path"], "/2018-06-01/runtime/invocation/req-1/response");
  const nlohmann::json first = nlohmann::json::parse(posts[0]["body"].get<std::string>());
  EXPECT_EQ(first["applied"], nlohmann::json({"0000_init.sql", "0001_seed.sql"})) << first.dump(2);
  EXPECT_EQ(first["pending"], nlohmann::json::array());
  EXPECT_EQ(first["status"]["version"], 1);
  EXPECT_EQ(first["status"]["migrations"][1]["state"], "applied") << first.dump(2);
  EXPECT_EQ(first["status"]["lock"]["held"], false);
  EXPECT_EQ(db.row("SELECT string_agg(name, ',' ORDER BY id) FROM shops"), "north,south");
  EXPECT_EQ(db.row("SELECT count(*) FROM pg_indexes WHERE indexname = 'shops_name_idx'"), "1");

  // An empty payload is {}: applies, and there is nothing left to apply.
  EXPECT_EQ(posts[1]["path"], "/2018-06-01/runtime/invocation/req-2/response");
  const nlohmann::json second = nlohmann::json::parse(posts[1]["body"].get<std::string>());
  EXPECT_EQ(second["applied"], nlohmann::json::array()) << second.dump(2);
  EXPECT_EQ(db.row("SELECT count(*) FROM shops"), "2") << "the seed ran twice";
  EXPECT_EQ(db.row("SELECT count(*) FROM __mantle_migrations"), "2");

  const nlohmann::json dry = nlohmann::json::parse(posts[2]["body"].get<std::string>());
  EXPECT_EQ(dry["dryRun"], true);
  EXPECT_EQ(dry["applied"], nlohmann::json::array());

  // A misspelt dryRun is refused, never taken as a real apply.
  EXPECT_EQ(posts[3]["path"], "/2018-06-01/runtime/invocation/req-4/error");
  EXPECT_EQ(posts[3]["type"], "dsqlint.BadPayload");
  const nlohmann::json misspelt = nlohmann::json::parse(posts[3]["body"].get<std::string>());
  EXPECT_NE(misspelt["errorMessage"].get<std::string>().find("\"dry_run\" is not understood"), npos) << misspelt.dump();
  EXPECT_EQ(posts[4]["type"], "dsqlint.BadPayload");
  EXPECT_NE(run.out.find("dsqlint lambda: 2 migrations in " + task + "/migrations, provider dsql-local"), npos) << run.out;
}

TEST(Lambda, StopsBeforeTheDeadlineAndTheNextInvocationResumes) {
  Db db(fresh_database("lambda_deadline"));
  const std::string dir = make_temp_dir("lambda-deadline");
  MigrationFolder folder("lambda-deadline-folder");
  write_shop(folder);
  const std::string task = unpacked_package(folder, dir);
  // The first invocation's deadline has come: no step starts, and Lambda is told why.
  RuntimeApi api(dir, {nlohmann::json{{"payload", "{}"}, {"deadlineInSeconds", -1}}, "{}"});
  ASSERT_FALSE(api.port().empty()) << "the stand-in Runtime API did not start";
  const Shell run = run_bootstrap(task, api, dir, {"DATABASE_URL=" + db.conninfo(), "DSQLINT_PROVIDER=dsql-local"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  const std::vector<nlohmann::json> posts = api.posts();
  ASSERT_EQ(posts.size(), 2u) << run.out << run.err;
  EXPECT_EQ(posts[0]["path"], "/2018-06-01/runtime/invocation/req-1/error");
  EXPECT_EQ(posts[0]["type"], "dsqlint.Interrupted");
  const nlohmann::json stopped = nlohmann::json::parse(posts[0]["body"].get<std::string>());
  EXPECT_NE(stopped["errorMessage"].get<std::string>().find("the invocation's deadline is near"), npos) << stopped.dump();
  // The next one, with time to spare, applies everything once.
  EXPECT_EQ(posts[1]["path"], "/2018-06-01/runtime/invocation/req-2/response");
  const nlohmann::json second = nlohmann::json::parse(posts[1]["body"].get<std::string>());
  EXPECT_EQ(second["applied"], nlohmann::json({"0000_init.sql", "0001_seed.sql"})) << second.dump(2);
  EXPECT_EQ(db.row("SELECT string_agg(name, ',' ORDER BY id) FROM shops"), "north,south");
}

TEST(Lambda, FailuresGoToErrorAndInitErrorWithSecretsMasked) {
  Db db(fresh_database("lambda_fail"));
  const std::string dir = make_temp_dir("lambda-fail");
  MigrationFolder folder("lambda-fail-folder");
  write_shop(folder);
  folder.write("0002_broken.sql", {"INSERT INTO no_such_table VALUES (1)"});
  const std::string task = unpacked_package(folder, dir);
  const std::string secret = "s3cret-lambda-pw";
  {
    RuntimeApi api(dir, {"{}"});
    ASSERT_FALSE(api.port().empty());
    const Shell run = run_bootstrap(task, api, dir,
                                    {"DATABASE_URL=" + db.conninfo() + " password=" + secret, "DSQLINT_PROVIDER=dsql-local"});
    const std::vector<nlohmann::json> posts = api.posts();
    ASSERT_EQ(posts.size(), 1u) << run.out << run.err;
    EXPECT_EQ(posts[0]["path"], "/2018-06-01/runtime/invocation/req-1/error");
    EXPECT_EQ(posts[0]["type"], "dsqlint.SqlFailure");
    const nlohmann::json error = nlohmann::json::parse(posts[0]["body"].get<std::string>());
    const std::string message = error["errorMessage"];
    EXPECT_NE(message.find("42P01"), npos) << message;
    EXPECT_NE(message.find("applied by this invocation before it stopped: [\"0000_init.sql\",\"0001_seed.sql\"]"), npos)
        << message;
    for (const std::string& text : {posts[0]["body"].get<std::string>(), run.out, run.err})
      EXPECT_EQ(text.find(secret), npos) << text;
    EXPECT_EQ(db.row("SELECT count(*) FROM shops"), "2");
  }
  {
    // No database configured: the function's configuration error, posted once to /init/error.
    RuntimeApi api(dir, {});
    ASSERT_FALSE(api.port().empty());
    const Shell run = run_bootstrap(task, api, dir, {"DSQLINT_PROVIDER=dsql-local"});
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    const std::vector<nlohmann::json> posts = api.posts();
    ASSERT_EQ(posts.size(), 1u) << run.err;
    EXPECT_EQ(posts[0]["path"], "/2018-06-01/runtime/init/error");
    EXPECT_EQ(posts[0]["type"], "dsqlint.InitError");
    EXPECT_NE(posts[0]["body"].get<std::string>().find("no database"), npos) << posts[0]["body"];
  }
  {
    // A folder that is not there: init fails, naming it.
    RuntimeApi api(dir, {});
    ASSERT_FALSE(api.port().empty());
    const Shell run = run_bootstrap(task, api, dir,
                                    {"DSQLINT_FOLDER=" + dir + "/nowhere", "DATABASE_URL=postgres://u:" + secret + "@h/db"});
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    const std::vector<nlohmann::json> posts = api.posts();
    ASSERT_EQ(posts.size(), 1u) << run.err;
    EXPECT_EQ(posts[0]["path"], "/2018-06-01/runtime/init/error");
    EXPECT_NE(posts[0]["body"].get<std::string>().find(dir + "/nowhere"), npos) << posts[0]["body"];
    EXPECT_EQ(run.err.find(secret), npos) << run.err;
  }
}

}  // namespace
}  // namespace dsqlint::testing
