#pragma once
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace dsqlint {

/// A streaming JSON writer: appends to a string, escapes as RFC 8259 requires, and
/// puts commas where they belong. Fast enough for 50,000 statements.
class JsonWriter {
 public:
  /// `after_value`: the text so far ends with a value, so the next one needs a comma
  /// (a document written in pieces).
  explicit JsonWriter(std::string& out, bool after_value = false) : out_(out), need_comma_(after_value) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T n) {
    return number(static_cast<int64_t>(n));
  }
  JsonWriter& number(int64_t n);
  /// Several `"name":number` fields with one append (positions are most of a report).
  JsonWriter& numbers(std::initializer_list<std::pair<std::string_view, int64_t>> fields);
  JsonWriter& null();
  /// A value already written as JSON (e.g. a string escaped once and used twice).
  JsonWriter& raw(std::string_view json);

  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  void separate();

  std::string& out_;
  bool need_comma_ = false;
};

/// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace dsqlint
