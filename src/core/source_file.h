#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/span.h"

namespace dsqlint {

/// A 1-based line and column. Columns count Unicode code points, so a multibyte
/// character is one column (what editors show); SARIF declares this as unicodeCodePoints.
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
};

/// Maps byte offsets to 1-based positions. Lines end at '\n'; a '\r' before it belongs
/// to the line break, and a UTF-8 byte order mark does not count as a column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// The position of `offset` in `text`, the text this index was built from.
  Position position(std::string_view text, uint32_t offset) const;
  /// The positions of a span's two ends; the end is looked for from the beginning's line
  /// (spans are short, and every statement and finding of a report has one).
  std::pair<Position, Position> range(std::string_view text, uint32_t begin, uint32_t end) const;
  uint32_t line_start(uint32_t line) const { return starts_[line - 1]; }
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }

  /// Positions looked up one after another, each search starting from the line of the one
  /// before: a report's spans come mostly in order and close together.
  class Cursor {
   public:
    Cursor(const LineIndex& lines, std::string_view text) : lines_(lines), text_(text) {}
    Position position(uint32_t offset);
    std::pair<Position, Position> range(uint32_t begin, uint32_t end) { return {position(begin), position(end)}; }

   private:
    const LineIndex& lines_;
    std::string_view text_;
    uint32_t line_ = 1;
  };

 private:
  /// The column of `offset` on `line`, counted from its start.
  uint32_t column(std::string_view text, uint32_t line, uint32_t offset) const;

  std::vector<uint32_t> starts_;
  bool ascii_ = false;  ///< every column is a byte count: no code points to count
};

/// One migration file as read: its display path and its exact bytes. Byte offsets
/// everywhere refer to `text`, so fixes can be written back byte for byte.
struct SourceFile {
  std::string path;      ///< as the user named it (or --stdin-filename)
  std::string text;      ///< raw content, BOM included
  uint32_t bom_size = 0; ///< 3 when text starts with a UTF-8 byte order mark

  std::string_view slice(Span span) const {
    return std::string_view(text).substr(span.begin, span.size());
  }
};

/// What kind of input problem stops a file from being checked.
enum class InputErrorKind { Io, Encoding };

struct InputError {
  InputErrorKind kind;
  std::string message;
  uint32_t offset = 0;  ///< where in the file (encoding errors)
};

/// Reads a whole file, or standard input for "-". Fails with a message naming the
/// problem (missing, a directory, unreadable).
Result<std::string> read_file_bytes(const std::string& path);

/// Refuses what is not a migration: binary content, invalid UTF-8 (with the offset of
/// the first bad byte) and empty or whitespace-only files.
std::optional<InputError> validate_source(const SourceFile& file);

/// Makes a SourceFile from text in memory, detecting a byte order mark.
SourceFile make_source(std::string path, std::string text);

}  // namespace dsqlint
