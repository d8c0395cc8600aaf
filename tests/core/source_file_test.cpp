#include <gtest/gtest.h>

#include "core/source_file.h"
#include "core/utf8.h"

namespace dsqlint {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_FALSE(first_invalid_utf8("plain ascii text that is long enough for the fast path").has_value());
  EXPECT_FALSE(first_invalid_utf8("ç é 😀 中文").has_value());
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(first_invalid_utf8("abc\xff"), 3u);
  EXPECT_EQ(first_invalid_utf8("ok \xC3"), 3u);           // truncated sequence
  EXPECT_EQ(first_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(first_invalid_utf8("x\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(first_invalid_utf8("0123456789\xE9t\xE9"), 10u);  // Latin-1 after the fast path
  // Each place a bad byte can take in and after the 32- and 8-byte steps, after valid
  // multi-byte text that stops a step.
  const std::string ascii(70, 'a');
  for (size_t at = 0; at < ascii.size(); ++at) {
    std::string text = ascii;
    text[at] = '\xff';
    EXPECT_EQ(first_invalid_utf8(text), at);
    EXPECT_EQ(first_invalid_utf8(std::string(40, 'b') + "\xC3\xA7" + text), 42u + at);
  }
}

TEST(Validate, RefusesBinaryInvalidAndEmpty) {
  EXPECT_EQ(validate_source(make_source("a", std::string("SELECT\0 1", 9)))->kind, InputErrorKind::Io);
  const auto latin1 = validate_source(make_source("a", "SELECT 'caf\xe9';"));
  ASSERT_TRUE(latin1.has_value());
  EXPECT_EQ(latin1->kind, InputErrorKind::Encoding);
  EXPECT_EQ(latin1->offset, 11u);
  EXPECT_TRUE(validate_source(make_source("a", "")).has_value());
  EXPECT_TRUE(validate_source(make_source("a", " \n\t\r\n")).has_value());
  EXPECT_TRUE(validate_source(make_source("a", "\xEF\xBB\xBF\n")).has_value());
  EXPECT_FALSE(validate_source(make_source("a", "-- a comment is not empty\n")).has_value());
}

TEST(LineIndex, PositionsAreOneBasedCodePoints) {
  const std::string text = "ab\nçd\r\nx";
  const LineIndex lines(text);
  EXPECT_EQ(lines.position(text, 0).line, 1u);
  EXPECT_EQ(lines.position(text, 1).column, 2u);
  EXPECT_EQ(lines.position(text, 3).line, 2u);
  EXPECT_EQ(lines.position(text, 5).column, 2u);  // 'd' after a two-byte 'ç'
  EXPECT_EQ(lines.position(text, 8).line, 3u);
  EXPECT_EQ(lines.position(text, 8).column, 1u);
  EXPECT_EQ(lines.position(text, 9).column, 2u);  // end of text
}

TEST(LineIndex, ByteOrderMarkIsNotAColumn) {
  const std::string text = "\xEF\xBB\xBFSELECT";
  const LineIndex lines(text);
  EXPECT_EQ(lines.position(text, 3).column, 1u);
  EXPECT_EQ(lines.position(text, 4).column, 2u);
}

TEST(LineIndex, AsciiTextColumnsAreByteCounts) {
  const std::string text = "ab\ncd\n\nxyz";
  const LineIndex lines(text);
  EXPECT_EQ(lines.position(text, 4).line, 2u);
  EXPECT_EQ(lines.position(text, 4).column, 2u);
  EXPECT_EQ(lines.position(text, 6).line, 3u);  // the empty line
  EXPECT_EQ(lines.position(text, 6).column, 1u);
  EXPECT_EQ(lines.position(text, 7).line, 4u);
  EXPECT_EQ(lines.position(text, 10).column, 4u);  // end of text
}

/// Line and column of every offset, counted one byte at a time: the index's reference.
std::vector<Position> counted_positions(const std::string& text) {
  std::vector<Position> out;
  Position at{1, 1};
  for (size_t i = 0; i <= text.size(); ++i) {
    out.push_back(at);
    if (i == text.size()) break;
    if (text[i] == '\n') at = {at.line + 1, 1};
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.column;
  }
  return out;
}

TEST(LineIndex, LongTextsAgreeWithCountingByteByByte) {
  // Lines ending on, before and after sixteen-byte boundaries; one text all ASCII, one
  // with a two-byte character well past the first sixteen bytes.
  std::string ascii;
  for (int n = 0; n < 40; ++n) ascii += std::string(static_cast<size_t>(n % 19), 'x') + "\n";
  ascii += "tail";
  const std::string accented = ascii.substr(0, 70) + "\xC3\xA7" + ascii.substr(70);
  for (const std::string& text : {ascii, accented}) {
    const LineIndex lines(text);
    const std::vector<Position> expected = counted_positions(text);
    for (uint32_t offset = 0; offset <= text.size(); ++offset) {
      if (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) continue;  // mid-character
      const Position got = lines.position(text, offset);
      ASSERT_EQ(got.line, expected[offset].line) << offset;
      ASSERT_EQ(got.column, expected[offset].column) << offset;
    }
  }
}

TEST(LineIndex, RangeGivesWhatPositionGivesForBothEnds) {
  // Every span of texts with a byte order mark, multibyte characters, empty lines and CRLF.
  for (const std::string text : {std::string("\xEF\xBB\xBFSELECT 1;\n\nça\r\n  é;"), std::string("a\nbc\n\nd\n")}) {
    const LineIndex lines(text);
    for (uint32_t begin = 0; begin <= text.size(); ++begin)
      for (uint32_t end = begin; end <= text.size(); ++end) {
        const auto [first, last] = lines.range(text, begin, end);
        const Position expected_first = lines.position(text, begin), expected_last = lines.position(text, end);
        ASSERT_EQ(first.line, expected_first.line) << begin << " " << end;
        ASSERT_EQ(first.column, expected_first.column) << begin << " " << end;
        ASSERT_EQ(last.line, expected_last.line) << begin << " " << end;
        ASSERT_EQ(last.column, expected_last.column) << begin << " " << end;
      }
  }
}

TEST(LineIndex, CursorGivesWhatPositionGivesInAnyOrder) {
  // Offsets forward, backward, far ahead and repeated, so the cursor's step forward, its
  // bisection and its return to the top all answer; one text ASCII, one not.
  std::string ascii = "\xEF\xBB\xBF";
  for (int n = 0; n < 60; ++n) ascii += std::string(static_cast<size_t>(n % 7), 'x') + "\n";
  const std::string accented = ascii + "ça\r\n  é;";
  for (const std::string& text : {ascii, accented}) {
    const LineIndex lines(text);
    LineIndex::Cursor cursor(lines, text);
    const auto size = static_cast<uint32_t>(text.size());
    for (const uint32_t stride : {1u, 5u, 37u, size - 1}) {
      for (uint32_t i = 0; i <= size; ++i) {
        const uint32_t offset = static_cast<uint32_t>((uint64_t{i} * stride) % (size + 1));
        if (offset < size && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) continue;  // mid-character
        const Position got = cursor.position(offset), expected = lines.position(text, offset);
        ASSERT_EQ(got.line, expected.line) << stride << " " << offset;
        ASSERT_EQ(got.column, expected.column) << stride << " " << offset;
      }
    }
  }
}

}  // namespace
}  // namespace dsqlint
