#include <gtest/gtest.h>

#include <string>

#include "catalog/object_key.h"

namespace dsqlint {
namespace {

TEST(ObjectKey, PlainSchemasKeepThePlainKey) {
  EXPECT_EQ(object_key("public", "users"), "public.users");
  EXPECT_EQ(object_key("app", "b.c"), "app.b.c") << "a dot in the name needs nothing: the first dot ends the schema";
  EXPECT_EQ(key_schema("app.b.c"), "app");
  EXPECT_EQ(key_name("app.b.c"), "b.c");
}

TEST(ObjectKey, SchemaWithADotOrAQuoteIsQuoted) {
  EXPECT_EQ(object_key("a.b", "c"), "\"a.b\".c");
  EXPECT_EQ(object_key("say \"hi\"", "t"), "\"say \"\"hi\"\"\".t");
  EXPECT_NE(object_key("a.b", "c"), object_key("a", "b.c"));
}

TEST(ObjectKey, EveryKeyReadsBackAsItsNames) {
  const std::pair<std::string, std::string> names[] = {
      {"public", "t"}, {"a.b", "c"}, {"a", "b.c"}, {"a.b", "c.d"}, {"\"", "\""}, {"x\"y.z", "w"}, {"s", ""}, {".", "."}};
  for (const auto& [schema, name] : names) {
    const std::string key = object_key(schema, name);
    EXPECT_EQ(key_schema(key), schema) << key;
    EXPECT_EQ(key_name(key), name) << key;
    EXPECT_TRUE(is_object_key(key, schema, name)) << key;
    std::string assigned = "left over";
    assign_object_key(assigned, schema, name);
    EXPECT_EQ(assigned, key);
  }
  EXPECT_FALSE(is_object_key("a.b.c", "a.b", "c"));
  EXPECT_FALSE(is_object_key("\"a.b\".c", "a", "b.c"));
  EXPECT_FALSE(is_object_key("a.bc", "a.b", "c"));
}

TEST(ObjectKey, KeyWithoutADotIsAllName) {
  EXPECT_EQ(key_name("users"), "users");
  EXPECT_EQ(key_schema("users"), "");
  EXPECT_EQ(key_name("\"a.b\""), "\"a.b\"") << "a quoted schema without a name after it is no schema";
}

}  // namespace
}  // namespace dsqlint
