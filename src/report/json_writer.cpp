#include "report/json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dsqlint {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Write through a pointer into scratch room for the worst case (every byte as \u00XX):
  // the quoted identifiers of Drizzle SQL make escapes frequent, and appends cost per call.
  thread_local std::vector<char> scratch;
  if (scratch.size() < text.size() * 6 + 18) scratch.resize(text.size() * 6 + 18);
  char* const first = scratch.data();
  char* w = first;
  *w++ = '"';
  const char* p = text.data();
  const char* const end = p + text.size();
  auto escape = [&w](unsigned char c) {
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
  };
#if defined(__SSE2__)
  // Sixteen bytes at a time: store them all, keep those before the first byte to escape
  // (the scratch room holds the overshoot).
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1F);
  while (end - p >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                                         _mm_cmpeq_epi8(_mm_max_epu8(chunk, control), control));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w), chunk);
    const int mask = _mm_movemask_epi8(special);
    if (mask == 0) {
      w += 16;
      p += 16;
      continue;
    }
    const int plain = __builtin_ctz(static_cast<unsigned>(mask));
    w += plain;
    p += plain;
    escape(static_cast<unsigned char>(*p++));
  }
#endif
  while (p < end) {
    const auto c = static_cast<unsigned char>(*p++);
    if (c >= 0x20 && c != '"' && c != '\\') *w++ = static_cast<char>(c);
    else escape(c);
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

JsonWriter& JsonWriter::numbers(std::initializer_list<std::pair<std::string_view, int64_t>> fields) {
  char buffer[256];
  char* w = buffer;
  char* const end = buffer + sizeof buffer;
  for (const auto& [name, n] : fields) {
    if (end - w < static_cast<std::ptrdiff_t>(name.size() + 28)) {  // names are short; spill if not
      out_.append(buffer, static_cast<size_t>(w - buffer));
      w = buffer;
      if (name.size() + 28 > sizeof buffer) {
        key(name).number(n);
        continue;
      }
    }
    if (need_comma_) *w++ = ',';
    *w++ = '"';
    std::memcpy(w, name.data(), name.size());
    w += name.size();
    *w++ = '"';
    *w++ = ':';
    w = std::to_chars(w, end, n).ptr;
    need_comma_ = true;
  }
  out_.append(buffer, static_cast<size_t>(w - buffer));
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
