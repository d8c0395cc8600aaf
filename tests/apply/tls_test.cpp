// TLS to --endpoint is verify-full: a local PostgreSQL with TLS on 127.0.0.1 and a
// self-signed certificate (made here with the openssl command) is refused without its CA,
// with a message that names the certificate problem, and accepted with it (--ssl-root-cert
// or PGSSLROOTCERT). A connection string the user gives keeps the user's own sslmode.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "../fixture_expectations.h"
#include "../run_command.h"
#include "apply/local_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

struct TlsServer {
  std::string dir;
  std::string ca;  ///< the self-signed certificate, which is its own CA
  std::optional<LocalServer> server;
};

TlsServer start_tls_server() {
  TlsServer out;
  out.dir = make_temp_dir("tls-certificate");
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                              "-addext subjectAltName=IP:127.0.0.1 -keyout " + out.dir + "/server.key -out " +
                              out.dir + "/server.crt 2>" + out.dir + "/openssl.log";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl failed: " + read_text_file(out.dir + "/openssl.log"));
  out.ca = out.dir + "/server.crt";
  auto server = LocalServer::start({.tls_certificate = read_text_file(out.dir + "/server.crt"),
                                    .tls_key = read_text_file(out.dir + "/server.key")});
  if (!server) throw std::runtime_error(server.error().message);
  out.server.emplace(std::move(*server));
  Db db(out.server->conninfo());
  db.exec("CREATE ROLE admin LOGIN SUPERUSER");
  return out;
}

const std::vector<std::string> kAwsEnvironment = {"AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
                                                  "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                  "PGSSLROOTCERT=", "PGSSLMODE="};

TEST(Tls, EndpointIsVerifiedAgainstTheTrustStoreOrTheGivenCa) {
  TlsServer tls = start_tls_server();
  MigrationFolder folder("tls");
  folder.write("0001.sql", {"CREATE TABLE t (id int PRIMARY KEY)"});
  const std::string endpoint = "127.0.0.1:" + std::to_string(tls.server->port());
  const std::vector<std::string> status = {"status", "--folder", folder.path(), "--provider", "postgres",
                                           "--endpoint", endpoint, "--region", "us-east-1"};

  // The system's trust store does not know the self-signed certificate.
  const ProcessResult refused = run_dsqlint_with(status, kAwsEnvironment);
  EXPECT_EQ(refused.exit_code, 5) << refused.output();
  EXPECT_NE(refused.err.find("certificate verify failed"), npos) << refused.err;
  EXPECT_EQ(refused.output().find("X-Amz-Signature="), npos) << "the token is never printed\n" << refused.output();

  std::vector<std::string> with_ca = status;
  with_ca.insert(with_ca.end(), {"--ssl-root-cert", tls.ca});
  const ProcessResult accepted = run_dsqlint_with(with_ca, kAwsEnvironment);
  EXPECT_EQ(accepted.exit_code, 10) << "connected; one migration pending\n" << accepted.output();

  std::vector<std::string> environment = kAwsEnvironment;
  environment[2] = "PGSSLROOTCERT=" + tls.ca;
  EXPECT_EQ(run_dsqlint_with(status, environment).exit_code, 10);

  // Credentials from a profile of the shared credentials file sign as well as the environment's.
  testing::write_file(tls.dir + "/credentials", "[deploy]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n");
  const ProcessResult profile = run_dsqlint_with(
      with_ca, {"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_PROFILE=deploy",
                "AWS_SHARED_CREDENTIALS_FILE=" + tls.dir + "/credentials", "PGSSLROOTCERT=", "PGSSLMODE="});
  EXPECT_EQ(profile.exit_code, 10) << profile.output();

  // A connection string keeps what its user chose, TLS without verification included.
  const ProcessResult own = run_dsqlint_with(
      {"status", "--folder", folder.path(), "--provider", "postgres", "--connection-string",
       "host=127.0.0.1 port=" + std::to_string(tls.server->port()) + " user=admin dbname=postgres sslmode=require"},
      kAwsEnvironment);
  EXPECT_EQ(own.exit_code, 10) << own.output();
}

// --user signs for another role (DbConnect) and connects as it; --iam signs an RDS token for a
// connection string (aurora-serverless-v2) and verifies the server the same way.
TEST(Tls, UserAndIamConnectionsAreVerifiedAndActAsTheirRole) {
  TlsServer tls = start_tls_server();
  Db(tls.server->conninfo()).exec("CREATE ROLE app_user LOGIN; GRANT ALL ON SCHEMA public TO app_user; "
                                  "GRANT CREATE ON DATABASE postgres TO app_user");
  MigrationFolder folder("tls-user");
  folder.write("0001.sql", {"CREATE TABLE owned_by_app (id int PRIMARY KEY)"});
  const std::string port = std::to_string(tls.server->port());
  const ProcessResult applied = run_dsqlint_with({"apply", "--folder", folder.path(), "--provider", "postgres",
                                                  "--endpoint", "127.0.0.1:" + port, "--region", "us-east-1", "--user",
                                                  "app_user", "--ssl-root-cert", tls.ca},
                                                 kAwsEnvironment);
  ASSERT_EQ(applied.exit_code, 0) << applied.output();
  EXPECT_EQ(Db(tls.server->conninfo()).row("SELECT tableowner FROM pg_tables WHERE tablename = 'owned_by_app'"),
            "app_user");

  const std::vector<std::string> iam = {"status", "--folder", folder.path(), "--provider", "aurora-serverless-v2",
                                        "--iam", "--region", "us-east-1", "--connection-string",
                                        "postgresql://app_user@127.0.0.1:" + port + "/postgres?sslmode=disable"};
  const ProcessResult refused = run_dsqlint_with(iam, kAwsEnvironment);
  EXPECT_EQ(refused.exit_code, 5) << "sslmode=disable is overridden: --iam sends a token\n" << refused.output();
  EXPECT_NE(refused.err.find("certificate verify failed"), npos) << refused.err;
  std::vector<std::string> with_ca = iam;
  with_ca.insert(with_ca.end(), {"--ssl-root-cert", tls.ca});
  const ProcessResult accepted = run_dsqlint_with(with_ca, kAwsEnvironment);
  EXPECT_EQ(accepted.exit_code, 0) << "connected, nothing pending\n" << accepted.output();
  for (const ProcessResult* run : {&applied, &refused, &accepted})
    EXPECT_EQ(run->output().find("X-Amz-Signature="), npos) << run->output();
}

// Connected for real, every command and output mode that takes connection flags prints
// neither the keys nor the token it signed.
TEST(Tls, NoOutputModeShowsAKeyOrAToken) {
  TlsServer tls = start_tls_server();
  MigrationFolder folder("tls-secrets");
  folder.write("0001.sql", {"CREATE TABLE secret_probe (id int PRIMARY KEY)"});
  MigrationFolder permissions("tls-secrets-permissions");
  permissions.write("0001.sql", {"GRANT SELECT ON secret_probe TO admin"});
  const std::vector<std::string> environment = {"AWS_ACCESS_KEY_ID=AKIDSECRETTEST", "AWS_SECRET_ACCESS_KEY=SecretKeyNeverShown",
                                                "AWS_SESSION_TOKEN=SessionTokenNeverShown", "PGSSLROOTCERT=" + tls.ca};
  const std::vector<std::string> endpoint = {"--provider", "postgres", "--endpoint",
                                             "127.0.0.1:" + std::to_string(tls.server->port()), "--region", "us-east-1"};
  const std::string url = "postgresql://admin@127.0.0.1:" + std::to_string(tls.server->port()) + "/postgres";
  const std::vector<std::string> iam = {"--provider", "aurora-serverless-v2", "--iam", "--region", "us-east-1",
                                        "--connection-string", url};
  const auto with = [](std::vector<std::string> command, const std::vector<std::string>& flags) {
    command.insert(command.end(), flags.begin(), flags.end());
    return command;
  };
  const std::vector<std::vector<std::string>> runs = {
      with({"apply", "--folder", folder.path(), "--dry-run"}, endpoint),
      with({"apply", "--folder", folder.path()}, endpoint),
      with({"status", "--folder", folder.path()}, endpoint),
      with({"status", "--folder", folder.path(), "--json"}, endpoint),
      with({"apply-permissions", "--folder", permissions.path()}, endpoint),
      with({"status", "--folder", folder.path(), "--json"}, iam),
      with({"apply-permissions", "--folder", permissions.path()}, iam),
      with({"unlock"}, iam),
  };
  for (const std::vector<std::string>& args : runs) {
    const ProcessResult run = run_dsqlint_with(args, environment);
    SCOPED_TRACE(args[0] + " " + args[1]);
    EXPECT_EQ(run.exit_code, 0) << run.output();
    // The token is a presigned query: no part of it (X-Amz-...) may show, nor the keys.
    for (const std::string secret : {"SecretKeyNeverShown", "SessionTokenNeverShown", "Amz", "AKIDSECRETTEST"})
      EXPECT_EQ(run.output().find(secret), npos) << secret << "\n" << run.output();
  }
}

}  // namespace
}  // namespace dsqlint::testing
