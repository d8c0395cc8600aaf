// COMMENT ON INDEX and COMMENT ON CONSTRAINT in the schema model: a rebuild re-creates the
// table's indexes and constraints from the model, so their comments must be there to carry.
#include <gtest/gtest.h>

#include "replayed.h"

namespace dsqlint {
namespace {

std::string index_comment(const Catalog& catalog, const std::string& table, const std::string& index) {
  const IndexModel* found = catalog.table(table)->index(index);
  return found ? found->extra->comment : "(no index " + index + ")";
}

std::string constraint_comment(const Catalog& catalog, const std::string& table, const std::string& constraint) {
  const ConstraintModel* found = catalog.table(table)->constraint(constraint);
  return found ? *found->comment : "(no constraint " + constraint + ")";
}

TEST(CatalogComments, IndexCommentFindsItsTableWithOrWithoutSchema) {
  const Catalog catalog = replayed(
      "CREATE SCHEMA billing;\n"
      "CREATE TABLE billing.invoices (id bigint PRIMARY KEY, total numeric);\n"
      "CREATE INDEX ASYNC invoices_total_idx ON billing.invoices (total);\n"
      "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n"
      "CREATE INDEX ASYNC items_name_idx ON items (name);\n"
      "COMMENT ON INDEX billing.invoices_total_idx IS 'for reports';\n"
      "COMMENT ON INDEX items_name_idx IS 'search by name';\n"
      "COMMENT ON INDEX invoices_total_idx IS 'not in public: no such index';\n"
      "COMMENT ON INDEX nowhere_idx IS 'no such index';\n");
  EXPECT_EQ(index_comment(catalog, "billing.invoices", "invoices_total_idx"), "for reports");
  EXPECT_EQ(index_comment(catalog, "public.items", "items_name_idx"), "search by name");
}

TEST(CatalogComments, ConstraintCommentIsSetAndRemovedByIsNull) {
  const Catalog catalog = replayed(
      "CREATE TABLE items (id bigint PRIMARY KEY, qty int CHECK (qty > 0), code text UNIQUE);\n"
      "COMMENT ON CONSTRAINT items_qty_check ON items IS 'no empty lines';\n"
      "COMMENT ON CONSTRAINT items_code_key ON public.items IS 'one per code';\n"
      "COMMENT ON CONSTRAINT items_pkey ON items IS 'gone soon';\n"
      "COMMENT ON CONSTRAINT items_pkey ON items IS NULL;\n"
      "CREATE INDEX ASYNC items_code_idx ON items (code);\n"
      "COMMENT ON INDEX items_code_idx IS 'x';\n"
      "COMMENT ON INDEX items_code_idx IS NULL;\n");
  EXPECT_EQ(constraint_comment(catalog, "public.items", "items_qty_check"), "no empty lines");
  EXPECT_EQ(constraint_comment(catalog, "public.items", "items_code_key"), "one per code");
  EXPECT_EQ(constraint_comment(catalog, "public.items", "items_pkey"), "");
  EXPECT_EQ(index_comment(catalog, "public.items", "items_code_idx"), "");
}

TEST(CatalogComments, RenamesKeepTheCommentAndDropsTakeIt) {
  const Catalog catalog = replayed(
      "CREATE TABLE items (id bigint PRIMARY KEY, qty int, code text);\n"
      "ALTER TABLE items ADD CONSTRAINT qty_positive CHECK (qty > 0);\n"
      "CREATE INDEX ASYNC code_idx ON items (code);\n"
      "CREATE INDEX ASYNC qty_idx ON items (qty);\n"
      "COMMENT ON CONSTRAINT qty_positive ON items IS 'positive';\n"
      "COMMENT ON INDEX code_idx IS 'by code';\n"
      "COMMENT ON INDEX qty_idx IS 'by qty';\n"
      "ALTER TABLE items RENAME CONSTRAINT qty_positive TO qty_above_zero;\n"
      "ALTER INDEX code_idx RENAME TO items_code_idx;\n"
      "DROP INDEX qty_idx;\n"
      "CREATE INDEX ASYNC qty_idx ON items (qty);\n"
      "ALTER TABLE items DROP CONSTRAINT qty_above_zero;\n"
      "ALTER TABLE items ADD CONSTRAINT qty_above_zero CHECK (qty > 0);\n"
      "ALTER TABLE items RENAME TO things;\n");
  EXPECT_EQ(index_comment(catalog, "public.things", "items_code_idx"), "by code");
  EXPECT_EQ(index_comment(catalog, "public.things", "qty_idx"), "") << "a new index of a dropped one's name";
  EXPECT_EQ(constraint_comment(catalog, "public.things", "qty_above_zero"), "") << "a new constraint";
}

TEST(CatalogComments, CommentOnWhatIsNotThereChangesNothing) {
  const Catalog catalog = replayed(
      "CREATE TABLE items (id bigint PRIMARY KEY, qty int CONSTRAINT qty_positive CHECK (qty > 0));\n"
      "COMMENT ON CONSTRAINT no_such ON items IS 'x';\n"
      "COMMENT ON CONSTRAINT qty_positive ON no_such_table IS 'x';\n");
  EXPECT_EQ(constraint_comment(catalog, "public.items", "qty_positive"), "");
}

TEST(CatalogComments, LikeCopiesCommentsOnlyWithIncludingComments) {
  // As PostgreSQL: INCLUDING COMMENTS copies the comments of CHECKs and indexes, never of keys.
  const Catalog catalog = replayed(
      "CREATE TABLE items (id bigint PRIMARY KEY, qty int CONSTRAINT qty_positive CHECK (qty > 0));\n"
      "CREATE INDEX ASYNC items_qty_idx ON items (qty);\n"
      "COMMENT ON CONSTRAINT qty_positive ON items IS 'positive';\n"
      "COMMENT ON CONSTRAINT items_pkey ON items IS 'the key';\n"
      "COMMENT ON INDEX items_qty_idx IS 'by qty';\n"
      "CREATE TABLE with_comments (LIKE items INCLUDING ALL);\n"
      "CREATE TABLE without_comments (LIKE items INCLUDING CONSTRAINTS INCLUDING INDEXES);\n");
  EXPECT_EQ(constraint_comment(catalog, "public.with_comments", "qty_positive"), "positive");
  EXPECT_EQ(constraint_comment(catalog, "public.with_comments", "with_comments_pkey"), "");
  EXPECT_EQ(index_comment(catalog, "public.with_comments", "with_comments_qty_idx"), "by qty");
  EXPECT_EQ(constraint_comment(catalog, "public.without_comments", "qty_positive"), "");
  EXPECT_EQ(index_comment(catalog, "public.without_comments", "without_comments_qty_idx"), "");
}

}  // namespace
}  // namespace dsqlint
