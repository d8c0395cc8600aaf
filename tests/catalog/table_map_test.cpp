#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>

#include "catalog/schema.h"

namespace dsqlint {
namespace {

std::unique_ptr<TableModel> table_named(const std::string& schema, const std::string& name) {
  auto table = std::make_unique<TableModel>();
  table->schema = schema;
  table->name = name;
  return table;
}

TEST(TableMap, FindsTablesByTheirSchemaAndName) {
  TableMap tables;
  EXPECT_EQ(tables.find("public.t"), nullptr);
  tables.insert(table_named("public", "t"));
  tables.insert(table_named("app", "t"));
  ASSERT_NE(tables.find("public.t"), nullptr);
  EXPECT_EQ(tables.find("public.t")->schema, "public");
  EXPECT_EQ(tables.find("app.t")->schema, "app");
  EXPECT_EQ(tables.find("public.tt"), nullptr);
  EXPECT_EQ(tables.find("publict"), nullptr);
  EXPECT_EQ(tables.find("public"), nullptr);
  // A key taken keeps its table.
  auto second = table_named("public", "t");
  second->comment = "second";
  EXPECT_EQ(tables.insert(std::move(second)).comment, "");
  EXPECT_EQ(tables.find("public.t")->comment, "");
  EXPECT_EQ(tables.size(), 2u);
}

TEST(TableMap, MovedFromMapIsEmptyAndUsable) {
  TableMap tables;
  tables.insert(table_named("public", "t"));
  TableMap moved(std::move(tables));
  EXPECT_NE(moved.find("public.t"), nullptr);
  EXPECT_EQ(tables.size(), 0u);  // NOLINT(bugprone-use-after-move): what is checked
  EXPECT_EQ(tables.find("public.t"), nullptr);
  tables.insert(table_named("public", "u"));
  EXPECT_NE(tables.find("public.u"), nullptr);
  TableMap assigned;
  assigned = std::move(moved);
  EXPECT_NE(assigned.find("public.t"), nullptr);
  EXPECT_EQ(moved.find("public.t"), nullptr);  // NOLINT(bugprone-use-after-move)
}

TEST(TableMap, AgreesWithAnOrderedMapOverManyInsertsAndExtracts) {
  // Enough tables to grow the slots several times and to make long probe runs, with
  // extracts from the middle of runs (their backward shift is the delicate part).
  TableMap tables;
  std::map<std::string, int> reference;  // key -> the table's statistics, as its identity
  std::mt19937 random(7);
  int next = 0;
  for (int step = 0; step < 20000; ++step) {
    const std::string name = "t" + std::to_string(random() % 3000);
    const std::string key = "public." + name;
    if (random() % 3 == 0) {
      const std::unique_ptr<TableModel> taken = tables.extract(key);
      const auto expected = reference.find(key);
      ASSERT_EQ(taken != nullptr, expected != reference.end()) << key;
      if (taken) {
        EXPECT_EQ(static_cast<int>(taken->statistics), expected->second);
        reference.erase(expected);
      }
    } else if (!reference.contains(key)) {
      auto table = table_named("public", name);
      table->statistics = static_cast<unsigned>(++next);
      tables.insert(std::move(table));
      reference[key] = next;
    }
    ASSERT_EQ(tables.size(), reference.size());
    if (step % 1000 == 0) {
      for (int n = 0; n < 3000; ++n) {
        const std::string probe = "public.t" + std::to_string(n);
        const TableModel* found = tables.find(probe);
        const auto expected = reference.find(probe);
        ASSERT_EQ(found != nullptr, expected != reference.end()) << probe;
        if (found) EXPECT_EQ(static_cast<int>(found->statistics), expected->second) << probe;
      }
    }
  }
  size_t visited = 0;
  tables.for_each([&](const TableModel& table) {
    ++visited;
    EXPECT_TRUE(reference.contains(table.key()));
  });
  EXPECT_EQ(visited, reference.size());
}

}  // namespace
}  // namespace dsqlint
