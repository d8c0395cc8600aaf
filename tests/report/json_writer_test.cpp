#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/json_writer.h"

namespace dsqlint {
namespace {

std::string json_quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonWriter, EscapesWhatJsonRequiresAtEveryPosition) {
  // Each special character at each offset, so the eight-byte fast path and the tail both see it.
  for (const std::string& special : std::vector<std::string>{"\"", "\\", "\n", "\r", "\t", std::string(1, '\x01'), std::string(1, '\x1f')}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text = "abcdefghijklmnopqrstuvwx é";
      text.insert(at, special);
      EXPECT_EQ(nlohmann::json::parse(json_quoted(text)).get<std::string>(), text) << at;
    }
  }
  EXPECT_EQ(json_quoted("tab\there"), "\"tab\\there\"");
  EXPECT_EQ(json_quoted(std::string(1, '\x01')), "\"\\u0001\"");
  EXPECT_EQ(json_quoted("café ☕ \x7f"), "\"café ☕ \x7f\"");
}

TEST(JsonWriter, PutsCommasBetweenMembers) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("a", 1).key("b").begin_array().value("x").value(true).null().end_array().end_object();
  EXPECT_EQ(out, R"({"a":1,"b":["x",true,null]})");
}

}  // namespace
}  // namespace dsqlint
