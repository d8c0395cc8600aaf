#pragma once
#include <optional>
#include <string_view>
#include <vector>

namespace dsqlint {

/// The candidate nearest to `word` by edit distance, when it is near enough to be a typo.
std::optional<std::string_view> closest(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace dsqlint
