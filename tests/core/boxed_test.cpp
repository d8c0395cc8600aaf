#include <gtest/gtest.h>

#include <string>

#include "catalog/schema.h"
#include "core/boxed.h"

namespace dsqlint {
namespace {

TEST(Boxed, ReadsAsEmptyUntilSet) {
  Boxed<ColumnExtras> extra;
  EXPECT_TRUE(extra->collation.empty());
  extra.set(&ColumnExtras::collation, std::string{});
  EXPECT_TRUE(extra->empty());
  extra.set(&ColumnExtras::collation, std::string("\"C\""));
  EXPECT_EQ(extra->collation, "\"C\"");
  extra.set(&ColumnExtras::collation, std::string{});  // a set box takes the empty value too
  EXPECT_TRUE(extra->collation.empty());
}

TEST(Boxed, CopiesAreIndependent) {
  ColumnModel column{.name = "id"};
  column.extra.edit().comment = "the key";
  ColumnModel copy = column;
  copy.extra.edit().comment = "changed";
  EXPECT_EQ(column.extra->comment, "the key");
  EXPECT_EQ(copy.extra->comment, "changed");
  ColumnModel moved = std::move(copy);
  EXPECT_EQ(moved.extra->comment, "changed");
}

}  // namespace
}  // namespace dsqlint
