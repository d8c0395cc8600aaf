#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace dsqlint {

/// `text` with `edits` applied. Edit spans are offsets in the coordinates where `text`
/// starts at `text_begin`. Edits are applied in position order; one that overlaps an
/// earlier edit, or lies outside the text, is dropped.
std::string apply_edits(std::string_view text, uint32_t text_begin, std::vector<Edit> edits);

}  // namespace dsqlint
