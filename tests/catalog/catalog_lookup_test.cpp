#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "catalog/schema.h"

namespace dsqlint {
namespace {

TableModel table_named(const std::string& name) {
  TableModel table;
  table.schema = "public";
  table.name = name;
  return table;
}

// Catalog::table remembers its last lookup: adding, taking or moving must not leave it stale.
TEST(CatalogLookup, AddedTableIsFoundAfterAMiss) {
  Catalog catalog;
  EXPECT_EQ(catalog.table("public.t"), nullptr);
  const TableModel& added = catalog.add_table(table_named("t"));
  EXPECT_EQ(catalog.table("public.t"), &added);
}

TEST(CatalogLookup, TakenTableIsNotFound) {
  Catalog catalog;
  catalog.add_table(table_named("t"));
  ASSERT_NE(catalog.table("public.t"), nullptr);
  EXPECT_NE(catalog.take_table("public.t"), nullptr);
  EXPECT_EQ(catalog.table("public.t"), nullptr);
}

TEST(CatalogLookup, MovedFromCatalogFindsNothing) {
  Catalog catalog;
  catalog.add_table(table_named("t"));
  const TableModel* found = catalog.table("public.t");
  Catalog moved = std::move(catalog);
  EXPECT_EQ(moved.table("public.t"), found);
  EXPECT_EQ(catalog.table("public.t"), nullptr);  // NOLINT(bugprone-use-after-move): reused after a move
  catalog.add_table(table_named("u"));
  EXPECT_NE(catalog.table("public.u"), nullptr);
  moved = std::move(catalog);
  EXPECT_EQ(catalog.table("public.u"), nullptr);  // NOLINT(bugprone-use-after-move)
  EXPECT_NE(moved.table("public.u"), nullptr);
  EXPECT_EQ(moved.table("public.t"), nullptr);
}

}  // namespace
}  // namespace dsqlint
