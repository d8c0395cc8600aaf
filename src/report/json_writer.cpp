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

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;  // AddressSanitizer would report the in-place load's harmless overreach
#else
constexpr bool kSanitized = false;
#endif

/// Writes `text` as a JSON string literal at `w`, which has room for 6 * size + 18 bytes
/// (every byte as \u00XX, and sixteen bytes of overshoot); returns the end. Inlined in
/// value(): a report has half a million strings, most of them short, and a call each.
[[gnu::always_inline]] inline char* escape_json(char* w, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
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
  // Sixteen bytes at a time: store them all, keep those before the first byte to escape.
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1F);
  auto special = [&](const char* at) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w), chunk);
    return static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                     _mm_cmpeq_epi8(_mm_max_epu8(chunk, control), control))));
  };
  while (end - p >= 16) {
    const unsigned mask = special(p);
    if (mask == 0) {
      w += 16;
      p += 16;
      continue;
    }
    const int plain = __builtin_ctz(mask);
    w += plain;
    p += plain;
    escape(static_cast<unsigned char>(*p++));
  }
  // The last bytes likewise, with one load: in place when the sixteen bytes from `p` stay
  // within its page (so the load cannot fault), else from a copy. Past the first byte to
  // escape, the bytewise loop below goes on.
  if (const auto left = static_cast<unsigned>(end - p); left > 0) {
    char copy[16] = {};
    const char* from = p;
    if (kSanitized || (reinterpret_cast<uintptr_t>(p) & 4095) > 4096 - 16)
      from = static_cast<const char*>(std::memcpy(copy, p, left));
    const unsigned mask = special(from) & ((1u << left) - 1);
    const unsigned plain = mask ? static_cast<unsigned>(__builtin_ctz(mask)) : left;
    w += plain;
    p += plain;
  }
#endif
  while (p < end) {
    const auto c = static_cast<unsigned char>(*p++);
    if (c >= 0x20 && c != '"' && c != '\\') *w++ = static_cast<char>(c);
    else escape(c);
  }
  *w++ = '"';
  return w;
}

constexpr size_t escaped_bound(size_t size) { return size * 6 + 18; }

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  thread_local std::string scratch;
  if (scratch.size() < escaped_bound(text.size())) scratch.resize(escaped_bound(text.size()));
  char* const first = scratch.data();
  out.append(first, static_cast<size_t>(escape_json(first, text) - first));
}

void JsonWriter::flush() {
  if (!w_) return;
  out_.resize(static_cast<size_t>(w_ - out_.data()));
  w_ = end_ = nullptr;
}

void JsonWriter::grow(size_t n) {
  const size_t used = written();
  // Growing a string zero-fills what it adds: in steps of 2 KiB, memset stays a loop of
  // vector stores (larger fills take rep stosb), and room left over is kept for what follows.
  while (out_.size() < used + n) out_.append(2048, '\0');
  w_ = out_.data() + used;
  end_ = out_.data() + out_.size();
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  w_ = escape_json(room(escaped_bound(text.size())), text);
  return *this;
}

JsonWriter& JsonWriter::repeat(size_t from, size_t to) {
  separate();
  char* const w = room(to - from);
  std::memcpy(w, out_.data() + from, to - from);
  w_ = w + (to - from);
  return *this;
}

JsonWriter& JsonWriter::number(int64_t n) {
  separate();
  char* const w = room(24);
  w_ = std::to_chars(w, w + 24, n).ptr;
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  char* const w = room(json.size());
  if (!json.empty()) std::memcpy(w, json.data(), json.size());
  w_ = w + json.size();
  return *this;
}

}  // namespace dsqlint
