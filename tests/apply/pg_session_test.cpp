#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "apply/database.h"
#include "apply/local_server.h"
#include "../pg_test_server.h"
#include "../run_command.h"

namespace dsqlint {
namespace {

std::unique_ptr<Session> open_session(const std::string& conninfo) {
  Result<std::unique_ptr<Session>> session = pg_sessions(conninfo)->open();
  if (!session) throw std::runtime_error(session.error().message);
  return std::move(*session);
}

/// Whether `pid` has exited (or is a zombie that init has yet to reap). pg_ctl returns once
/// postmaster.pid is gone, a moment before the postmaster exits, hence the wait.
bool exited(pid_t pid) {
  for (int tries = 0; tries < 100; ++tries) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line) || line.find(") Z") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

class PgSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = testing::fresh_database("pg_session");
    session_ = open_session(conninfo_);
  }
  QueryResult exec(const std::string& sql) { return session_->exec(sql); }

  std::string conninfo_;
  std::unique_ptr<Session> session_;
};

TEST_F(PgSessionTest, ExecReturnsRowsAndNulls) {
  const QueryResult result = exec("SELECT 1 AS a, NULL AS b UNION ALL SELECT 2, 'x'");
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0][0], "1");
  EXPECT_EQ(result.rows[0][1], std::nullopt);
  EXPECT_EQ(result.rows[1][1], "x");
  EXPECT_EQ(result.scalar(), "1");
  EXPECT_EQ(exec("SELECT NULL").scalar(), std::nullopt);
  EXPECT_EQ(exec("SET lock_timeout = '1s'").scalar(), std::nullopt);
  EXPECT_TRUE(exec("").ok());
}

TEST_F(PgSessionTest, MultiStatementStringGivesTheLastResult) {
  EXPECT_EQ(exec("CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2); SELECT count(*) FROM t").scalar(), "2");
}

TEST_F(PgSessionTest, MultiStatementStringStopsAtTheFirstError) {
  const QueryResult result = exec("CREATE TABLE t (id int); SELECT * FROM missing; SELECT 1 / 0");
  EXPECT_EQ(result.sqlstate, "42P01");
  EXPECT_NE(result.message.find("\"missing\" does not exist"), std::string::npos) << result.message;
  EXPECT_EQ(exec("SELECT to_regclass('t')::text").scalar(), std::nullopt);  // one implicit transaction
}

TEST_F(PgSessionTest, SyntaxErrorHasSqlstateAndMessage) {
  const QueryResult result = exec("SELEC 1");
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.sqlstate, "42601");
  EXPECT_EQ(result.message, "syntax error at or near \"SELEC\"");
  EXPECT_FALSE(result.connection_lost());
  EXPECT_TRUE(session_->alive());
  EXPECT_EQ(exec("SELECT 1").scalar(), "1");
}

TEST_F(PgSessionTest, UniqueViolationCarriesTheDetail) {
  ASSERT_TRUE(exec("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)").ok());
  const QueryResult result = exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(result.sqlstate, "23505");
  EXPECT_EQ(result.message, "duplicate key value violates unique constraint \"t_pkey\"\nDETAIL: Key (id)=(1) already exists.");
  EXPECT_FALSE(result.conflict());
}

TEST_F(PgSessionTest, ExecParamsBindsTextAndNull) {
  const QueryResult result = session_->exec_params("SELECT $1::text, $2::int IS NULL, $3::int + 1", {"it's; --", std::nullopt, "41"});
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(result.rows[0][0], "it's; --");
  EXPECT_EQ(result.rows[0][1], "t");
  EXPECT_EQ(result.rows[0][2], "42");
  EXPECT_EQ(session_->exec_params("SELECT $1::int", {"x"}).sqlstate, "22P02");
}

TEST_F(PgSessionTest, AffectedCountsChangedRows) {
  EXPECT_EQ(exec("CREATE TABLE t (id int)").affected, 0);
  EXPECT_EQ(exec("INSERT INTO t SELECT generate_series(1, 3)").affected, 3);
  EXPECT_EQ(session_->exec_params("UPDATE t SET id = id + 10 WHERE id >= $1", {"2"}).affected, 2);
  EXPECT_EQ(exec("DELETE FROM t WHERE id = 1").affected, 1);
}

TEST_F(PgSessionTest, TerminatedBackendIsConnectionLost) {
  const std::unique_ptr<Session> killer = open_session(conninfo_);
  const int victim = session_->backend_pid();
  ASSERT_GT(victim, 0);
  EXPECT_NE(victim, killer->backend_pid());
  const QueryResult killed = killer->exec_params("SELECT pg_terminate_backend($1, 5000)", {std::to_string(victim)});
  ASSERT_EQ(killed.scalar(), "t") << killed.message;
  const QueryResult result = exec("SELECT 1");
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.connection_lost()) << result.sqlstate << " " << result.message;
  EXPECT_FALSE(session_->alive());
  EXPECT_TRUE(exec("SELECT 1").connection_lost());
  EXPECT_TRUE(killer->alive());
}

TEST_F(PgSessionTest, CopyIsRefusedAndTheSessionStaysUsable) {
  const QueryResult in = exec("CREATE TABLE t (id int); COPY t FROM STDIN");
  EXPECT_EQ(in.sqlstate, "57014") << in.message;
  EXPECT_TRUE(exec("COPY (SELECT 1) TO STDOUT").ok());
  EXPECT_EQ(exec("SELECT 2").scalar(), "2");
}

TEST_F(PgSessionTest, NoticesDoNotReachStderr) {
  ::testing::internal::CaptureStderr();
  const QueryResult result = exec("DO $$ BEGIN RAISE NOTICE 'hello'; RAISE WARNING 'careful'; END $$");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_TRUE(result.ok()) << result.message;
}

TEST_F(PgSessionTest, ApplicationNameDefaultsToDsqlint) {
  EXPECT_EQ(exec("SHOW application_name").scalar(), "dsqlint");
  EXPECT_EQ(open_session(conninfo_ + " application_name=mine")->exec("SHOW application_name").scalar(), "mine");
}

TEST(PgSessionOpen, FailureMessageMasksThePassword) {
  const LocalServer& server = testing::test_server();
  const std::string bad_role = server.conninfo() + " user=nosuchrole password=hunter2";
  for (const std::string& conninfo : {bad_role, std::string("postgresql://u:hunter2@127.0.0.1:1/db?connect_timeout=2"),
                                      std::string("host=/nonexistent password='hunter2' oops")}) {
    const Result<std::unique_ptr<Session>> session = pg_sessions(conninfo)->open();
    ASSERT_FALSE(session.ok()) << conninfo;
    EXPECT_EQ(session.error().message.find("hunter2"), std::string::npos) << session.error().message;
    EXPECT_NE(session.error().message.find("***"), std::string::npos) << session.error().message;
  }
  EXPECT_NE(pg_sessions(bad_role)->open().error().message.find("nosuchrole"), std::string::npos);
  EXPECT_EQ(pg_sessions(bad_role)->display().find("hunter2"), std::string::npos);
}

TEST(MaskSecrets, UriPassword) {
  EXPECT_EQ(mask_secrets("postgres://alice:s3cret@db.example.com:5432/app"), "postgres://alice:***@db.example.com:5432/app");
  EXPECT_EQ(mask_secrets("postgresql://alice:p%40ss@h/db?sslmode=require"), "postgresql://alice:***@h/db?sslmode=require");
  EXPECT_EQ(mask_secrets("postgresql://alice:p@ss@h"), "postgresql://alice:***@h");
}

TEST(MaskSecrets, UriInsideFreeText) {
  // CLI11's "arguments were not expected" quotes the argument, password and all.
  EXPECT_EQ(mask_secrets("The following arguments were not expected: postgresql://u:s3cret@h:1/db --database-url"),
            "The following arguments were not expected: postgresql://u:***@h:1/db --database-url");
  EXPECT_EQ(mask_secrets("cannot use 'POSTGRES://a:b@h/d?password=x' here"), "cannot use 'POSTGRES://a:***@h/d?password=***' here");
  EXPECT_EQ(mask_secrets("see https://x:y@example.com"), "see https://x:y@example.com");
}

TEST(MaskSecrets, KeywordValuePassword) {
  EXPECT_EQ(mask_secrets("host=h password=s3cret dbname=d"), "host=h password=*** dbname=d");
  EXPECT_EQ(mask_secrets("password='se cr\\'et' user=u"), "password=*** user=u");
  EXPECT_EQ(mask_secrets("host=h password = s3cret"), "host=h password = ***");
  EXPECT_EQ(mask_secrets("PASSWORD=x"), "PASSWORD=***");
}

TEST(MaskSecrets, QueryParameters) {
  EXPECT_EQ(mask_secrets("postgresql://u@h/db?sslmode=require&password=s3cret"),
            "postgresql://u@h/db?sslmode=require&password=***");
  EXPECT_EQ(mask_secrets("postgres://admin@h/postgres?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abcd&token=zz&X-Amz-Date=1"),
            "postgres://admin@h/postgres?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=***&token=***&X-Amz-Date=1");
}

TEST(MaskSecrets, QuotedIamTokenPassword) {
  const std::string token =
      "abc.dsql.us-east-1.on.aws/?Action=DbConnectAdmin&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20241107"
      "%2Fus-east-1%2Fdsql%2Faws4_request&X-Amz-Date=20241107T173933Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
      "&X-Amz-Security-Token=IQo%2Bx%3D&X-Amz-Signature=c578e142e182b2175741d25e33ffd30a37ed0dd2b1efc1134aadfbaf3bbefd85";
  const std::string conninfo = "host='abc.dsql.us-east-1.on.aws' port=5432 user=admin dbname=postgres sslmode=require "
                               "password=" + conninfo_quote(token);
  EXPECT_EQ(mask_secrets(conninfo),
            "host='abc.dsql.us-east-1.on.aws' port=5432 user=admin dbname=postgres sslmode=require password=***");
  EXPECT_EQ(mask_secrets("password=" + conninfo_quote(token) + " host=h"), "password=*** host=h");
}

TEST(MaskSecrets, BareIamTokenInFreeText) {
  EXPECT_EQ(mask_secrets("FATAL: bad token h/?Action=DbConnect&X-Amz-Security-Token=IQo%2B&X-Amz-Signature=abc123 for admin"),
            "FATAL: bad token h/?Action=DbConnect&X-Amz-Security-Token=***&X-Amz-Signature=*** for admin");
  EXPECT_EQ(mask_secrets("x-amz-signature=abc"), "x-amz-signature=***");
}

TEST(MaskSecrets, ConninfoQuoteEscapesQuotesAndBackslashes) {
  EXPECT_EQ(conninfo_quote("plain"), "'plain'");
  EXPECT_EQ(conninfo_quote("a'b\\c d&e=f%"), "'a\\'b\\\\c d&e=f%'");
  EXPECT_EQ(conninfo_quote(""), "''");
  EXPECT_EQ(mask_secrets("password=" + conninfo_quote("it's \\ x") + " user=u"), "password=*** user=u");
}

TEST(MaskSecrets, NoPasswordIsUnchanged) {
  for (const char* text : {"", "mydb", "host=h user=u dbname=d", "postgresql://alice@h/db", "postgresql://[::1]:5432/db",
                           "postgresql://h/db?sslmode=verify-full&application_name=x"}) {
    EXPECT_EQ(mask_secrets(text), text);
  }
}

TEST(LocalServer, StartsServesAndCleansUp) {
  Result<LocalServer> started = LocalServer::start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  LocalServer server = std::move(*started);
  const std::string dir = server.dir();
  ASSERT_TRUE(std::filesystem::is_directory(dir + "/data"));
  EXPECT_EQ(open_session(server.conninfo())->exec("SELECT current_user").scalar(), "postgres");
  Result<std::string> created = server.create_database("made here");
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(open_session(*created)->exec("SELECT current_database()").scalar(), "made here");
  pid_t postmaster = 0;
  std::ifstream(dir + "/data/postmaster.pid") >> postmaster;
  ASSERT_GT(postmaster, 0);

  server.stop();
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_TRUE(server.dir().empty());
  EXPECT_TRUE(exited(postmaster));
  server.stop();
}

TEST(LocalServer, WatchdogCleansUpAfterACrash) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  const pid_t child = ::fork();
  if (child == 0) {  // starts a server, then dies without running any destructor
    Result<LocalServer> started = LocalServer::start();
    std::string said = "0 start failed";
    if (started) std::ifstream(started->dir() + "/data/postmaster.pid") >> said, said += " " + started->dir();
    ::_exit(::write(ends[1], said.data(), said.size()) > 0 ? 0 : 1);
  }
  ::close(ends[1]);
  std::string said(4096, '\0');
  said.resize(static_cast<size_t>(std::max<ssize_t>(0, ::read(ends[0], said.data(), said.size()))));
  ::close(ends[0]);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  std::istringstream words(said);
  pid_t postmaster = 0;
  std::string dir;
  ASSERT_TRUE(words >> postmaster >> dir && postmaster > 0) << said;
  EXPECT_TRUE(exited(postmaster));
  for (int tries = 0; tries < 100 && std::filesystem::exists(dir); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(LocalServer, InitdbFailureQuotesItsLog) {
  const std::string bin = testing::make_temp_dir("fake_pg_bin");
  for (const char* tool : {"/initdb", "/pg_ctl"}) {
    testing::write_file(bin + tool, "#!/bin/sh\necho 'initdb: boom' >&2\nexit 1\n");
    std::filesystem::permissions(bin + tool, std::filesystem::perms::all);
  }
  const Result<LocalServer> started = LocalServer::start({.bin_dir = bin});
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find("initdb failed with status 1:\ninitdb: boom"), std::string::npos)
      << started.error().message;
}

TEST(LocalServer, MissingBinariesAreAClearError) {
  const Result<LocalServer> started = LocalServer::start({.bin_dir = "/nonexistent"});
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find("install postgresql-15"), std::string::npos) << started.error().message;
}

TEST(PgSession, FactoryAsksForItsConnectionStringAgainOnEveryOpen) {
  const std::string conninfo = testing::fresh_database("resign");
  int asked = 0;
  auto sessions = pg_sessions([&]() -> Result<std::string> {
    ++asked;
    return conninfo + " password=token-" + std::to_string(asked);
  });
  auto first = sessions->open();
  ASSERT_TRUE(first) << first.error().message;
  auto second = sessions->open();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(asked, 3) << "once for display, then once per connection (a fresh IAM token each)";
  EXPECT_EQ(sessions->display().find("token-"), std::string::npos) << sessions->display();
  int refusals = 0;
  auto failing = pg_sessions([&]() -> Result<std::string> { return Error{"credentials expired " + std::to_string(++refusals)}; });
  const auto refused = failing->open();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "credentials expired 2");
}

}  // namespace
}  // namespace dsqlint
