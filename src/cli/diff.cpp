#include "cli/diff.h"

#include <fmt/format.h>

#include <algorithm>

namespace dsqlint {

namespace {

using Lines = std::vector<std::string_view>;

/// Myers' V array for one round d, kept for the backtrack: entries for k in [-d-1, d+1].
struct Round {
  int d;
  std::vector<int> x;
  int at(int k) const { return x[static_cast<size_t>(k + d + 1)]; }
};

/// The edit script for the differing middle part: a[0..n) against b[0..m).
std::vector<DiffLine> myers(const std::string_view* a, int n, const std::string_view* b, int m) {
  const int max = n + m;
  std::vector<int> v(static_cast<size_t>(2 * max + 3), 0);
  const int offset = max + 1;
  std::vector<Round> trace;
  int final_d = 0;
  for (int d = 0; d <= max; ++d) {
    trace.push_back(Round{d, std::vector<int>(v.begin() + offset - d - 1, v.begin() + offset + d + 2)});
    bool done = false;
    for (int k = -d; k <= d && !done; k += 2) {
      int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      done = x >= n && y >= m;
    }
    if (done) {
      final_d = d;
      break;
    }
  }
  std::vector<DiffLine> reversed;
  int x = n, y = m;
  for (int d = final_d; d >= 0; --d) {
    const Round& round = trace[static_cast<size_t>(d)];
    const int k = x - y;
    const int prev_k = (k == -d || (k != d && round.at(k - 1) < round.at(k + 1))) ? k + 1 : k - 1;
    const int prev_x = d == 0 ? 0 : round.at(prev_k);
    const int prev_y = d == 0 ? 0 : prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      reversed.push_back(DiffLine{DiffOp::Equal, static_cast<size_t>(x), static_cast<size_t>(y)});
    }
    if (d == 0) break;
    if (x == prev_x) reversed.push_back(DiffLine{DiffOp::Insert, static_cast<size_t>(x), static_cast<size_t>(prev_y)});
    else reversed.push_back(DiffLine{DiffOp::Delete, static_cast<size_t>(prev_x), static_cast<size_t>(y)});
    x = prev_x, y = prev_y;
  }
  return {reversed.rbegin(), reversed.rend()};
}

std::string range(size_t before_hunk, size_t count) {
  if (count == 1) return fmt::format("{}", before_hunk + 1);
  return fmt::format("{},{}", count == 0 ? before_hunk : before_hunk + 1, count);
}

void append_line(std::string& out, char prefix, std::string_view line) {
  out += prefix;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  Lines lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const size_t size = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, size));
    text.remove_prefix(size);
  }
  return lines;
}

std::vector<DiffLine> diff_lines(const Lines& before, const Lines& after) {
  size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  std::vector<DiffLine> out;
  for (size_t i = 0; i < prefix; ++i) out.push_back(DiffLine{DiffOp::Equal, i, i});
  const int n = static_cast<int>(before.size() - prefix - suffix), m = static_cast<int>(after.size() - prefix - suffix);
  for (DiffLine line : myers(before.data() + prefix, n, after.data() + prefix, m)) {
    line.old_index += prefix;
    line.new_index += prefix;
    out.push_back(line);
  }
  for (size_t i = suffix; i > 0; --i)
    out.push_back(DiffLine{DiffOp::Equal, before.size() - i, after.size() - i});
  return out;
}

std::string unified_diff(std::string_view before, std::string_view after, const std::string& path, size_t context) {
  if (before == after) return "";
  const Lines a = split_lines(before), b = split_lines(after);
  const std::vector<DiffLine> ops = diff_lines(a, b);
  const std::string shown = path.starts_with('/') ? path : "/" + path;
  std::string out = fmt::format("--- a{}\n+++ b{}\n", shown, shown);
  size_t i = 0;
  while (i < ops.size()) {
    while (i < ops.size() && ops[i].op == DiffOp::Equal) ++i;
    if (i == ops.size()) break;
    const size_t begin = i > context ? i - context : 0;
    size_t end = i;  // one past the last change of the hunk
    for (size_t j = i; j < ops.size() && j < end + 2 * context + 1; ++j)
      if (ops[j].op != DiffOp::Equal) end = j + 1;
    const size_t stop = std::min(ops.size(), end + context);
    size_t old_count = 0, new_count = 0;
    for (size_t j = begin; j < stop; ++j) {
      old_count += ops[j].op != DiffOp::Insert;
      new_count += ops[j].op != DiffOp::Delete;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(ops[begin].old_index, old_count), range(ops[begin].new_index, new_count));
    for (size_t j = begin; j < stop; ++j) {
      const DiffLine& line = ops[j];
      if (line.op == DiffOp::Equal) append_line(out, ' ', a[line.old_index]);
      else if (line.op == DiffOp::Delete) append_line(out, '-', a[line.old_index]);
      else append_line(out, '+', b[line.new_index]);
    }
    i = stop;
  }
  return out;
}

}  // namespace dsqlint
