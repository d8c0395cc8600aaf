#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "parse/lexer.h"
#include "parse/parsed_file.h"
#include "parse/prepare.h"
#include "parse/pg.h"

extern "C" {
#include <pg_query.h>
#include <pg_query_internal.h>
}

namespace dsqlint {

namespace {

/// libpg_query's raw parse of NUL-terminated text, its error freed in one place.
struct RawParse {
  List* tree = nullptr;
  std::string error;
  int cursor = 0;  // 1-based character position of the error, 0 when unknown

  explicit RawParse(const char* sql) {
    PgQueryInternalParsetreeAndError result = pg_query_raw_parse(sql, PG_QUERY_PARSE_DEFAULT);
    tree = result.tree;
    if (result.error) {
      error = result.error->message;
      cursor = result.error->cursorpos;
      pg_query_free_error(result.error);
    }
    std::free(result.stderr_buffer);
  }
};

/// Byte offset of the 1-based character position `cursor` in text starting at `begin`.
uint32_t offset_of_character(std::string_view text, uint32_t begin, int cursor) {
  uint32_t offset = begin;
  for (int seen = 1; seen < cursor && offset < text.size();) {
    ++offset;
    if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) ++seen;
  }
  return offset;
}

/// Whether a comment may end the text before `end`: lexing is needed only then.
bool may_end_in_comment(std::string_view text, uint32_t begin, uint32_t end) {
  if (end - begin >= 2 && text.substr(end - 2, 2) == "*/") return true;
  // A "--" on the last line: a comment, or inside a literal (the lexer tells which).
  const char* first = text.data() + begin;
  const char* const last = text.data() + end;
  if (const void* newline = memrchr(first, '\n', end - begin)) first = static_cast<const char*>(newline) + 1;
  for (const char* p = first; (p = static_cast<const char*>(std::memchr(p, '-', last - p))) && p + 1 < last; ++p)
    if (p[1] == '-') return true;
  return false;
}

/// The exact span of a statement libpg_query located at [location, end): leading
/// comments and whitespace skipped, trailing whitespace and comments trimmed.
Span statement_span(std::string_view text, uint32_t location, uint32_t end) {
  const uint32_t begin = skip_trivia(text, location, end);
  uint32_t last = end;
  while (last > begin && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
  if (last > begin && may_end_in_comment(text, begin, last)) {
    Lexer lexer(text, begin, end);
    last = begin;
    for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant())
      last = token.span.end;
  }
  return Span{begin, std::max(begin, last)};
}

/// Top-level statement ranges of `text` split at ';' by the lexer; used only after a
/// syntax error, to keep the other statements of the file.
std::vector<Span> split_statements(std::string_view text) {
  std::vector<Span> pieces;
  Lexer lexer(text);
  uint32_t start = 0;
  for (Token token = lexer.next(); ; token = lexer.next()) {
    if (token.kind == TokenKind::Semicolon || token.kind == TokenKind::End) {
      const Span span = statement_span(text, start, token.span.begin);
      if (!span.empty()) pieces.push_back(span);
      if (token.kind == TokenKind::End) break;
      start = token.span.end;
    }
  }
  return pieces;
}

void add_tree(std::vector<ParsedStatement>& out, std::string_view text, List* tree, uint32_t base,
              uint32_t limit) {
  out.reserve(out.size() + static_cast<size_t>(list_length(tree)));
  ListCell* cell;
  foreach (cell, tree) {
    const RawStmt* raw = lfirst_node(RawStmt, cell);
    const uint32_t location = base + static_cast<uint32_t>(raw->stmt_location);
    const uint32_t end = raw->stmt_len > 0 ? location + static_cast<uint32_t>(raw->stmt_len) : limit;
    out.push_back(ParsedStatement{.kind = SyntaxKind::Postgres,
                                  .span = statement_span(text, location, end),
                                  .node = raw->stmt,
                                  .base = base});
  }
}

/// Parses each piece on its own so that one syntax error costs one statement.
void parse_pieces(std::vector<ParsedStatement>& out, std::string_view text) {
  for (const Span piece : split_statements(text)) {
    const std::string sql(text.substr(piece.begin, piece.size()));
    RawParse parse(sql.c_str());
    if (parse.error.empty()) {
      add_tree(out, text, parse.tree, piece.begin, piece.end);
      continue;
    }
    out.push_back(ParsedStatement{.kind = SyntaxKind::SyntaxError,
                                  .span = piece,
                                  .error = parse.error,
                                  .error_offset = offset_of_character(text, piece.begin, parse.cursor)});
  }
}

void attach_async_keywords(std::vector<ParsedStatement>& statements, const std::vector<Span>& keywords) {
  for (const Span keyword : keywords)
    for (ParsedStatement& statement : statements)
      if (keyword.begin >= statement.span.begin && keyword.end <= statement.span.end)
        statement.async_keyword = keyword;
}

}  // namespace

std::string parser_version() { return std::string("libpg_query ") + PG_QUERY_RELEASE + " (PostgreSQL " + PG_VERSION + ")"; }

ParsedFile::ParsedFile() { renew_memory(); }
ParsedFile::~ParsedFile() {
  for (auto it = memory_.rbegin(); it != memory_.rend(); ++it) pg_query_exit_memory_context(*it);
}
ParsedFile::ParsedFile(ParsedFile&& other) noexcept
    : statements(std::move(other.statements)), memory_(std::move(other.memory_)) {
  other.memory_.clear();
}
void ParsedFile::renew_memory() { memory_.push_back(pg_query_enter_memory_context()); }

ParsedFile parse_file(const SourceFile& file) {
  ParsedFile parsed;
  PreparedText prepared = prepare_text(file);
  const std::string_view text(prepared.text);
  RawParse whole(prepared.text.c_str());
  if (whole.error.empty()) {
    add_tree(parsed.statements, text, whole.tree, 0, static_cast<uint32_t>(text.size()));
  } else {
    parse_pieces(parsed.statements, text);
  }
  attach_async_keywords(parsed.statements, prepared.async_keywords);
  for (ParsedStatement& extra : prepared.extra) parsed.statements.push_back(std::move(extra));
  // In order already unless DSQL-only statements were read aside (a stable sort of sorted
  // statements still moves each of them).
  const auto by_begin = [](const auto& a, const auto& b) { return a.span.begin < b.span.begin; };
  if (!std::is_sorted(parsed.statements.begin(), parsed.statements.end(), by_begin))
    std::stable_sort(parsed.statements.begin(), parsed.statements.end(), by_begin);
  return parsed;
}

std::optional<ParsedStatement> parse_fragment(ParsedFile&, const std::string& sql, uint32_t base) {
  RawParse parse(sql.c_str());
  if (!parse.error.empty() || list_length(parse.tree) != 1) return std::nullopt;
  const RawStmt* raw = linitial_node(RawStmt, parse.tree);
  const uint32_t length = raw->stmt_len > 0 ? static_cast<uint32_t>(raw->stmt_len) : static_cast<uint32_t>(sql.size());
  const Span local = statement_span(sql, static_cast<uint32_t>(raw->stmt_location), length);
  return ParsedStatement{.kind = SyntaxKind::Postgres,
                         .span = Span{base + local.begin, base + local.end},
                         .node = raw->stmt,
                         .base = base};
}

}  // namespace dsqlint
