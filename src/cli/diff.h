#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace dsqlint {

/// Splits text into lines, each keeping its own line break ("\n" or "\r\n"); the last
/// line has none when the text does not end with one.
std::vector<std::string_view> split_lines(std::string_view text);

/// What a line diff does with one line.
enum class DiffOp { Equal, Delete, Insert };

struct DiffLine {
  DiffOp op;
  size_t old_index;  ///< 0-based line in `before` (Equal, Delete)
  size_t new_index;  ///< 0-based line in `after` (Equal, Insert)
};

/// A shortest edit script from `before` to `after` (Myers' O(ND) algorithm), in order.
std::vector<DiffLine> diff_lines(const std::vector<std::string_view>& before, const std::vector<std::string_view>& after);

/// A unified diff (`--- a/path`, `+++ b/path`, `@@` hunks with `context` lines around each
/// change), as diff -u and git print it; empty when the texts are equal. A last line
/// without a line break is followed by "\ No newline at end of file".
std::string unified_diff(std::string_view before, std::string_view after, const std::string& path, size_t context = 3);

}  // namespace dsqlint
