// A rebuild (RECREATION) through the real `dsqlint apply` on the real server keeps every
// comment on the table: its own, its columns', and those of its indexes and constraints,
// which the rebuild creates anew under temporary names and renames back at the end.
#include <gtest/gtest.h>

#include "../pg_test_server.h"
#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

constexpr auto npos = std::string::npos;

/// A table with a commented index, UNIQUE, CHECK and primary key, column and table; then a
/// type change of a key column, which DSQL refuses in place, so apply rebuilds the table.
void write_commented_folder(const MigrationFolder& folder) {
  folder.write("0000_items.sql",
               {R"(CREATE TABLE "items" ("id" bigint PRIMARY KEY, "code" varchar(20) NOT NULL, "qty" integer NOT NULL, )"
                R"(CONSTRAINT "items_code_key" UNIQUE ("code"), CONSTRAINT "items_qty_positive" CHECK ("qty" > 0)))",
                R"(CREATE INDEX ASYNC "items_qty_idx" ON "items" ("qty"))",
                R"(INSERT INTO "items" VALUES (1, 'a-1', 3), (2, 'b-2', 5))",
                R"(COMMENT ON TABLE "items" IS 'what we sell')",
                R"(COMMENT ON COLUMN "items"."code" IS 'printed on the label')",
                R"(COMMENT ON INDEX "items_qty_idx" IS 'for restocking')",
                R"(COMMENT ON CONSTRAINT "items_qty_positive" ON "items" IS 'no empty lines')",
                R"(COMMENT ON CONSTRAINT "items_code_key" ON "public"."items" IS 'one item per code')",
                R"(COMMENT ON CONSTRAINT "items_pkey" ON "items" IS 'the item number')"});
  folder.write("0001_longer_codes.sql", {R"(ALTER TABLE "items" ALTER COLUMN "code" SET DATA TYPE varchar(40))"});
}

/// Each object by its original name, and its comment.
const DataChecks kCommentChecks = {
    {"SELECT obj_description('items'::regclass, 'pg_class')", "what we sell"},
    {"SELECT col_description('items'::regclass, 2)", "printed on the label"},
    {"SELECT obj_description('items_qty_idx'::regclass, 'pg_class')", "for restocking"},
    {"SELECT string_agg(conname || '=' || coalesce(obj_description(oid, 'pg_constraint'), 'NONE'), ', ' ORDER BY conname) "
     "FROM pg_constraint WHERE conrelid = 'items'::regclass",
     "items_code_key=one item per code, items_pkey=the item number, items_qty_positive=no empty lines"},
    {"SELECT string_agg(id || ':' || code || ':' || qty, ' ' ORDER BY id) FROM items", "1:a-1:3 2:b-2:5"},
    {"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'code'",
     "character varying(40)"},
    {"SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_\\_mantle\\_%' AND relname NOT LIKE '\\_\\_mantle\\_migration%'",
     "0"},
};

TEST(ApplyRebuildComments, IndexAndConstraintCommentsSurviveTheRebuildUnderTheirNames) {
  MigrationFolder folder("rebuild-comments");
  write_commented_folder(folder);
  Db db(fresh_database("rebuild_comments"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, "dsql-local"));
  ASSERT_EQ(run.exit_code, 0) << run.output();
  ASSERT_NE(run.out.find("gave the table's grants and comments again"), npos) << "no rebuild ran\n" << run.out;
  for (const auto& [sql, expected] : kCommentChecks) EXPECT_EQ(db.row(sql), expected) << sql;
}

TEST(ApplyRebuildComments, PlanShowsTheCommentsItGivesAgain) {
  MigrationFolder folder("rebuild-comments-plan");
  write_commented_folder(folder);
  const ProcessResult plan = run_dsqlint_with({"plan", "--folder", folder.path(), "--provider", "aurora-dsql"});
  ASSERT_EQ(plan.exit_code, 0) << plan.output();
  for (const char* step : {"COMMENT ON TABLE public.items IS 'what we sell'", "COMMENT ON INDEX public.items_qty_idx__mantle_",
                           "COMMENT ON CONSTRAINT items_qty_positive ON public.items IS 'no empty lines'",
                           "COMMENT ON CONSTRAINT items_code_key__mantle_", "COMMENT ON CONSTRAINT items_pkey__mantle_"})
    EXPECT_NE(plan.out.find(step), npos) << step << "\n" << plan.out;
}

}  // namespace
}  // namespace dsqlint::testing
