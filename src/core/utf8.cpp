#include "core/utf8.h"

#include <cstdint>
#include <cstring>

namespace dsqlint {

namespace {

/// Length of the sequence that starts with `lead`, or 0 when `lead` cannot start one.
int sequence_length(uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool valid_sequence(const uint8_t* p, int length) {
  for (int i = 1; i < length; ++i)
    if ((p[i] & 0xC0) != 0x80) return false;
  // Reject overlong forms, surrogates and code points above U+10FFFF.
  if (length == 3 && p[0] == 0xE0 && p[1] < 0xA0) return false;
  if (length == 3 && p[0] == 0xED && p[1] > 0x9F) return false;
  if (length == 4 && p[0] == 0xF0 && p[1] < 0x90) return false;
  if (length == 4 && p[0] == 0xF4 && p[1] > 0x8F) return false;
  return true;
}

}  // namespace

std::optional<size_t> first_invalid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Fast paths: thirty-two, then eight ASCII bytes at a time (migrations are mostly ASCII).
    if (i + 32 <= n) {
      uint64_t words[4];
      std::memcpy(words, p + i, 32);
      if (((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080ULL) == 0) {
        i += 32;
        continue;
      }
    }
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const int length = sequence_length(p[i]);
    if (length == 0 || i + length > n || !valid_sequence(p + i, length)) return i;
    i += length;
  }
  return std::nullopt;
}

size_t count_code_points(std::string_view text) {
  size_t count = 0;
  size_t i = 0;
  // Eight ASCII bytes are eight code points.
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ULL) break;
    count += 8;
  }
  for (; i < text.size(); ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return count;
}

}  // namespace dsqlint
