#include "core/edits.h"

#include <algorithm>

namespace dsqlint {

std::string apply_edits(std::string_view text, uint32_t text_begin, std::vector<Edit> edits) {
  const auto by_begin = [](const Edit& a, const Edit& b) { return a.span.begin < b.span.begin; };
  // Mostly one or two edits in order already; a stable sort would allocate its buffer anyway.
  if (!std::is_sorted(edits.begin(), edits.end(), by_begin)) std::stable_sort(edits.begin(), edits.end(), by_begin);
  const uint32_t text_end = text_begin + static_cast<uint32_t>(text.size());
  size_t inserted = 0;
  for (const Edit& edit : edits) inserted += edit.text.size();
  std::string out;
  out.reserve(text.size() + inserted);  // one allocation, not one per doubling
  uint32_t at = text_begin;
  for (const Edit& edit : edits) {
    if (edit.span.begin < at || edit.span.end > text_end) continue;
    out.append(text.substr(at - text_begin, edit.span.begin - at));
    out += edit.text;
    at = edit.span.end;
  }
  out.append(text.substr(at - text_begin));
  return out;
}

}  // namespace dsqlint
