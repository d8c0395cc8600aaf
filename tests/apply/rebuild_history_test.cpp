// A table rebuilt (RECREATION) after earlier changes to it, against a real server: the
// rebuild works from the definition that history leaves in the catalog, so every earlier
// change (NOT NULL, defaults, dropped constraints, renames, added keys) must be in it.
// The oracle is PostgreSQL itself: the same folder applied with --provider postgres,
// where each ALTER runs natively, leaves the same schema and the same rows as
// --provider dsql-local, where DSQL's missing ALTERs become rebuilds.
#include <gtest/gtest.h>

#include <string>

#include "apply_test_support.h"
#include "../pg_test_server.h"

namespace dsqlint::testing {
namespace {

/// What one provider's apply of `folder` leaves: the schema dump and the rows of `rows_sql`.
struct Outcome {
  std::string schema;
  std::string rows;
  std::string output;
};

Outcome apply_with(const MigrationFolder& folder, const std::string& provider, const std::string& rows_sql) {
  Db db(fresh_database("history"));
  const ProcessResult run = run_dsqlint_with(apply_args(folder, db, provider));
  EXPECT_EQ(run.exit_code, 0) << provider << "\n" << run.output();
  return Outcome{db.schema(), db.row(rows_sql), run.out};
}

/// How many steps the apply ran as rebuilds.
int rebuilds(const std::string& output) {
  int count = 0;
  for (size_t at = output.find("] recreate "); at != std::string::npos; at = output.find("] recreate ", at + 1)) ++count;
  return count;
}

void expect_same_as_postgres(const MigrationFolder& folder, const std::string& rows_sql, int expected_rebuilds) {
  const Outcome dsql = apply_with(folder, "dsql-local", rows_sql);
  const Outcome postgres = apply_with(folder, "postgres", rows_sql);
  EXPECT_EQ(rebuilds(dsql.output), expected_rebuilds) << dsql.output;
  EXPECT_EQ(dsql.schema, postgres.schema) << "dsql-local's rebuilds changed the schema";
  EXPECT_EQ(dsql.rows, postgres.rows);
}

TEST(RebuildHistory, LaterRebuildKeepsNotNullDefaultsAndDroppedConstraints) {
  MigrationFolder folder("rebuild-history");
  folder.write("0001_create.sql",
               {R"(CREATE TABLE "customers" ("id" integer PRIMARY KEY NOT NULL))",
                R"(CREATE TABLE "orders" ("id" integer PRIMARY KEY NOT NULL, "qty" integer CHECK ("qty" > 0), )"
                R"("status" text, "note" varchar(20), "customer_id" integer REFERENCES "customers" ("id"), )"
                R"(CONSTRAINT "orders_status_check" CHECK ("status" <> '')))",
                R"(INSERT INTO "customers" VALUES (1))",
                R"(INSERT INTO "orders" VALUES (1, 5, 'new', 'a', 1), (2, 7, 'paid', NULL, NULL))"});
  // A rebuild on dsql-local; the catalog must follow the statement it rebuilds for.
  folder.write("0002_not_null.sql", {R"(ALTER TABLE "orders" ALTER COLUMN "status" SET NOT NULL)"});
  // In place on DSQL: an unnamed CHECK by the name PostgreSQL gave it, and an unnamed
  // foreign key. The rows below break both, so a rebuild that brings them back fails.
  folder.write("0003_drop_constraints.sql",
               {R"(ALTER TABLE "orders" DROP CONSTRAINT "orders_qty_check")",
                R"(ALTER TABLE "orders" DROP CONSTRAINT "orders_customer_id_fkey")",
                R"(INSERT INTO "orders" ("id", "qty", "status", "customer_id") VALUES (3, -1, 'refund', 99))"});
  folder.write("0004_default.sql", {R"(ALTER TABLE "orders" ALTER COLUMN "note" SET DEFAULT 'none')",
                                    R"(INSERT INTO "orders" ("id", "qty", "status") VALUES (4, 2, 'new'))"});
  // A named CHECK dropped by a rebuild itself.
  folder.write("0005_rebuild_drop.sql",
               {R"(ALTER TABLE "orders" DROP CONSTRAINT "orders_status_check", ALTER COLUMN "qty" SET NOT NULL)"});
  folder.write("0006_retype.sql", {R"(ALTER TABLE "orders" ALTER COLUMN "qty" SET DATA TYPE bigint)",
                                   R"(INSERT INTO "orders" ("id", "qty", "status") VALUES (5, -3, ''))"});
  folder.write("0007_relax.sql", {R"(ALTER TABLE "orders" ALTER COLUMN "note" DROP DEFAULT)",
                                  R"(ALTER TABLE "orders" ALTER COLUMN "status" DROP NOT NULL)",
                                  R"(ALTER TABLE "orders" ALTER COLUMN "note" SET DATA TYPE varchar(50))",
                                  R"(INSERT INTO "orders" ("id", "qty") VALUES (6, 1))"});
  expect_same_as_postgres(
      folder, R"(SELECT string_agg(concat_ws('/', id, qty, status, note, customer_id), ' ' ORDER BY id) FROM "orders")", 4);
}

TEST(RebuildHistory, LaterRebuildKeepsRenamesAndTheNamesPostgresGave) {
  MigrationFolder folder("rebuild-renames");
  folder.write("0001_items.sql",
               {R"(CREATE TABLE "warehouses" ("id" integer PRIMARY KEY NOT NULL))",
                R"(CREATE TABLE "items" ("id" integer PRIMARY KEY NOT NULL, "sku" text UNIQUE, )"
                R"("qty" integer CHECK ("qty" >= 0), "warehouse_id" integer REFERENCES "warehouses" ("id")))",
                R"(CREATE INDEX ON "items" ("qty") WHERE "qty" > 0)",
                R"(INSERT INTO "warehouses" VALUES (1), (2))",
                R"(INSERT INTO "items" VALUES (1, 'a', 3, NULL), (2, 'b', 0, 1))"});
  folder.write("0002_rename_column.sql", {R"(ALTER TABLE "items" RENAME COLUMN "qty" TO "quantity")"});
  folder.write("0003_add_column.sql", {R"(ALTER TABLE "items" ADD COLUMN "label" text UNIQUE)"});
  folder.write("0004_renames.sql", {R"(ALTER TABLE "items" RENAME TO "products")",
                                    R"(ALTER TABLE "warehouses" RENAME COLUMN "id" TO "warehouse_id")"});
  folder.write("0005_not_null.sql",
               {R"(ALTER TABLE "products" ALTER COLUMN "sku" SET NOT NULL)",
                R"(INSERT INTO "products" ("id", "sku", "quantity", "warehouse_id", "label") VALUES (3, 'c', 1, 2, 'x'))"});
  expect_same_as_postgres(
      folder,
      R"(SELECT string_agg(concat_ws('/', id, sku, quantity, warehouse_id, label), ' ' ORDER BY id) FROM "products")", 2);
}

}  // namespace
}  // namespace dsqlint::testing
