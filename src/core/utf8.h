#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace dsqlint {

/// Offset of the first byte that is not part of valid UTF-8, if any.
std::optional<size_t> first_invalid_utf8(std::string_view text);

/// Number of code points in valid UTF-8 text (continuation bytes are not counted).
size_t count_code_points(std::string_view text);

}  // namespace dsqlint
