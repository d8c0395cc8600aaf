// Column types are interned: equal types share one ColumnType, from any thread.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "catalog/schema.h"

namespace dsqlint {
namespace {

TEST(TypeRef, EqualTypesShareOneObject) {
  const TypeRef a(ColumnType{.name = "varchar", .sql = "varchar(40)", .width = 40});
  const TypeRef b(ColumnType{.name = "varchar", .sql = "varchar(40)", .width = 40});
  const TypeRef c(ColumnType{.name = "varchar", .sql = "varchar(41)", .width = 41});
  EXPECT_EQ(&*a, &*b);
  EXPECT_NE(&*a, &*c);
  EXPECT_EQ(c->sql, "varchar(41)");
  EXPECT_EQ(c->width, 41);
}

TEST(TypeRef, UnsetIsTheUnknownType) {
  const ColumnModel column;
  EXPECT_TRUE(column.type->name.empty());
  EXPECT_TRUE(column.type->sql.empty());
  EXPECT_EQ(column.type->width, -1);
}

TEST(TypeRef, ThreadsInterningAtOnceGetTheSameObject) {
  std::vector<const ColumnType*> seen(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&seen, t] {
      for (int i = 0; i < 1000; ++i) {
        const TypeRef type(ColumnType{.name = "numeric", .sql = "numeric(" + std::to_string(i) + ")"});
        if (i == 999) seen[t] = &*type;
      }
    });
  for (std::thread& thread : threads) thread.join();
  for (const ColumnType* type : seen) EXPECT_EQ(type, seen.front());
}

}  // namespace
}  // namespace dsqlint
