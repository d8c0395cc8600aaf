// Rebuilds of tables that other tables reference, through the real `dsqlint apply` on the
// real server: a chat schema (users <- chats <- messages, messages replying to messages,
// votes on chats and messages, views over them) whose chats and messages change type. The
// foreign keys, views, grants and comments come back, every row stays, and a kill at any
// step of the rebuild is finished by the next run.
#include <gtest/gtest.h>
#include <signal.h>

#include <fmt/format.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

void write_chat_folder(const MigrationFolder& folder) {
  folder.write("0001_chat.sql",
               {R"(CREATE TABLE "users" ("id" bigint PRIMARY KEY, "name" text NOT NULL))",
                R"(CREATE TABLE "chats" ("id" bigint PRIMARY KEY, "user_id" bigint NOT NULL REFERENCES "users" ("id"), )"
                R"("title" varchar(50) NOT NULL))",
                R"(CREATE TABLE "messages" ("id" bigint PRIMARY KEY, "chat_id" bigint NOT NULL REFERENCES "chats" ("id") )"
                R"(ON DELETE CASCADE, "reply_to" bigint REFERENCES "messages" ("id"), "author_id" bigint, )"
                R"("body" varchar(200) NOT NULL))",
                R"(CREATE TABLE "votes" ("chat_id" bigint NOT NULL REFERENCES "chats" ("id"), "message_id" bigint NOT NULL )"
                R"(REFERENCES "messages" ("id") DEFERRABLE INITIALLY DEFERRED, "up" boolean NOT NULL, )"
                R"(PRIMARY KEY ("chat_id", "message_id")))",
                R"(CREATE VIEW "chat_sizes" AS SELECT c.id, count(m.id) AS messages FROM chats c )"
                R"(LEFT JOIN messages m ON m.chat_id = c.id GROUP BY c.id)",
                R"(CREATE VIEW "busy_chats" AS SELECT id FROM chat_sizes WHERE messages > 5)",
                R"(COMMENT ON TABLE "chats" IS 'conversations')",
                R"(COMMENT ON COLUMN "messages"."body" IS 'markdown')",
                R"(GRANT SELECT ON "chats" TO PUBLIC)"});
  // Old messages name authors that no longer exist: the key is added NOT VALID, and stays so.
  folder.write("0002_authors.sql", {R"(ALTER TABLE "messages" ADD CONSTRAINT "messages_author_fk" FOREIGN KEY )"
                                    R"(("author_id") REFERENCES "users" ("id") NOT VALID)"});
  folder.write("0003_wider.sql", {R"(ALTER TABLE "chats" ALTER COLUMN "title" SET DATA TYPE varchar(200))",
                                  R"(ALTER TABLE "messages" ALTER COLUMN "body" SET DATA TYPE text)"});
}

/// 40 users, 1,000 chats, 6,000 messages (replies to earlier and to later messages, authors
/// that are gone), 3,000 votes: seeded after 0001, before 0002 adds the author key.
void seed_chat(Db& db) {
  db.exec("INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 40) g");
  db.exec("INSERT INTO chats SELECT g, 1 + g % 40, 'chat ' || g FROM generate_series(1, 1000) g");
  db.exec("INSERT INTO messages SELECT g, 1 + g % 1000, NULL, CASE WHEN g % 10 = 0 THEN 999 ELSE 1 + g % 40 END, "
          "'message ' || g FROM generate_series(1, 6000) g");
  // A reply may point at a later message: the copy in key order must not trip over it.
  db.exec("UPDATE messages SET reply_to = CASE WHEN id % 3 = 0 THEN id - 1 WHEN id % 3 = 1 AND id < 6000 THEN id + 1 "
          "END");
  db.exec("INSERT INTO votes SELECT 1 + g % 1000, g, g % 2 = 0 FROM generate_series(1, 3000) g");
}

/// Applies 0001, seeds, then writes 0002 and 0003 back for the next apply.
void prepare(const MigrationFolder& folder, Db& db, const std::string& provider) {
  folder.remove("0002_authors.sql");
  folder.remove("0003_wider.sql");
  const ProcessResult first = run_dsqlint_with(apply_args(folder, db, provider));
  ASSERT_EQ(first.exit_code, 0) << first.output();
  seed_chat(db);
  write_chat_folder(folder);
}

const DataChecks kChatChecks = {
    {"SELECT count(*), count(DISTINCT id), sum(length(title)) FROM chats", "1000 1000 7893"},
    {"SELECT count(*), sum(reply_to), count(*) FILTER (WHERE author_id = 999) FROM messages", "6000 12002000 600"},
    {"SELECT count(*), count(*) FILTER (WHERE up) FROM votes", "3000 1500"},
    {"SELECT count(*), sum(messages) FROM chat_sizes", "1000 6000"},
    {"SELECT count(*) FROM busy_chats", "1000"},
    {"SELECT obj_description('chats'::regclass), col_description('messages'::regclass, 5)", "conversations markdown"},
    {"SELECT relacl::text LIKE '%=r/%' FROM pg_class WHERE relname = 'chats'", "t"},
    {"SELECT string_agg(conname || ':' || confrelid::regclass || ':' || convalidated || ':' || condeferrable, ' ' "
     "ORDER BY conname) FROM pg_constraint WHERE contype = 'f'",
     "chats_user_id_fkey:users:true:false messages_author_fk:users:false:false "
     "messages_chat_id_fkey:chats:true:false messages_reply_to_fkey:messages:true:false "
     "votes_chat_id_fkey:chats:true:false votes_message_id_fkey:messages:true:true"},
    {"SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_\\_mantle\\_%' AND relname NOT LIKE '\\_\\_mantle\\_migration%'",
     "0"},
};

/// Every key rejects an orphan (23503), and deleting a chat still deletes its messages.
void expect_keys_enforced(Db& db) {
  for (const char* orphan : {"INSERT INTO messages VALUES (90001, 424242, NULL, 1, 'x')",
                             "INSERT INTO messages VALUES (90002, 1, 424242, 1, 'x')",
                             "INSERT INTO messages VALUES (90003, 1, NULL, 424242, 'x')",
                             "INSERT INTO votes VALUES (424242, 1, true)",
                             "BEGIN; INSERT INTO votes VALUES (1, 424242, true); COMMIT",
                             "INSERT INTO chats VALUES (90004, 424242, 'x')"}) {
    try {
      db.exec(orphan);
      ADD_FAILURE() << "an orphan was accepted: " << orphan;
    } catch (const std::exception& error) {
      EXPECT_NE(std::string(error.what()).find("23503"), npos) << orphan << ": " << error.what();
      db.exec("ROLLBACK");
    }
  }
  db.exec("INSERT INTO chats VALUES (5000, 1, 'short-lived'); INSERT INTO messages VALUES (95000, 5000, NULL, 1, 'x'); "
          "DELETE FROM chats WHERE id = 5000");
  EXPECT_EQ(db.row("SELECT count(*) FROM messages WHERE chat_id = 5000"), "0") << "ON DELETE CASCADE lost";
}

TEST(ApplyRebuildDependents, ReferencedTablesAreRebuiltWithTheirKeysViewsGrantsAndComments) {
  MigrationFolder folder("rebuild-dependents");
  write_chat_folder(folder);
  // PostgreSQL changes the types in place: its schema is what the rebuilds must leave.
  Db native(fresh_database("dependents_native"));
  prepare(folder, native, "postgres");
  const ProcessResult in_place = run_dsqlint_with(apply_args(folder, native, "postgres"));
  ASSERT_EQ(in_place.exit_code, 0) << in_place.output();
  for (const auto& [sql, expected] : kChatChecks) EXPECT_EQ(native.row(sql), expected) << "postgres: " << sql;
  Db db(fresh_database("dependents"));
  prepare(folder, db, "dsql-local");
  const ProcessResult rebuilt = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output();
  for (const char* step : {"dropped the other tables' foreign keys that point at the table",
                           "added those foreign keys back against the rebuilt table, NOT VALID", "validated them",
                           "created the views again", "gave the table's grants and comments again",
                           "added the table's own self-references and NOT VALID keys to the new table"})
    EXPECT_NE(rebuilt.out.find(step), npos) << step << "\n" << rebuilt.out;
  expect_nothing_lost(db, folder, native.schema(), kChatChecks);
  expect_keys_enforced(db);
  expect_keys_enforced(native);
}

TEST(ApplyRebuildDependents, PlanAndCheckNameTheKeysAndViews) {
  MigrationFolder folder("rebuild-dependents-plan");
  write_chat_folder(folder);
  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", folder.path(), "--provider", "aurora-dsql"});
  ASSERT_EQ(plan.exit_code, 0) << plan.output();
  for (const char* step : {"DROP VIEW IF EXISTS \"public\".\"busy_chats\"",
                           "ALTER TABLE \"public\".\"messages\" DROP CONSTRAINT IF EXISTS \"messages_chat_id_fkey\"",
                           "ALTER TABLE public.messages ADD CONSTRAINT messages_chat_id_fkey FOREIGN KEY (chat_id) "
                           "REFERENCES public.chats (id) ON DELETE CASCADE NOT VALID",
                           "ALTER TABLE ASYNC public.messages VALIDATE CONSTRAINT messages_chat_id_fkey",
                           "REFERENCES public.messages__mantle_new_", "are absent from here until they are added back after the swap",
                           "CREATE VIEW public.busy_chats AS", "COMMENT ON TABLE public.chats IS 'conversations'"})
    EXPECT_NE(plan.out.find(step), npos) << step << "\n" << plan.out;
  const ProcessResult check = run_dsqlint_with({"check", "--format", "gcc", "--fail-on", "never", folder.path()});
  EXPECT_NE(check.out.find("table chats that apply rebuilds is referenced by foreign keys messages.messages_chat_id_fkey "
                           "and votes.votes_chat_id_fkey, and is read by views chat_sizes and busy_chats"),
            npos)
      << check.out;
}

TEST(ApplyRebuildDependents, KillAtEveryStepOfTheCarryThenRerunRestoresEverything) {
  MigrationFolder folder("rebuild-dependents-kill");
  write_chat_folder(folder);
  Db native(fresh_database("dependents_kill_native"));
  prepare(folder, native, "postgres");
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, native, "postgres")).exit_code, 0);
  const std::string clean_schema = native.schema();
  // Step 0 rebuilds chats (other tables' keys, views, grants, comments); step 1 messages (its
  // own self-reference and NOT VALID key too).
  const std::vector<std::pair<int, std::string>> points = {
      {0, "views_dropped"}, {0, "keys_dropped"}, {0, "renamed_old"},        {0, "renamed_new"},
      {0, "keys_added"},    {0, "keys_validated"}, {0, "views_created"},    {0, "granted"},
      {1, "own_keys_added"}, {1, "own_keys_validated"}, {1, "keys_dropped"}, {1, "keys_added"}, {1, "dropped"}};
  for (const auto& [step, phase] : points) {
    SCOPED_TRACE(fmt::format("step {} {}", step, phase));
    Db db(fresh_database("dependents_kill"));
    prepare(folder, db, "dsql-local");
    ASSERT_EQ(kill_at(folder, db, "dsql-local", fmt::format("recreate:0003_wider.sql:{}:{}", step, phase)).signal,
              SIGKILL);
    expire_lease(db);
    const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.output();
    expect_nothing_lost(db, folder, clean_schema, kChatChecks);
  }
}

TEST(ApplyRebuildDependents, NotValidCheckIsAddedAfterTheCopyAndStaysNotValid) {
  // Old orders break the CHECK added NOT VALID: in the new table's CREATE TABLE it would
  // refuse their copy (23514), so it is added after the copy, NOT VALID, as such keys are.
  MigrationFolder folder("rebuild-not-valid-check");
  folder.write("0000_orders.sql", {R"(CREATE TABLE "orders" ("id" bigint PRIMARY KEY, "qty" integer NOT NULL, )"
                                   R"("price" numeric(10, 2) NOT NULL))",
                                   "INSERT INTO \"orders\" VALUES (1, -5, 1.50), (2, 3, 2.00)",
                                   R"(ALTER TABLE "orders" ADD CONSTRAINT "orders_qty_positive" CHECK ("qty" > 0) NOT VALID)"});
  folder.write("0001_price.sql", {R"(ALTER TABLE "orders" ALTER COLUMN "price" SET DATA TYPE numeric(12, 2))"});
  Db db(fresh_database("rebuild_not_valid_check"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT string_agg(id || ':' || qty || ':' || price, ' ' ORDER BY id) FROM orders"),
            "1:-5:1.50 2:3:2.00");
  EXPECT_EQ(db.row("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                   "AND attname = 'price'"),
            "numeric(12,2)");
  EXPECT_EQ(db.row("SELECT conname || ':' || convalidated FROM pg_constraint WHERE contype = 'c' "
                   "AND conrelid = 'orders'::regclass"),
            "orders_qty_positive:false");
  try {
    db.exec("INSERT INTO orders VALUES (3, 0, 1.00)");
    ADD_FAILURE() << "the CHECK accepted a new row that breaks it";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("23514"), npos) << error.what();
  }
}

TEST(ApplyRebuildDependents, StarViewKeepsItsColumnsAcrossARebuildThatAddsOne) {
  // PostgreSQL fixed products_v's columns when it created it: the view created again after
  // the rebuild must not gain the column the rebuild adds.
  MigrationFolder folder("rebuild-star-view");
  folder.write("0000_products.sql", {R"(CREATE TABLE "products" ("id" integer PRIMARY KEY NOT NULL, "name" text NOT NULL))",
                                     "INSERT INTO \"products\" VALUES (1, 'a')",
                                     R"(CREATE VIEW "products_v" AS SELECT * FROM "products")"});
  folder.write("0001_stock.sql", {R"(ALTER TABLE "products" ADD COLUMN "stock" integer DEFAULT 0 NOT NULL)"});
  Db db(fresh_database("rebuild_star_view"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
                   "WHERE attrelid = 'products_v'::regclass AND attnum > 0"),
            "id,name");
  EXPECT_EQ(db.row("SELECT id || ':' || name || ':' || stock FROM products"), "1:a:0");
}

TEST(ApplyRebuildDependents, ColumnGrantsComeBackOnTheirColumnsOnly) {
  // GRANT SELECT (id, name): the role may read those columns, not secret. The rebuild gave
  // the grant back table-wide, and the role read every column.
  Db db(fresh_database("rebuild_column_grants"));
  db.exec("DO $$ BEGIN CREATE ROLE dsqlint_column_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  MigrationFolder folder("rebuild-column-grants");
  folder.write("0000_t.sql", {"CREATE TABLE t (id bigint PRIMARY KEY, name varchar(10) NOT NULL, secret text)",
                              "INSERT INTO t VALUES (1, 'a', 's')",
                              "GRANT SELECT (id, name), UPDATE (name) ON t TO dsqlint_column_reader",
                              "GRANT INSERT ON t TO dsqlint_column_reader"});
  folder.write("0001_wider.sql", {"ALTER TABLE t ALTER COLUMN name TYPE varchar(100)"});
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT has_table_privilege('dsqlint_column_reader', 't', 'SELECT'), "
                   "has_column_privilege('dsqlint_column_reader', 't', 'name', 'SELECT'), "
                   "has_column_privilege('dsqlint_column_reader', 't', 'secret', 'SELECT'), "
                   "has_column_privilege('dsqlint_column_reader', 't', 'name', 'UPDATE'), "
                   "has_column_privilege('dsqlint_column_reader', 't', 'id', 'UPDATE'), "
                   "has_table_privilege('dsqlint_column_reader', 't', 'INSERT')"),
            "f t f t f t");
}

TEST(ApplyRebuildDependents, TheOwnerComesBack) {
  // The rebuilt table belonged to the role apply runs as, not to the owner history gave it.
  Db db(fresh_database("rebuild_owner"));
  db.exec("DO $$ BEGIN CREATE ROLE dsqlint_table_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  MigrationFolder folder("rebuild-owner");
  folder.write("0000_t.sql", {"CREATE TABLE t (id bigint PRIMARY KEY, name varchar(10) NOT NULL)",
                              "ALTER TABLE t OWNER TO dsqlint_table_owner", "INSERT INTO t VALUES (1, 'a')"});
  folder.write("0001_wider.sql", {"ALTER TABLE t ALTER COLUMN name TYPE varchar(100)"});
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT tableowner || ' ' || (SELECT count(*) FROM t) FROM pg_tables WHERE tablename = 't'"),
            "dsqlint_table_owner 1");
}

TEST(ApplyRebuildDependents, RevokeTakesOnlyWhatItNames) {
  // REVOKE INSERT took every grant of the role from the model, so the rebuild gave back
  // none: the role could no longer read the table it still had SELECT on.
  Db db(fresh_database("rebuild_revoke"));
  db.exec("DO $$ BEGIN CREATE ROLE dsqlint_revoke_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  MigrationFolder folder("rebuild-revoke");
  folder.write("0000_t.sql", {"CREATE TABLE t (id bigint PRIMARY KEY, name varchar(10) NOT NULL, secret text)",
                              "INSERT INTO t VALUES (1, 'a', 's')",
                              "GRANT SELECT, INSERT ON t TO dsqlint_revoke_reader",
                              "GRANT UPDATE (name, secret) ON t TO dsqlint_revoke_reader"});
  folder.write("0001_revoke.sql", {"REVOKE INSERT ON t FROM dsqlint_revoke_reader",
                                   "REVOKE UPDATE (secret) ON t FROM dsqlint_revoke_reader"});
  folder.write("0002_wider.sql", {"ALTER TABLE t ALTER COLUMN name TYPE varchar(100)"});
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  EXPECT_EQ(db.row("SELECT has_table_privilege('dsqlint_revoke_reader', 't', 'SELECT'), "
                   "has_table_privilege('dsqlint_revoke_reader', 't', 'INSERT'), "
                   "has_column_privilege('dsqlint_revoke_reader', 't', 'name', 'UPDATE'), "
                   "has_column_privilege('dsqlint_revoke_reader', 't', 'secret', 'UPDATE')"),
            "t f t f");
}

}  // namespace
}  // namespace dsqlint::testing
