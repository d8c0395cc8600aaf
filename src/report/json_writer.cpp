#include "report/json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <vector>

namespace dsqlint {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Write through a pointer into scratch room for the worst case (every byte as \u00XX):
  // the quoted identifiers of Drizzle SQL make escapes frequent, and appends cost per call.
  thread_local std::vector<char> scratch;
  if (scratch.size() < text.size() * 6 + 2) scratch.resize(text.size() * 6 + 2);
  char* const first = scratch.data();
  char* w = first;
  *w++ = '"';
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    // Copy eight plain bytes at a time: none below 0x20, no '"' and no '\\'.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      const uint64_t quote = word ^ (kOnes * '"'), backslash = word ^ (kOnes * '\\');
      if (((word - kOnes * 0x20) | (quote - kOnes) | (backslash - kOnes)) & ~word & kHigh) break;
      std::memcpy(w, p, 8);
      w += 8;
      p += 8;
    }
    if (p >= end) break;
    const auto c = static_cast<unsigned char>(*p++);
    if (c >= 0x20 && c != '"' && c != '\\') {
      *w++ = static_cast<char>(c);
      continue;
    }
    *w++ = '\\';
    switch (c) {
      case '"': *w++ = '"'; break;
      case '\\': *w++ = '\\'; break;
      case '\n': *w++ = 'n'; break;
      case '\r': *w++ = 'r'; break;
      case '\t': *w++ = 't'; break;
      default:
        *w++ = 'u';
        *w++ = '0';
        *w++ = '0';
        *w++ = kHex[c >> 4];
        *w++ = kHex[c & 15];
    }
  }
  *w++ = '"';
  out.append(first, static_cast<size_t>(w - first));
}

void JsonWriter::separate() {
  if (need_comma_) out_ += ',';
  need_comma_ = true;
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  // Keys are the writer's own plain ASCII names: one append of ,"name":
  char buffer[64];
  size_t n = 0;
  if (need_comma_) buffer[n++] = ',';
  buffer[n++] = '"';
  if (name.size() + 4 > sizeof buffer) {
    out_.append(buffer, n);
    out_ += name;
    out_ += "\":";
  } else {
    std::memcpy(buffer + n, name.data(), name.size());
    n += name.size();
    buffer[n++] = '"';
    buffer[n++] = ':';
    out_.append(buffer, n);
  }
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::number(int64_t n) {
  separate();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, n);
  out_.append(digits, static_cast<size_t>(result.ptr - digits));
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace dsqlint
