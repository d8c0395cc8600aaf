#include "core/source_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dsqlint {

LineIndex::LineIndex(std::string_view text) {
  starts_.reserve(text.size() / 40 + 1);
  starts_.push_back(text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  // One pass finds the line starts and whether any byte lies outside ASCII (in the valid
  // UTF-8 linted, any such byte makes columns differ from byte counts).
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  unsigned high = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (; i + 16 <= size; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    high |= static_cast<unsigned>(_mm_movemask_epi8(chunk));
    for (auto ends = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, newline))); ends; ends &= ends - 1)
      starts_.push_back(static_cast<uint32_t>(i + static_cast<size_t>(__builtin_ctz(ends)) + 1));
  }
#endif
  for (; i < size; ++i) {
    high |= bytes[i] & 0x80u;
    if (bytes[i] == '\n') starts_.push_back(static_cast<uint32_t>(i + 1));
  }
  ascii_ = high == 0;
}

Position LineIndex::position(std::string_view text, uint32_t offset) const {
  // The last line start at or before offset.
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const uint32_t line = static_cast<uint32_t>(it - starts_.begin());
  const uint32_t start = starts_[line == 0 ? 0 : line - 1];
  if (offset < start) return {1, 1};  // inside the byte order mark
  return {line, column(text, line, offset)};
}

uint32_t LineIndex::column(std::string_view text, uint32_t line, uint32_t offset) const {
  const uint32_t start = starts_[line - 1];
  if (ascii_) return offset - start + 1;
  return static_cast<uint32_t>(count_code_points(text.substr(start, offset - start))) + 1;
}

Position LineIndex::Cursor::position(uint32_t offset) {
  const std::vector<uint32_t>& starts = lines_.starts_;
  if (offset < starts[0]) return {1, 1};  // inside the byte order mark
  if (offset < starts[line_ - 1]) line_ = 1;  // behind: from the top
  // A few lines on, else a bisection of the rest (line_ is 1-based: starts[line_] is where
  // the next line starts).
  for (int step = 0; step < 4 && line_ < starts.size() && starts[line_] <= offset; ++step) ++line_;
  if (line_ < starts.size() && starts[line_] <= offset)
    line_ = static_cast<uint32_t>(std::upper_bound(starts.begin() + line_, starts.end(), offset) - starts.begin());
  return {line_, lines_.column(text_, line_, offset)};
}

std::pair<Position, Position> LineIndex::range(std::string_view text, uint32_t begin, uint32_t end) const {
  const Position first = position(text, begin);
  if (end < begin || first.line == 0 || begin < starts_[first.line - 1]) return {first, position(text, end)};
  uint32_t line = first.line;  // 1-based: starts_[line] is where the next line starts
  while (line < starts_.size() && starts_[line] <= end) ++line;
  const uint32_t start = starts_[line - 1];
  if (ascii_) return {first, {line, end - start + 1}};
  return {first, {line, static_cast<uint32_t>(count_code_points(text.substr(start, end - start))) + 1}};
}

Result<std::string> read_file_bytes(const std::string& path) {
  if (path == "-") {
    std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    if (std::cin.bad()) return Error{"cannot read standard input"};
    return text;
  }
  // open/fstat/read: a quarter of the time ifstream takes for the small files migrations are.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Error{path + ": " + (errno == ENOENT ? std::string("no such file or directory") : "cannot open: " + std::string(std::strerror(errno)))};
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    const bool directory = S_ISDIR(info.st_mode);
    ::close(fd);
    return Error{path + (directory ? ": is a directory" : ": cannot read")};
  }
  std::string text;
  text.resize(static_cast<size_t>(info.st_size) + 1);  // one more: a file that grew is read to its end
  size_t size = 0;
  for (;;) {
    if (size == text.size()) text.resize(text.size() * 2 + 4096);
    const ssize_t got = ::read(fd, text.data() + size, text.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      return Error{path + ": read failed: " + std::strerror(errno)};
    }
    if (got == 0) break;
    size += static_cast<size_t>(got);
    // All fstat said a regular file holds: no second read just to see its end (one that
    // grows meanwhile may grow after any last read too).
    if (S_ISREG(info.st_mode) && size == static_cast<size_t>(info.st_size)) break;
  }
  ::close(fd);
  text.resize(size);
  return text;
}

SourceFile make_source(std::string path, std::string text) {
  SourceFile file{std::move(path), std::move(text)};
  file.bom_size = file.text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  return file;
}

std::optional<InputError> validate_source(const SourceFile& file) {
  const std::string_view text(file.text);
  if (const auto nul = text.find('\0'); nul != std::string_view::npos)
    return InputError{InputErrorKind::Io, "binary file (NUL byte at offset " + std::to_string(nul) +
                                              "): not a SQL migration", static_cast<uint32_t>(nul)};
  if (const auto bad = first_invalid_utf8(text))
    return InputError{InputErrorKind::Encoding,
                      "invalid UTF-8 at byte offset " + std::to_string(*bad) +
                          ": migrations must be UTF-8 (DSQL stores text as UTF-8)",
                      static_cast<uint32_t>(*bad)};
  if (text.substr(file.bom_size).find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
    return InputError{InputErrorKind::Io, "empty file: no SQL statements", 0};
  return std::nullopt;
}

}  // namespace dsqlint
