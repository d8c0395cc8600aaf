#pragma once
#include <algorithm>
#include <cassert>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace dsqlint {

/// A streaming JSON writer: escapes as RFC 8259 requires and puts commas where they
/// belong. It writes straight into `out`, which it grows ahead of what it writes: a report
/// is a million small pieces, and each std::string append costs more than the piece. What
/// `out` holds is the text only once flush() has trimmed it (also done when the writer goes
/// out of scope): call flush() before reading `out` or writing to it directly.
class JsonWriter {
 public:
  /// `after_value`: the text so far ends with a value, so the next one needs a comma
  /// (a document written in pieces).
  explicit JsonWriter(std::string& out, bool after_value = false) : out_(out), need_comma_(after_value) {}
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  /// Inline: names are literals, so their copy compiles to a few moves.
  JsonWriter& key(std::string_view name) {
    char* w = room(name.size() + 4);
    if (need_comma_) *w++ = ',';
    *w++ = '"';
    std::memcpy(w, name.data(), name.size());
    w += name.size();
    *w++ = '"';
    *w++ = ':';
    w_ = w;
    need_comma_ = false;
    return *this;
  }
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  /// A string with nothing to escape, such as an enum's name ("warning", "REWRITE"):
  /// copied as it is, without the escaper's cost for a short string.
  JsonWriter& symbol(std::string_view text) {
    assert(std::ranges::none_of(text, [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }));
    separate();
    char* w = room(text.size() + 2);
    *w++ = '"';
    std::memcpy(w, text.data(), text.size());
    w += text.size();
    *w++ = '"';
    w_ = w;
    return *this;
  }
  JsonWriter& value(bool flag) { return raw(flag ? "true" : "false"); }
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T n) {
    return number(static_cast<int64_t>(n));
  }
  JsonWriter& number(int64_t n);
  /// A `"name":number` field. Inline, like key(): positions are most of a report, and a
  /// literal name is then copied with its length known.
  JsonWriter& number_field(std::string_view name, int64_t n) {
    char* w = room(name.size() + 28);
    if (need_comma_) *w++ = ',';
    *w++ = '"';
    std::memcpy(w, name.data(), name.size());
    w += name.size();
    *w++ = '"';
    *w++ = ':';
    w_ = std::to_chars(w, w + 24, n).ptr;
    need_comma_ = true;
    return *this;
  }
  JsonWriter& null() { return raw("null"); }
  /// A value already written as JSON.
  JsonWriter& raw(std::string_view json);
  /// How much this writer's `out` holds so far: marks where a value begins and ends, to
  /// write it again with repeat().
  size_t written() const { return w_ ? static_cast<size_t>(w_ - out_.data()) : out_.size(); }
  /// The value written between two marks, again (a string escaped once and used twice).
  JsonWriter& repeat(size_t from, size_t to);

  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  /// Trims `out` to the text written.
  void flush();

 private:
  /// Room for `n` more bytes at w_, growing `out` if needed.
  char* room(size_t n) {
    if (static_cast<size_t>(end_ - w_) < n) grow(n);
    return w_;
  }
  void grow(size_t n);
  void separate() {
    if (need_comma_) *room(1) = ',', ++w_;
    need_comma_ = true;
  }
  JsonWriter& open(char bracket) {
    separate();
    *room(1) = bracket;
    ++w_;
    need_comma_ = false;
    return *this;
  }
  JsonWriter& close(char bracket) {
    *room(1) = bracket;
    ++w_;
    need_comma_ = true;
    return *this;
  }

  std::string& out_;
  bool need_comma_ = false;
  char* w_ = nullptr;    ///< where the next byte goes, in `out`; null when `out` is trimmed
  char* end_ = nullptr;  ///< the end of `out`, the room's end
};

/// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace dsqlint
