#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "apply/recreation.h"
#include "apply/schema_dump.h"
#include "lint/replay.h"
#include "lint/schema_changes.h"
#include "lint/statement.h"
#include "../pg_test_server.h"
#include "recreation_step_row.h"
#include "plan/sql_quote.h"

// Rebuilds run against the real PostgreSQL the tests start: the oracle after every run,
// crash (kill -9 at each phase, in a child process) and resume is the same table with
// every row exactly once and every value converted, its indexes valid and named as before.
namespace dsqlint {
namespace {

using testing::kRecreationStepRow;
constexpr const char* kItems =
    "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL DEFAULT 0 "
    "CHECK (price >= 0), note varchar(20));\n"
    "CREATE INDEX items_price_idx ON items (price) WHERE price > 0;\n"
    "CREATE UNIQUE INDEX ON items (lower(name));";
constexpr const char* kFill =
    "INSERT INTO items SELECT g, 'item ' || g, (g % 1000) + (g % 100) / 100.0, "
    "CASE WHEN g % 7 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, 7000) g";
constexpr const char* kRetype = "ALTER TABLE items ALTER COLUMN price SET DATA TYPE numeric(18,4)";
constexpr long kRows = 7000;

std::unique_ptr<Session> open_session(const std::string& conninfo) {
  Result<std::unique_ptr<Session>> session = pg_sessions(conninfo)->open();
  if (!session) throw std::runtime_error(session.error().message);
  return std::move(*session);
}

/// The table `history` leaves in the catalog, as check hands it to the planner.
TableModel table_of(const std::string& history, const std::string& key) {
  const SourceFile file = make_source("history.sql", history);
  const ParsedFile parsed = parse_file(file);
  Catalog catalog;
  for (size_t i = 0; i < parsed.statements.size(); ++i)
    for (const SchemaChange& change : schema_changes(Statement(parsed.statements[i], file, static_cast<uint32_t>(i + 1))))
      apply_change(catalog, change, Origin{file.path, static_cast<uint32_t>(i + 1)});
  return *catalog.table(key);
}

RecreationSpec spec_for(const std::string& history, const std::string& alter, const std::string& key = "public.items") {
  auto spec = recreation_spec(table_of(history, key), alter, "ab12cd34_3", false);
  if (!spec) throw std::runtime_error(spec.error().message);
  return std::move(*spec);
}

/// A session that answers like DSQL at its limits: an INSERT writing more than `max_rows`
/// rows fails with 54000, and the COMMIT of batch `conflict_at` fails once with 40001.
class LimitedSession : public Session {
 public:
  LimitedSession(Session& inner, long max_rows, int conflict_at) : inner_(inner), max_rows_(max_rows), conflict_at_(conflict_at) {}
  QueryResult exec(const std::string& sql) override {
    if (sql == "COMMIT" && ++commits_ == conflict_at_) return QueryResult{.sqlstate = "40001", .message = "OC000"};
    return inner_.exec(sql);
  }
  QueryResult exec_params(const std::string& sql, const std::vector<std::optional<std::string>>& params) override {
    QueryResult answer = inner_.exec_params(sql, params);
    if (sql.starts_with("INSERT") && answer.affected > max_rows_)
      return QueryResult{.sqlstate = "54000", .message = "transaction row limit exceeded"};
    return answer;
  }
  int backend_pid() const override { return inner_.backend_pid(); }
  bool alive() const override { return inner_.alive(); }

 private:
  Session& inner_;
  long max_rows_;
  int conflict_at_;
  int commits_ = 0;
};

class RecreationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = testing::fresh_database("recreation");
    db_ = open_session(conninfo_);
    run(kRecreationStepRow);
    run(kItems);
    run(kFill);
    context_.migration_sha256 = "m1";
    context_.retry.first_delay = std::chrono::milliseconds(1);
  }

  QueryResult run(const std::string& sql) {
    QueryResult answer = db_->exec(sql);
    if (!answer.ok()) throw std::runtime_error(sql + ": " + answer.message);
    return answer;
  }
  std::string scalar(const std::string& sql) { return run(sql).scalar().value_or("NULL"); }
  /// Rows of a table, -1 when it does not exist.
  long rows_in(const std::string& table) {
    const std::string name = qualified_name("public", table);
    if (scalar("SELECT to_regclass(" + quote_literal(name) + ")::text") == "NULL") return -1;
    return std::stol(scalar("SELECT count(*) FROM " + name));
  }

  /// The native ALTER on a twin database: what the rebuilt schema must equal.
  std::string native_schema(const std::string& history, const std::string& fill, const std::string& alter) {
    auto twin = open_session(testing::fresh_database("recreation_twin"));
    for (const std::string& sql : {history, fill, alter}) EXPECT_TRUE(twin->exec(sql).ok()) << sql;
    return dump_schema(*twin);
  }

  /// Rows exactly once with converted values, indexes valid and named as before, no helper left.
  void expect_items_rebuilt() {
    EXPECT_EQ(scalar("SELECT count(*) FROM items"), std::to_string(kRows));
    EXPECT_EQ(scalar("SELECT count(*) FROM items WHERE price = ((id % 1000) + (id % 100) / 100.0)::numeric(18,4) "
                     "AND name = 'item ' || id AND note IS NOT DISTINCT FROM CASE WHEN id % 7 = 0 THEN NULL ELSE 'n' || id END"),
              std::to_string(kRows));
    EXPECT_EQ(scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass "
                     "AND attname = 'price'"), "numeric(18,4)");
    EXPECT_EQ(scalar("SELECT string_agg(c.relname || ':' || i.indisvalid, ',' ORDER BY c.relname) FROM pg_index i "
                     "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'items'::regclass"),
              "items_lower_idx:true,items_pkey:true,items_price_idx:true");
    EXPECT_EQ(scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'items\\_\\_mantle%'"), "0");
    EXPECT_EQ(scalar("SELECT rows_done FROM __mantle_migration_steps"), std::to_string(kRows));
    EXPECT_EQ(dump_schema(*db_), native_schema(kItems, kFill, kRetype));
  }

  /// Runs the rebuild in a child process that kills itself at `phase` (the `nth` time).
  void kill_at(const RecreationSpec& spec, const std::string& phase, int nth = 1, long rows = kRows) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto session = open_session(conninfo_);
      RecreationContext context = context_;
      int seen = 0;
      context.checkpoint = [&](std::string_view at) {
        if (at == phase && ++seen == nth) raise(SIGKILL);
      };
      run_recreation(*session, spec, context);
      _exit(3);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child never reached " << phase;
    // Whatever the phase, the original rows are all in one table.
    EXPECT_EQ(std::max(rows_in(spec.table), rows_in(spec.old_table)), rows);
  }

  std::string conninfo_;
  std::unique_ptr<Session> db_;
  RecreationContext context_;
};

TEST_F(RecreationTest, RetypesAColumnInBatches) {
  long last_done = -1;
  context_.progress = [&](long done, long total) {
    EXPECT_GT(done, last_done);
    EXPECT_EQ(total, kRows);
    last_done = done;
  };
  const RecreationResult result = run_recreation(*db_, spec_for(kItems, kRetype), context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.resumed_at, "start");
  EXPECT_EQ(result.rows_copied, kRows);
  EXPECT_GE(result.batches, 5);  // 500 rows first, doubling after four clean batches
  EXPECT_TRUE(result.warnings.empty());
  expect_items_rebuilt();
  const RecreationResult again = run_recreation(*db_, spec_for(kItems, kRetype), context_);
  EXPECT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(again.resumed_at, "done");
}

TEST_F(RecreationTest, ResumesAfterKillAtEveryPhase) {
  const RecreationSpec spec = spec_for(kItems, kRetype);
  for (const std::string phase : {"created", "copied", "verified", "indexed", "renamed_old", "renamed_new", "dropped", "finished"}) {
    SCOPED_TRACE(phase);
    run("DROP TABLE IF EXISTS items; UPDATE __mantle_migration_steps SET cursor = NULL, rows_done = 0");
    run(kItems), run(kFill);
    kill_at(spec, phase);
    const RecreationResult result = run_recreation(*open_session(conninfo_), spec, context_);
    ASSERT_TRUE(result.ok()) << result.error;
    expect_items_rebuilt();
  }
}

TEST_F(RecreationTest, ResumesFromTheCursorAfterKillBetweenBatches) {
  const RecreationSpec spec = spec_for(kItems, kRetype);
  kill_at(spec, "batch", 3);
  EXPECT_EQ(scalar("SELECT cursor FROM __mantle_migration_steps"), "[\"1500\"]");
  EXPECT_EQ(scalar("SELECT count(*) FROM items__mantle_new_ab12cd34_3"), "1500");
  const RecreationResult result = run_recreation(*open_session(conninfo_), spec, context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.resumed_at, "copy");
  EXPECT_EQ(result.rows_copied, kRows - 1500);
  expect_items_rebuilt();
}

TEST_F(RecreationTest, HalvesTheBatchOnTheTransactionLimitAndRetriesConflicts) {
  LimitedSession limited(*db_, 300, 2);
  const RecreationResult result = run_recreation(limited, spec_for(kItems, kRetype), context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.halvings, 1);  // 500 -> 250, and never above again
  EXPECT_EQ(result.batches, kRows / 250);
  EXPECT_GE(result.retries, 1);
  expect_items_rebuilt();
}

TEST_F(RecreationTest, SizesBatchesByBytes) {
  context_.max_bytes = 16 * 1024;
  const RecreationResult result = run_recreation(*db_, spec_for(kItems, kRetype), context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_GE(result.batches, 40);
  expect_items_rebuilt();
}

TEST_F(RecreationTest, OnlyTheOldTableLeftStopsWithoutDropping) {
  run("ALTER TABLE items RENAME TO items__mantle_old_ab12cd34_3");
  const RecreationResult result = run_recreation(*db_, spec_for(kItems, kRetype), context_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("ALTER TABLE \"public\".\"items__mantle_old_ab12cd34_3\" RENAME TO \"items\""),
            std::string::npos) << result.error;
  EXPECT_EQ(scalar("SELECT count(*) FROM items__mantle_old_ab12cd34_3"), std::to_string(kRows));
  EXPECT_EQ(scalar("SELECT to_regclass('items__mantle_new_ab12cd34_3')::text"), "NULL");
}

TEST_F(RecreationTest, OnlyACopyLeftStopsWithoutDropping) {
  const RecreationSpec spec = spec_for(kItems, kRetype);
  run(spec.create_sql);
  run("ALTER TABLE items RENAME TO elsewhere");
  const RecreationResult result = run_recreation(*db_, spec, context_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("is missing while"), std::string::npos) << result.error;
  EXPECT_EQ(rows_in(spec.new_table), 0);
  EXPECT_EQ(rows_in("elsewhere"), kRows);
}

TEST_F(RecreationTest, CopiesAfreshWhenTheNewTableVanishedMidCopy) {
  const RecreationSpec spec = spec_for(kItems, kRetype);
  kill_at(spec, "batch", 2);
  run("DROP TABLE " + qualified_name("public", spec.new_table));
  const RecreationResult result = run_recreation(*db_, spec, context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.rows_copied, kRows);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("starts over"), std::string::npos);
  expect_items_rebuilt();
}

TEST_F(RecreationTest, LostLeaseStopsTheCopyAndResumes) {
  run("CREATE TABLE lease (held boolean); INSERT INTO lease VALUES (false)");
  context_.fence_sql = "SELECT 1 FROM lease WHERE held FOR UPDATE";
  const RecreationSpec spec = spec_for(kItems, kRetype);
  RecreationResult result = run_recreation(*db_, spec, context_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("lock was lost"), std::string::npos) << result.error;
  EXPECT_EQ(scalar("SELECT count(*) FROM items__mantle_new_ab12cd34_3"), "0");
  EXPECT_EQ(scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass "
                   "AND attname = 'price'"), "numeric(10,2)");
  run("UPDATE lease SET held = true");
  result = run_recreation(*db_, spec, context_);
  ASSERT_TRUE(result.ok()) << result.error;
  run("DROP TABLE lease");
  expect_items_rebuilt();
}

TEST_F(RecreationTest, RowCountMismatchRefusesTheSwap) {
  auto writer = open_session(conninfo_);
  context_.checkpoint = [&](std::string_view phase) {
    if (phase == "copied") writer->exec("INSERT INTO items VALUES (0, 'late', 1, NULL)");
  };
  const RecreationSpec spec = spec_for(kItems, kRetype);
  RecreationResult result = run_recreation(*db_, spec, context_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("has 7001 rows but"), std::string::npos) << result.error;
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), "7001");
  context_.checkpoint = {};
  run("UPDATE __mantle_migration_steps SET cursor = NULL, rows_done = 0");  // what the message says to do
  result = run_recreation(*db_, spec, context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), "7001");
}

TEST_F(RecreationTest, CompositeKeysWeirdNamesAndSeveralChanges) {
  const std::string history =
      "CREATE TABLE \"we\"\"ird\" (\"select\" int, \"Mixed Case\" text, v int, n bigint GENERATED ALWAYS AS IDENTITY, "
      "PRIMARY KEY (\"select\", \"Mixed Case\"));";
  const std::string fill = "INSERT INTO \"we\"\"ird\" (\"select\", \"Mixed Case\", v) SELECT g % 10, 'k' || g, g "
                           "FROM generate_series(1, 3500) g";
  const std::string alter = "ALTER TABLE \"we\"\"ird\" ALTER COLUMN v TYPE bigint USING v * 2, ALTER v SET NOT NULL, "
                            "ADD COLUMN added int NOT NULL DEFAULT 7";
  run("DROP TABLE items"), run(history), run(fill);
  const RecreationSpec spec = spec_for(history, alter, "public.we\"ird");
  kill_at(spec, "batch", 2, 3500);
  const RecreationResult result = run_recreation(*open_session(conninfo_), spec, context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(scalar("SELECT count(*) FROM \"we\"\"ird\" WHERE v = 2 * substr(\"Mixed Case\", 2)::int AND added = 7 "
                   "AND \"select\" = substr(\"Mixed Case\", 2)::int % 10"), "3500");
  // The identity column continues past the copied values.
  EXPECT_EQ(scalar("INSERT INTO \"we\"\"ird\" (\"select\", \"Mixed Case\", v) VALUES (1, 'new', 1) RETURNING n"), "3501");
  run("DELETE FROM \"we\"\"ird\" WHERE \"Mixed Case\" = 'new'");
  const std::string native = native_schema(history, fill, alter);
  EXPECT_EQ(dump_schema(*db_), native);
}

TEST_F(RecreationTest, MatchesANativeAlterForEachKindOfChange) {
  const std::string history =
      "CREATE TABLE parts (id int PRIMARY KEY, a int UNIQUE, b int NOT NULL DEFAULT 1, c text, d text COLLATE \"C\", "
      "CONSTRAINT b_pos CHECK (b > 0), CHECK (a < b), CHECK (a IS NOT NULL OR c IS NOT NULL), UNIQUE (b, c));\n"
      "CREATE INDEX ON parts (c) INCLUDE (d);\nCREATE INDEX parts_lower ON parts USING hash (lower(c));";
  const std::string fill = "INSERT INTO parts SELECT g, g, g + 1, 'c' || g, 'd' || g FROM generate_series(1, 700) g";
  for (const std::string alter : {
           "ALTER TABLE parts ALTER c TYPE varchar(12)",
           "ALTER TABLE parts ALTER d TYPE varchar(30)",
           "ALTER TABLE parts ALTER b DROP DEFAULT, ALTER b DROP NOT NULL",
           "ALTER TABLE parts ALTER c SET NOT NULL, ALTER c SET DEFAULT 'x'",
           "ALTER TABLE parts DROP CONSTRAINT parts_check, DROP CONSTRAINT parts_a_key, DROP CONSTRAINT b_pos",
           "ALTER TABLE parts DROP CONSTRAINT parts_check1, ADD CONSTRAINT c_short CHECK (length(c) < 20)",
           "ALTER TABLE parts ADD COLUMN e int DEFAULT 5 CHECK (e > 0), ADD UNIQUE (id, e)",
           "ALTER TABLE parts DROP CONSTRAINT parts_pkey",
       }) {
    SCOPED_TRACE(alter);
    auto db = open_session(testing::fresh_database("recreation_kinds"));
    for (const std::string& sql : {std::string(kRecreationStepRow), history, fill}) ASSERT_TRUE(db->exec(sql).ok()) << sql;
    const RecreationResult result = run_recreation(*db, spec_for(history, alter, "public.parts"), context_);
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_TRUE(result.warnings.empty());
    EXPECT_EQ(db->exec("SELECT count(*) FROM parts").scalar(), "700");
    EXPECT_EQ(dump_schema(*db), native_schema(history, fill, alter));
  }
}

TEST_F(RecreationTest, ADuplicateInTheNewDefinitionFailsLoudly) {
  // Every row gets e = 5: the new unique constraint rejects the copy, and nothing is swapped.
  const RecreationResult result =
      run_recreation(*db_, spec_for(kItems, "ALTER TABLE items ADD COLUMN e int DEFAULT 5 UNIQUE"), context_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.sqlstate, "23505") << result.error;
  EXPECT_NE(result.state.find("\"public\".\"items\" is untouched"), std::string::npos) << result.state;
  EXPECT_NE(result.resume.find("resumes the copy"), std::string::npos) << result.resume;
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), std::to_string(kRows));
}

TEST_F(RecreationTest, AddsAPrimaryKey) {
  const std::string history = "CREATE TABLE codes (code text NOT NULL, qty int);";
  run(history), run("INSERT INTO codes SELECT 'c' || g, g FROM generate_series(1, 1000) g");
  const RecreationSpec spec = spec_for(history, "ALTER TABLE codes ADD PRIMARY KEY (code)", "public.codes");
  const RecreationResult result = run_recreation(*db_, spec, context_);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(scalar("SELECT count(*) FROM codes"), "1000");
  EXPECT_EQ(scalar("SELECT conname FROM pg_constraint WHERE conrelid = 'codes'::regclass AND contype = 'p'"), "codes_pkey");
}

}  // namespace
}  // namespace dsqlint
