#include "parse/prepare.h"

#include <array>
#include <cstring>

#include "parse/lexer.h"

namespace dsqlint {

namespace {

constexpr std::string_view kBreakpoint = "--> statement-breakpoint";

void blank(std::string& text, Span span) {
  for (uint32_t i = span.begin; i < span.end; ++i)
    if (text[i] != '\n') text[i] = ' ';
}

/// Whether the text may hold DSQL-only syntax ("async", "aws" in any case) or a psql
/// meta-command (a backslash); one pass a letter, so that files without them are never lexed.
bool needs_lexing(std::string_view text) {
  if (text.find('\\') != std::string_view::npos) return true;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const auto is = [end](const char* p, char lower) { return p < end && (*p | 0x20) == lower; };
  // Each word is looked for by its rarest letter ("asYnc", "aWs": a tenth as common as 'a'
  // in SQL), found by memchr at vector speed; only those places are compared.
  for (const char anchor : {'y', 'Y', 'w', 'W'}) {
    const bool async = (anchor | 0x20) == 'y';
    const long before = async ? 2 : 1;
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, anchor, end - p))); ++p) {
      if (p - begin < before) continue;
      if (async && is(p - 2, 'a') && is(p - 1, 's') && is(p + 1, 'n') && is(p + 2, 'c')) return true;
      if (!async && is(p - 1, 'a') && is(p + 1, 's')) return true;
    }
  }
  return false;
}

std::string identifier_value(std::string_view text, const Token& token) {
  std::string_view raw = text.substr(token.span.begin, token.span.size());
  std::string out;
  if (token.kind == TokenKind::QuotedIdent) {
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
      out += raw[i];
      if (raw[i] == '"') ++i;
    }
    return out;
  }
  for (char c : raw) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string string_value(std::string_view text, const Token& token) {
  std::string_view raw = text.substr(token.span.begin + 1, token.span.size() - 2);
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    out += raw[i];
    if (raw[i] == '\'') ++i;
  }
  return out;
}

/// Reads `AWS IAM {GRANT role TO | REVOKE role FROM} 'arn' [, 'arn' ...]` after AWS.
class AwsIamReader {
 public:
  AwsIamReader(std::string_view text, Lexer& lexer, Token aws) : text_(text), lexer_(lexer) {
    statement_.span = aws.span;
  }

  ParsedStatement read() {
    expect_word("IAM", "AWS must be followed by IAM");
    const Token verb = next();
    const bool grant = is_word(text_, verb, "GRANT");
    if (!grant && !is_word(text_, verb, "REVOKE")) fail(verb, "expected GRANT or REVOKE after AWS IAM");
    statement_.kind = grant ? SyntaxKind::AwsIamGrant : SyntaxKind::AwsIamRevoke;
    const Token role = next();
    if (role.kind != TokenKind::Word && role.kind != TokenKind::QuotedIdent) fail(role, "expected a role name");
    else if (statement_.error.empty()) statement_.role = identifier_value(text_, role);
    expect_word(grant ? "TO" : "FROM", grant ? "expected TO after the role" : "expected FROM after the role");
    do {
      const Token arn = next();
      if (arn.kind != TokenKind::String) fail(arn, "expected an IAM principal ARN as a quoted string");
      else if (statement_.error.empty()) statement_.arns.push_back(string_value(text_, arn));
    } while (peek_comma());
    Token rest = next();
    if (rest.kind != TokenKind::Semicolon && rest.kind != TokenKind::End) fail(rest, "unexpected text after the ARN");
    while (rest.kind != TokenKind::Semicolon && rest.kind != TokenKind::End) rest = next();
    if (!statement_.error.empty()) statement_.kind = SyntaxKind::SyntaxError;
    return statement_;
  }

 private:
  /// The next token of this statement; the ';' that ends it is returned again and again.
  Token next() {
    if (ended_) return Token{TokenKind::Semicolon, Span{lexer_.position(), lexer_.position()}};
    const Token token = lexer_.next_significant();
    ended_ = token.kind == TokenKind::Semicolon || token.kind == TokenKind::End;
    if (!ended_) statement_.span.end = token.span.end;
    return token;
  }
  bool peek_comma() {
    if (ended_) return false;
    const uint32_t at = lexer_.position();
    const Token token = lexer_.next_significant();
    if (token.kind == TokenKind::Comma) return true;
    lexer_.seek(at);
    return false;
  }
  void expect_word(std::string_view word, std::string_view message) {
    const Token token = next();
    if (!is_word(text_, token, word)) fail(token, message);
  }
  void fail(const Token& token, std::string_view message) {
    if (!statement_.error.empty()) return;
    statement_.error = "syntax error in AWS IAM statement: " + std::string(message);
    statement_.error_offset = token.span.begin;
  }

  std::string_view text_;
  Lexer& lexer_;
  ParsedStatement statement_;
  bool ended_ = false;
};

/// The end of the line that starts at or contains `offset`, without a trailing '\r'.
uint32_t line_end(std::string_view text, uint32_t offset) {
  size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  while (end > offset && (text[end - 1] == '\r' || text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return static_cast<uint32_t>(end);
}

/// One pass over the tokens: psql meta-commands, ASYNC after CREATE [UNIQUE] INDEX or
/// ALTER TABLE, and AWS IAM statements.
void read_dsql_and_psql(PreparedText& out) {
  const std::string_view text(out.text);
  Lexer lexer(text);
  std::array<Token, 3> previous{};  // the last three significant tokens, newest first
  bool statement_start = true;
  for (Token token = lexer.next(); token.kind != TokenKind::End; token = lexer.next()) {
    if (token.is_comment()) continue;
    if (token.kind == TokenKind::Backslash) {
      const Span meta{token.span.begin, line_end(text, token.span.begin)};
      out.extra.push_back(ParsedStatement{.kind = SyntaxKind::PsqlMeta, .span = meta});
      lexer.seek(meta.end);
      continue;
    }
    if (token.kind == TokenKind::Semicolon) {
      statement_start = true;
      continue;
    }
    if (statement_start && is_word(text, token, "AWS")) {
      out.extra.push_back(AwsIamReader(text, lexer, token).read());
      continue;  // the reader consumed the statement and its ';'
    }
    const bool after_index = is_word(text, previous[0], "INDEX") &&
                             (is_word(text, previous[1], "CREATE") ||
                              (is_word(text, previous[1], "UNIQUE") && is_word(text, previous[2], "CREATE")));
    const bool after_table = is_word(text, previous[0], "TABLE") && is_word(text, previous[1], "ALTER");
    if (is_word(text, token, "ASYNC") && (after_index || after_table)) out.async_keywords.push_back(token.span);
    statement_start = false;
    previous = {token, previous[0], previous[1]};
  }
  for (const Span& span : out.async_keywords) blank(out.text, span);
  for (const ParsedStatement& statement : out.extra) blank(out.text, statement.span);
}

}  // namespace

PreparedText prepare_text(const SourceFile& file) {
  PreparedText out{file.text, {}, {}};
  blank(out.text, Span{0, file.bom_size});
  for (size_t at = out.text.find(kBreakpoint); at != std::string::npos; at = out.text.find(kBreakpoint, at)) {
    std::memset(out.text.data() + at, ' ', kBreakpoint.size());  // one line: no newline to keep
    out.text[at] = ';';
    at += kBreakpoint.size();
  }
  const std::string_view text(out.text);
  if (needs_lexing(text)) read_dsql_and_psql(out);
  return out;
}

}  // namespace dsqlint
