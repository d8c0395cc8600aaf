#include "aws/credentials.h"
#include "aws/dsql_token.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <regex>

#include "aws/sha256.h"
#include "../fixture_expectations.h"
#include "../run_command.h"

namespace dsqlint {
namespace {

using std::chrono::system_clock;

/// Debian's interpreter: python3-botocore installs into its dist-packages, which a python3
/// earlier on PATH (pyenv, a venv) does not see.
constexpr const char* kDebianPython = "/usr/bin/python3";

/// The oracle: botocore signs the same request at a frozen clock. A botocore that knows DSQL
/// (1.35.74 and later) answers with the client's own generate_db_connect_*auth_token; an
/// older one (Debian 12 has 1.29) signs what that generator signs (signers.py,
/// _dsql_generate_db_auth_token) with the same RequestSigner. Prints the path taken, then
/// the token.
constexpr const char* kOracle = R"PY(
import datetime, sys
try:
    import botocore, botocore.credentials, botocore.hooks, botocore.session, botocore.signers
    from botocore.awsrequest import prepare_request_dict
    from botocore.model import ServiceId
except ImportError as error:
    print('install python3-botocore:', error)
    sys.exit(3)
host, region, action, key, secret, token, when, expires = sys.argv[1:9]
fixed = datetime.datetime.strptime(when, '%Y%m%dT%H%M%SZ')
class Frozen(datetime.datetime):
    @classmethod
    def utcnow(cls): return fixed
    @classmethod
    def now(cls, tz=None): return fixed.replace(tzinfo=tz) if tz else fixed
datetime.datetime = Frozen
session = botocore.session.Session()
if 'dsql' in session.get_available_services():
    client = session.create_client('dsql', region_name=region, aws_access_key_id=key,
                                   aws_secret_access_key=secret, aws_session_token=token or None)
    generate = (client.generate_db_connect_admin_auth_token if action == 'DbConnectAdmin'
                else client.generate_db_connect_auth_token)
    print('botocore', botocore.__version__, 'dsql client')
    print(generate(host, region, int(expires)), end='')
else:
    emitter = botocore.hooks.HierarchicalEmitter()
    credentials = botocore.credentials.Credentials(key, secret, token or None)
    signer = botocore.signers.RequestSigner(ServiceId('dsql'), region, 'dsql', 'v4', credentials, emitter)
    request = {'url_path': '/', 'query_string': '', 'headers': {}, 'body': {'Action': action}, 'method': 'GET'}
    prepare_request_dict(request, 'https://' + host)
    url = signer.generate_presigned_url(request, operation_name=action, expires_in=int(expires),
                                        region_name=region, signing_name='dsql')
    print('botocore', botocore.__version__, 'RequestSigner')
    print(url[len('https://'):], end='')
)PY";

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// 20241107T173933Z as a time point.
system_clock::time_point at(const std::string& amz_date) {
  std::tm utc{};
  strptime(amz_date.c_str(), "%Y%m%dT%H%M%SZ", &utc);
  return system_clock::from_time_t(timegm(&utc));
}

struct Case {
  std::string endpoint, region;
  bool admin;
  AwsCredentials credentials;
  std::string when;
  int expires = 900;
};

struct OracleAnswer {
  int exit_code = -1;
  std::string via, token;
};

OracleAnswer botocore_token(const Case& c) {
  std::string command = kDebianPython;
  command += " -W ignore -c ";
  command += shell_quote(kOracle);
  for (const std::string& arg : {c.endpoint, c.region, std::string(c.admin ? "DbConnectAdmin" : "DbConnect"),
                                 c.credentials.access_key_id, c.credentials.secret_access_key,
                                 c.credentials.session_token, c.when, std::to_string(c.expires)})
    command.append(" ").append(shell_quote(arg));
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {};
  std::string out;
  char buffer[512];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = pclose(pipe);
  OracleAnswer answer{.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1};
  const size_t newline = out.find('\n');
  answer.via = out.substr(0, newline);
  if (newline != std::string::npos) answer.token = out.substr(newline + 1);
  return answer;
}

const AwsCredentials kLongTerm{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
const AwsCredentials kTemporary{"ASIAEXAMPLE", "se/cret+key=", "IQoJb3JpZ2luX2VjE/+token=with%odd&chars"};

TEST(DsqlToken, MatchesBotocore) {
  const std::vector<Case> cases{
      {"abc0def1baz2quux3quuux4.dsql.us-east-1.on.aws", "us-east-1", true, kLongTerm, "20241107T173933Z"},
      {"abc0def1baz2quux3quuux4.dsql.us-east-1.on.aws", "us-east-1", false, kLongTerm, "20241107T173933Z"},
      {"abc0def1baz2quux3quuux4.dsql.us-east-1.on.aws", "us-east-1", true, kTemporary, "20241107T173933Z"},
      {"xyz.dsql.eu-west-2.on.aws", "eu-west-2", false, kTemporary, "20251231T235959Z", 3600},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.endpoint + (c.admin ? " admin" : " user") + (c.credentials.session_token.empty() ? "" : " +token"));
    const OracleAnswer oracle = botocore_token(c);
    ASSERT_EQ(oracle.exit_code, 0) << "install python3-botocore: the test signs with Debian's botocore (" << kDebianPython
                                   << ") as an independent oracle; got: " << oracle.via;
    RecordProperty("oracle", oracle.via);
    EXPECT_EQ(dsql_auth_token(c.endpoint, c.region, c.admin, c.credentials, at(c.when), c.expires), oracle.token)
        << "oracle: " << oracle.via;
  }
}

/// botocore's rds client signs an IAM auth token at a frozen clock.
constexpr const char* kRdsOracle = R"PY(
import datetime, sys
import botocore.session
host, port, user, region, key, secret, token, when = sys.argv[1:9]
fixed = datetime.datetime.strptime(when, '%Y%m%dT%H%M%SZ')
class Frozen(datetime.datetime):
    @classmethod
    def utcnow(cls): return fixed
    @classmethod
    def now(cls, tz=None): return fixed.replace(tzinfo=tz) if tz else fixed
datetime.datetime = Frozen
client = botocore.session.Session().create_client('rds', region_name=region, aws_access_key_id=key,
                                                  aws_secret_access_key=secret, aws_session_token=token or None)
print(client.generate_db_auth_token(host, int(port), user, region), end='')
)PY";

TEST(RdsToken, MatchesBotocore) {
  const std::string host = "app.cluster-c1a2b3c4d5e6.eu-central-1.rds.amazonaws.com";
  EXPECT_EQ(region_from_rds_host(host), "eu-central-1");
  EXPECT_EQ(region_from_rds_host("db.example.com"), "");
  for (const AwsCredentials& credentials : {kLongTerm, kTemporary}) {
    SCOPED_TRACE(credentials.session_token.empty() ? "long-term key" : "session token");
    std::string command = std::string(kDebianPython) + " -W ignore -c " + shell_quote(kRdsOracle);
    for (const std::string& arg : {host, std::string("5432"), std::string("app_user"), std::string("eu-central-1"),
                                   credentials.access_key_id, credentials.secret_access_key, credentials.session_token,
                                   std::string("20251231T235959Z")})
      command.append(" ").append(shell_quote(arg));
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string oracle;
    char buffer[512];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) oracle.append(buffer, n);
    ASSERT_EQ(pclose(pipe), 0) << "install python3-botocore (Debian's) as the oracle: " << oracle;
    EXPECT_EQ(rds_auth_token(host, 5432, "app_user", "eu-central-1", credentials, at("20251231T235959Z")), oracle);
    EXPECT_TRUE(oracle.starts_with(host + ":5432/?Action=connect&DBUser=app_user&")) << oracle;
  }
}

TEST(DsqlToken, HasThePresignedShape) {
  const std::string token = dsql_auth_token("abc.dsql.us-east-1.on.aws", "us-east-1", true, kLongTerm, at("20241107T173933Z"));
  EXPECT_TRUE(token.starts_with("abc.dsql.us-east-1.on.aws/?Action=DbConnectAdmin&")) << token;
  EXPECT_NE(token.find("&X-Amz-Algorithm=AWS4-HMAC-SHA256&"), std::string::npos) << token;
  EXPECT_NE(token.find("&X-Amz-Credential=AKIDEXAMPLE%2F20241107%2Fus-east-1%2Fdsql%2Faws4_request&"), std::string::npos)
      << token;
  EXPECT_NE(token.find("&X-Amz-Date=20241107T173933Z&"), std::string::npos) << token;
  EXPECT_NE(token.find("&X-Amz-Expires=900&"), std::string::npos) << token;
  EXPECT_NE(token.find("&X-Amz-SignedHeaders=host&"), std::string::npos) << token;
  EXPECT_TRUE(std::regex_search(token, std::regex("&X-Amz-Signature=[0-9a-f]{64}$"))) << token;
  EXPECT_EQ(token.find("https://"), std::string::npos);
  EXPECT_EQ(token.find(kLongTerm.secret_access_key), std::string::npos);

  const std::string user = dsql_auth_token("abc.dsql.us-east-1.on.aws", "us-east-1", false, kTemporary, at("20241107T173933Z"));
  EXPECT_TRUE(user.starts_with("abc.dsql.us-east-1.on.aws/?Action=DbConnect&")) << user;
  EXPECT_NE(user.find("&X-Amz-Security-Token=IQoJb3JpZ2luX2VjE%2F%2Btoken%3Dwith%25odd%26chars&"), std::string::npos) << user;
}

TEST(DsqlToken, HmacSha256KnownAnswer) {
  // RFC 4231, test case 2.
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(uri_encode("a-Z_0.~ /+=%&"), "a-Z_0.~%20%2F%2B%3D%25%26");
}

TEST(DsqlToken, RegionFromEndpoint) {
  EXPECT_EQ(region_from_endpoint("abc0def1baz2quux3quuux4.dsql.us-east-1.on.aws"), "us-east-1");
  EXPECT_EQ(region_from_endpoint("x.dsql.ap-southeast-2.on.aws."), "ap-southeast-2");
  for (const char* other : {"", "localhost", "db.example.com", "dsql.us-east-1.on.aws", ".dsql.us-east-1.on.aws",
                            "x.dsql..on.aws", "x.dsql.us-east-1.amazonaws.com", "x.dsql.a.b.on.aws"})
    EXPECT_EQ(region_from_endpoint(other), "") << other;
}

/// Sets (or, for nullopt, unsets) environment variables for one test and puts them back.
class ScopedEnv {
 public:
  explicit ScopedEnv(const std::map<std::string, std::optional<std::string>>& values) {
    for (const auto& [name, value] : values) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
      set(name, value);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) set(name, value);
  }

 private:
  static void set(const std::string& name, const std::optional<std::string>& value) {
    if (value) setenv(name.c_str(), value->c_str(), 1);
    else unsetenv(name.c_str());
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

TEST(DsqlToken, CredentialsFromEnvironment) {
  {
    ScopedEnv env({{"AWS_ACCESS_KEY_ID", std::nullopt}, {"AWS_SECRET_ACCESS_KEY", std::nullopt}, {"AWS_SESSION_TOKEN", std::nullopt}});
    const auto missing = credentials_from_environment();
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"), std::string::npos)
        << missing.error().message;
    EXPECT_NE(missing.error().message.find("not from profiles, SSO or instance metadata"), std::string::npos);
  }
  {
    ScopedEnv env({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", ""}, {"AWS_SESSION_TOKEN", std::nullopt}});
    const auto missing = credentials_from_environment();
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.starts_with("AWS_SECRET_ACCESS_KEY is not set:")) << missing.error().message;
  }
  ScopedEnv env({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_SESSION_TOKEN", "t"}});
  const auto found = credentials_from_environment();
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->access_key_id, "AKID");
  EXPECT_EQ(found->secret_access_key, "s");
  EXPECT_EQ(found->session_token, "t");
}

/// The shared files and credential_process, with the environment's keys unset.
TEST(Credentials, SharedFilesAndCredentialProcessInTheSdkOrder) {
  const std::string dir = testing::make_temp_dir("aws-credentials");
  testing::write_file(dir + "/credentials", "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = sDefault\n"
                                            "\n[deploy]\naws_access_key_id=AKIDDEPLOY\naws_secret_access_key=sDeploy\n"
                                            "aws_session_token = tDeploy\n");
  testing::write_file(dir + "/process.sh", "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", "
                                           "\"SecretAccessKey\": \"sProcess\", \"SessionToken\": \"tProcess\", "
                                           "\"Expiration\": \"2030-01-01T00:00:00Z\"}'\n");
  testing::write_file(dir + "/config", "[default]\nregion = us-east-1\n[profile sso-like]\ncredential_process = sh " + dir +
                                       "/process.sh\n[profile broken]\ncredential_process = sh -c 'exit 3'\n");
  const std::map<std::string, std::optional<std::string>> base = {
      {"AWS_ACCESS_KEY_ID", std::nullopt}, {"AWS_SECRET_ACCESS_KEY", std::nullopt}, {"AWS_SESSION_TOKEN", std::nullopt},
      {"AWS_SHARED_CREDENTIALS_FILE", dir + "/credentials"}, {"AWS_CONFIG_FILE", dir + "/config"},
      {"AWS_DEFAULT_PROFILE", std::nullopt}, {"AWS_EC2_METADATA_DISABLED", "true"},
      {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", std::nullopt}, {"AWS_CONTAINER_CREDENTIALS_FULL_URI", std::nullopt}};
  const auto resolved = [&](std::optional<std::string> profile) {
    auto vars = base;
    vars["AWS_PROFILE"] = std::move(profile);
    ScopedEnv env(vars);
    return resolve_credentials();
  };
  const auto by_default = resolved(std::nullopt);
  ASSERT_TRUE(by_default.ok()) << by_default.error().message;
  EXPECT_EQ(by_default->access_key_id, "AKIDDEFAULT");
  const auto deploy = resolved("deploy");
  ASSERT_TRUE(deploy.ok());
  EXPECT_EQ(deploy->session_token, "tDeploy");
  const auto process = resolved("sso-like");
  ASSERT_TRUE(process.ok()) << process.error().message;
  EXPECT_EQ(process->access_key_id, "AKIDPROCESS");
  EXPECT_EQ(process->session_token, "tProcess");
  const auto broken = resolved("broken");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("credential_process exited with status 3"), std::string::npos)
      << broken.error().message;
  const auto missing = resolved("nobody");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"),
            std::string::npos)
      << missing.error().message;
  EXPECT_NE(missing.error().message.find("profile nobody in " + dir + "/credentials"), std::string::npos)
      << missing.error().message;
  // The environment comes first.
  auto vars = base;
  vars["AWS_ACCESS_KEY_ID"] = "AKIDENV", vars["AWS_SECRET_ACCESS_KEY"] = "sEnv", vars["AWS_PROFILE"] = "deploy";
  ScopedEnv env(vars);
  EXPECT_EQ(resolve_credentials()->access_key_id, "AKIDENV");
}

/// Local stand-ins for the container credentials endpoint and EC2 instance metadata (IMDSv2),
/// on 127.0.0.1: each answers only with the right token header, and logs what it was asked.
constexpr const char* kStandIn = R"PY(
import http.server, json, sys
log = open(sys.argv[2], 'a')
def creds(key): return json.dumps({'AccessKeyId': key, 'SecretAccessKey': 's-' + key, 'Token': 't-' + key,
                                   'Expiration': '2030-01-01T00:00:00Z', 'Code': 'Success'}).encode()
class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def answer(self, status, body=b''):
        self.send_response(status); self.send_header('Content-Length', str(len(body))); self.end_headers()
        self.wfile.write(body)
    def do_PUT(self):
        log.write('PUT ' + self.path + '\n'); log.flush()
        if self.path == '/latest/api/token' and self.headers.get('X-aws-ec2-metadata-token-ttl-seconds'):
            return self.answer(200, b'imds-session')
        self.answer(403)
    def do_GET(self):
        log.write('GET ' + self.path + ' ' + str(self.headers.get('Authorization')) + '\n'); log.flush()
        if self.path == '/container-creds':
            return self.answer(200, creds('AKIDCONTAINER')) if self.headers.get('Authorization') == 'secret-token' else self.answer(401)
        if self.headers.get('X-aws-ec2-metadata-token') != 'imds-session': return self.answer(401)
        if self.path == '/latest/meta-data/iam/security-credentials/': return self.answer(200, b'deploy-role\n')
        if self.path == '/latest/meta-data/iam/security-credentials/deploy-role': return self.answer(200, creds('AKIDINSTANCE'))
        self.answer(404)
server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
open(sys.argv[1], 'w').write(str(server.server_port))
server.serve_forever()
)PY";

TEST(Credentials, ContainerEndpointAndInstanceMetadataAnswerOnLocalStandIns) {
  const std::string dir = testing::make_temp_dir("aws-standin");
  testing::write_file(dir + "/server.py", kStandIn);
  testing::write_file(dir + "/token", "secret-token\n");
  const std::string start = std::string(kDebianPython) + " " + dir + "/server.py " + dir + "/port " + dir +
                            "/log & echo $! > " + dir + "/pid";
  ASSERT_EQ(std::system(start.c_str()), 0);
  std::string port;
  for (int i = 0; i < 100 && port.empty(); ++i) {
    usleep(50'000);
    port = testing::read_text_file(dir + "/port");
  }
  ASSERT_FALSE(port.empty()) << "the stand-in did not start";
  const std::string base = "http://127.0.0.1:" + port;
  const std::map<std::string, std::optional<std::string>> none = {
      {"AWS_ACCESS_KEY_ID", std::nullopt}, {"AWS_SECRET_ACCESS_KEY", std::nullopt}, {"AWS_SESSION_TOKEN", std::nullopt},
      {"AWS_PROFILE", "nobody"}, {"AWS_SHARED_CREDENTIALS_FILE", dir + "/none"}, {"AWS_CONFIG_FILE", dir + "/none"},
      {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", std::nullopt}, {"AWS_CONTAINER_AUTHORIZATION_TOKEN", std::nullopt},
      {"AWS_EC2_METADATA_DISABLED", std::nullopt}};
  {
    auto vars = none;
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = base + "/container-creds";
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = dir + "/token";
    vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = base;
    ScopedEnv env(vars);
    const auto got = resolve_credentials();
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(got->access_key_id, "AKIDCONTAINER");
    EXPECT_EQ(got->session_token, "t-AKIDCONTAINER");
  }
  {
    auto vars = none;
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = std::nullopt;
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = std::nullopt;
    vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = base + "/";
    ScopedEnv env(vars);
    const auto got = resolve_credentials();
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(got->access_key_id, "AKIDINSTANCE");
    EXPECT_EQ(got->secret_access_key, "s-AKIDINSTANCE");
  }
  {
    auto vars = none;
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = base + "/container-creds";  // no token: 401
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = std::nullopt;
    vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = base;
    vars["AWS_EC2_METADATA_DISABLED"] = "true";
    ScopedEnv env(vars);
    const auto got = resolve_credentials();
    ASSERT_FALSE(got.ok());
    EXPECT_NE(got.error().message.find("container credentials endpoint answered HTTP 401"), std::string::npos)
        << got.error().message;
    EXPECT_NE(got.error().message.find("instance metadata: AWS_EC2_METADATA_DISABLED is true"), std::string::npos);
  }
  const std::string log = testing::read_text_file(dir + "/log");
  EXPECT_NE(log.find("PUT /latest/api/token"), std::string::npos) << log;  // IMDSv2: a session token first
  std::system(("kill $(cat " + dir + "/pid)").c_str());
}

/// The environment of a CLI run against an endpoint alone, with fake credentials.
std::map<std::string, std::optional<std::string>> endpoint_env() {
  return {{"AWS_ACCESS_KEY_ID", "AKIDFAKECLITEST"},       {"AWS_SECRET_ACCESS_KEY", "fakeSecretKeyForTheCliTest"},
          {"AWS_SESSION_TOKEN", "fakeSessionTokenCliTest"}, {"AWS_REGION", std::nullopt},
          {"DATABASE_URL", std::nullopt},                 {"DSQL_ENDPOINT", std::nullopt},
          {"PGPASSWORD", std::nullopt},                   {"PGCONNECT_TIMEOUT", "5"},
          {"AWS_EC2_METADATA_DISABLED", "true"},          {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", std::nullopt},
          {"AWS_CONTAINER_CREDENTIALS_FULL_URI", std::nullopt}};
}

void expect_no_secret(const testing::CommandResult& run) {
  const std::string output = run.out + run.err;
  EXPECT_EQ(output.find("fakeSecretKeyForTheCliTest"), std::string::npos) << output;
  EXPECT_EQ(output.find("fakeSessionTokenCliTest"), std::string::npos) << output;
  EXPECT_FALSE(std::regex_search(output, std::regex("[0-9a-f]{64}"))) << output;
  EXPECT_NE(output.find("password=***"), std::string::npos) << "the token should be in the conninfo, masked: " << output;
}

TEST(DsqlTokenCli, ApplyToAnEndpointSignsATokenAndNeverPrintsIt) {
  ScopedEnv env(endpoint_env());
  const auto run = testing::run_dsqlint({"apply", "--endpoint", "abc.dsql.us-east-1.on.aws", "--folder",
                                         DSQLINT_SOURCE_DIR "/fixtures/example/migrations"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_NE(run.err.find("abc.dsql.us-east-1.on.aws"), std::string::npos) << run.err;
  expect_no_secret(run);
}

TEST(DsqlTokenCli, StatusToAnEndpointSignsATokenAndNeverPrintsIt) {
  ScopedEnv env(endpoint_env());
  setenv("DSQL_ENDPOINT", "abc.dsql.us-east-1.invalid", 1);
  const auto run = testing::run_dsqlint({"status", "--region", "us-east-1", "--folder",
                                         DSQLINT_SOURCE_DIR "/fixtures/example/migrations"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  expect_no_secret(run);
}

TEST(DsqlTokenCli, EndpointWithoutCredentialsSaysWhatIsMissing) {
  ScopedEnv env(endpoint_env());
  unsetenv("AWS_ACCESS_KEY_ID");
  const auto run = testing::run_dsqlint({"apply", "--endpoint", "abc.dsql.us-east-1.on.aws", "--folder",
                                         DSQLINT_SOURCE_DIR "/fixtures/example/migrations"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("AWS_ACCESS_KEY_ID is not set"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("or set PGPASSWORD"), std::string::npos) << run.err;
  EXPECT_EQ((run.out + run.err).find("fakeSecretKeyForTheCliTest"), std::string::npos);
}

TEST(DsqlTokenCli, EndpointWithoutCredentialsUsesAPasswordFromPgpassword) {
  ScopedEnv env(endpoint_env());
  unsetenv("AWS_ACCESS_KEY_ID");
  setenv("PGPASSWORD", "tokenMadeByTheAwsCli", 1);
  const auto run = testing::run_dsqlint({"apply", "--endpoint", "abc.dsql.us-east-1.on.aws", "--folder",
                                         DSQLINT_SOURCE_DIR "/fixtures/example/migrations"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_EQ((run.out + run.err).find("tokenMadeByTheAwsCli"), std::string::npos) << run.out << run.err;
  EXPECT_EQ((run.out + run.err).find("password="), std::string::npos) << run.out << run.err;
}

TEST(DsqlTokenCli, EndpointWithoutARegionSaysHowToGiveOne) {
  ScopedEnv env(endpoint_env());
  const auto run = testing::run_dsqlint({"apply", "--endpoint", "db.example.invalid", "--folder",
                                         DSQLINT_SOURCE_DIR "/fixtures/example/migrations"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("pass --region or set AWS_REGION"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace dsqlint
