#pragma once
#include <cstdint>

namespace dsqlint {

/// A half-open range of byte offsets [begin, end) into a source file's text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
  bool operator==(const Span&) const = default;
};

}  // namespace dsqlint
