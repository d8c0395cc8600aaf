#include <gtest/gtest.h>

#include <sys/mman.h>
#include <cstring>
#include <unistd.h>

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

TEST(JsonWriter, StringsEndingAtAnUnreadablePageAreReadOnlyToTheirEnd) {
  // The escaper loads sixteen bytes at a time; a string whose last byte is the last of its
  // page, followed by a page that cannot be read, must not make it fault.
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  void* const map = ::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  char* const guard = static_cast<char*>(map) + page;
  ASSERT_EQ(::mprotect(guard, page, PROT_NONE), 0);
  for (size_t size = 0; size <= 40; ++size) {
    for (const char last : {'z', '"', '\n'}) {
      std::string text(size, 'a');
      if (size > 0) text.back() = last;
      std::memcpy(guard - size, text.data(), size);
      EXPECT_EQ(nlohmann::json::parse(json_quoted(std::string_view(guard - size, size))).get<std::string>(), text) << size;
    }
  }
  ::munmap(map, 2 * page);
}

TEST(JsonWriter, PutsCommasBetweenMembers) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().field("a", 1).key("b").begin_array().value("x").value(true).null().symbol("y-z").end_array();
  json.key("c").symbol("REWRITE").end_object();
  json.flush();
  EXPECT_EQ(out, R"({"a":1,"b":["x",true,null,"y-z"],"c":"REWRITE"})");
}

TEST(JsonWriter, LongDocumentsAndLongStringsComeOutWholeAndInOrder) {
  // Many small pieces grow `out` again and again, as do strings longer than each step it
  // grows by; text already in `out` and a document written in two writers stay.
  std::string out = "[";
  nlohmann::json expected = nlohmann::json::array();
  for (int part = 0; part < 2; ++part) {
    JsonWriter json(out, part > 0);
    for (int i = 0; i < 3000; ++i) {
      std::string text(i % 97 == 0 ? 20000 + i : i % 50, static_cast<char>('a' + i % 26));
      if (i % 3 == 0) text += "\"\\\n\x01";
      json.begin_object().field("i", i).field("text", text).number_field("line", i).number_field("column", -i).end_object();
      expected.push_back({{"i", i}, {"text", text}, {"line", i}, {"column", -i}});
    }
  }
  out += "]";
  EXPECT_EQ(nlohmann::json::parse(out), expected);
}

}  // namespace
}  // namespace dsqlint
