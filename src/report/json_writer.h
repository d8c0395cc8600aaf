#pragma once
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
/// belong. It gathers what it writes in a buffer of its own and appends that to `out` when
/// the buffer fills, on flush() and when it goes out of scope: a report is a million small
/// pieces, and each std::string append costs more than the piece. Call flush() before
/// writing to `out` directly while the writer is alive.
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
    if (name.size() + 4 > kBuffer) return long_key(name);
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
    if (name.size() + 28 > kBuffer) return key(name).number(n);
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
  /// A value already written as JSON (e.g. a string escaped once and used twice).
  JsonWriter& raw(std::string_view json);

  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  /// Appends what is buffered to `out`.
  void flush();

 private:
  static constexpr size_t kBuffer = 16384;

  /// Room for `n` more bytes in the buffer (n <= kBuffer), flushing first if needed.
  char* room(size_t n) {
    if (static_cast<size_t>(buffer_ + kBuffer - w_) < n) flush();
    return w_;
  }
  JsonWriter& long_key(std::string_view name);
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
  char* w_ = buffer_;
  char buffer_[kBuffer];
};

/// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace dsqlint
