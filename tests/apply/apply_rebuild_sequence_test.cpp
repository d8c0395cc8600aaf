// Rebuilds of a table whose columns own sequences (OWNED BY), through the real `dsqlint
// apply` on the real server: dropping the old table would drop its sequences, so the
// rebuild gives them to the swapped-in table's columns first. The rows, the sequences and
// their values stay, and a kill at any step of the rebuild is finished by the next run.
#include <gtest/gtest.h>
#include <signal.h>

#include <fmt/format.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

/// The tester's folder: "no" takes its default from a sequence it owns. A second sequence,
/// owned by "id" and used by no default (an application's nextval), went with the old table
/// without an error at all.
void write_tickets_folder(const MigrationFolder& folder) {
  folder.write("0000_init.sql",
               {R"(CREATE SEQUENCE "ticket_no_seq" START WITH 100 CACHE 1)",
                R"(CREATE SEQUENCE "ticket_batch_seq" START WITH 7 CACHE 1)",
                R"(CREATE TABLE "tickets" ("id" bigint PRIMARY KEY NOT NULL, )"
                R"("no" bigint DEFAULT nextval('ticket_no_seq') NOT NULL, "title" varchar(20)))",
                R"(ALTER SEQUENCE "ticket_no_seq" OWNED BY "tickets"."no")",
                R"(ALTER SEQUENCE "ticket_batch_seq" OWNED BY "tickets"."id")",
                R"(INSERT INTO "tickets" ("id", "title") VALUES (1, 'a'), (2, 'b'))",
                R"(SELECT nextval('ticket_batch_seq'))"});
  folder.write("0001_alter.sql", {R"(ALTER TABLE "tickets" ALTER COLUMN "title" SET DATA TYPE varchar(200))"});
}

/// Which column owns each sequence, and where each sequence stands.
const DataChecks kTicketChecks = {
    {"SELECT string_agg(id || ':' || no || ':' || title, ' ' ORDER BY id) FROM tickets", "1:100:a 2:101:b"},
    {"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tickets'::regclass "
     "AND attname = 'title'",
     "character varying(200)"},
    {"SELECT string_agg(s.relname || '>' || d.refobjid::regclass || '.' || a.attname, ' ' ORDER BY s.relname) "
     "FROM pg_depend d JOIN pg_class s ON s.oid = d.objid JOIN pg_attribute a ON a.attrelid = d.refobjid "
     "AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'a' AND s.relkind = 'S'",
     "ticket_batch_seq>tickets.id ticket_no_seq>tickets.no"},
    {"SELECT (SELECT last_value || ':' || is_called FROM ticket_no_seq), "
     "(SELECT last_value || ':' || is_called FROM ticket_batch_seq)",
     "101:true 7:true"},
    {"SELECT pg_get_serial_sequence('tickets', 'no')", "public.ticket_no_seq"},
    {R"(SELECT count(*) FROM pg_class WHERE relname LIKE 'tickets\_\_mantle%')", "0"},
};

/// The next ticket takes the next number: the sequence went on from where it stood.
void expect_next_numbers(Db& db) {
  db.exec("INSERT INTO tickets (id, title) VALUES (3, 'c')");
  EXPECT_EQ(db.row("SELECT no FROM tickets WHERE id = 3"), "102");
  EXPECT_EQ(db.row("SELECT nextval('ticket_batch_seq')"), "8");
}

/// PostgreSQL changes the type in place: its schema is what the rebuild must leave.
std::string native_schema(const MigrationFolder& folder) {
  Db native(fresh_database("rebuild_sequence_native"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, native, "postgres"));
  EXPECT_EQ(run.exit_code, 0) << run.output();
  for (const auto& [sql, expected] : kTicketChecks) EXPECT_EQ(native.row(sql), expected) << "postgres: " << sql;
  return native.schema();
}

TEST(ApplyRebuildSequence, OwnedSequencesMoveToTheRebuiltTableWithTheirValues) {
  MigrationFolder folder("rebuild-owned-sequence");
  write_tickets_folder(folder);
  const std::string clean_schema = native_schema(folder);
  Db db(fresh_database("rebuild_sequence"));
  const ProcessResult rebuilt = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output();
  EXPECT_NE(rebuilt.out.find("gave the sequences the old table's columns owned to the rebuilt table's columns"), npos)
      << rebuilt.out;
  expect_nothing_lost(db, folder, clean_schema, kTicketChecks);
  expect_next_numbers(db);
}

TEST(ApplyRebuildSequence, PlanNamesTheSequenceTheRebuildMoves) {
  MigrationFolder folder("rebuild-owned-sequence-plan");
  write_tickets_folder(folder);
  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", folder.path(), "--provider", "aurora-dsql"});
  ASSERT_EQ(plan.exit_code, 0) << plan.output();
  const size_t moved = plan.out.find(R"(ALTER SEQUENCE "public"."ticket_no_seq" OWNED BY "public"."tickets"."no")");
  EXPECT_NE(moved, npos) << plan.out;
  EXPECT_LT(moved, plan.out.find(R"(DROP TABLE "public"."tickets__mantle_old_)")) << plan.out;
}

TEST(ApplyRebuildSequence, KillAtEveryStepOfTheRebuildThenRerunKeepsTheSequences) {
  MigrationFolder folder("rebuild-owned-sequence-kill");
  write_tickets_folder(folder);
  const std::string clean_schema = native_schema(folder);
  for (const char* phase : {"created", "batch", "copied", "verified", "indexed", "renamed_old", "renamed_new",
                            "sequences_moved", "dropped", "finished"}) {
    SCOPED_TRACE(phase);
    Db db(fresh_database("rebuild_sequence_kill"));
    ASSERT_EQ(kill_at(folder, db, "dsql-local", fmt::format("recreate:0001_alter.sql:0:{}", phase)).signal, SIGKILL);
    expire_lease(db);
    const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.output();
    expect_nothing_lost(db, folder, clean_schema, kTicketChecks);
    expect_next_numbers(db);
  }
}

TEST(ApplyRebuildSequence, FailedDropSaysTheSwapIsDoneAndWhatTheRerunDoes) {
  // A view that history does not know reads the table: it follows the old table through the
  // rename, and DROP TABLE of the old table fails after the swap.
  MigrationFolder folder("rebuild-failed-drop");
  write_tickets_folder(folder);
  const std::string clean_schema = native_schema(folder);
  Db db(fresh_database("rebuild_failed_drop"));
  folder.remove("0001_alter.sql");
  ASSERT_EQ(run_dsqlint_with(apply_args(folder, db, "dsql-local")).exit_code, 0);
  db.exec("CREATE VIEW ticket_titles AS SELECT id, title FROM tickets");
  write_tickets_folder(folder);
  const ProcessResult failed = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(failed.exit_code, 1) << failed.output();
  EXPECT_NE(failed.err.find("SQLSTATE 2BP01: dropping \"public\".\"tickets__mantle_old_"), npos) << failed.err;
  EXPECT_NE(failed.err.find("committed: the steps before step 1, and part of step 1: the swap is done: "
                            "\"public\".\"tickets\" is the rebuilt table and holds every row, and "
                            "\"public\".\"tickets__mantle_old_"),
            npos)
      << failed.err;
  EXPECT_NE(failed.err.find("next: remove the cause of the error, then run 'dsqlint apply': it resumes step 1 and "
                            "carries over to \"public\".\"tickets\" what it lacks"),
            npos)
      << failed.err;
  EXPECT_EQ(failed.err.find("not applied"), npos) << failed.err;
  EXPECT_EQ(db.row("SELECT string_agg(id || ':' || no || ':' || title, ' ' ORDER BY id) FROM tickets"), "1:100:a 2:101:b");
  db.exec("DROP VIEW ticket_titles");
  const ProcessResult rerun = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output();
  EXPECT_NE(rerun.out.find("resumed at drop"), npos) << rerun.out;
  expect_nothing_lost(db, folder, clean_schema, kTicketChecks);
  expect_next_numbers(db);
}

}  // namespace
}  // namespace dsqlint::testing
