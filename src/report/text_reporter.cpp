#include <fmt/format.h>

#include "core/utf8.h"
#include "report/reporter.h"

namespace dsqlint {

namespace {

constexpr size_t kPreviewWidth = 80;

std::string_view class_suffix(StatementClass klass) {
  switch (klass) {
    case StatementClass::Ok: return "";
    case StatementClass::Index: return " (will use CREATE INDEX ASYNC)";
    case StatementClass::Rewrite: return " (will be rewritten)";
    case StatementClass::Strip: return " (not supported by DSQL)";
    case StatementClass::Recreation: return " (table will be recreated)";
    case StatementClass::Unsupported: return " (cannot run on DSQL)";
  }
  return "";
}

void write_location(const FileResult& file, uint32_t offset, std::string& out) {
  const Position at = file.position(offset);
  fmt::format_to(std::back_inserter(out), "{}:{}:{}", file.source.path, at.line, at.column);
}

void write_finding(const FileResult& file, const Finding& finding, std::string& out) {
  out += "  ";
  write_location(file, finding.span.begin, out);
  fmt::format_to(std::back_inserter(out), ": {}: {} [{}]\n", severity_name(finding.severity), finding.message,
                 finding.rule);
  if (!finding.help.empty()) fmt::format_to(std::back_inserter(out), "    help: {}\n", finding.help);
}

void write_file(const FileResult& file, std::string& out) {
  out += file.source.path;
  out += '\n';
  for (const FileError& error : file.errors) {
    if (error.kind == "parse") continue;  // shown with its statement
    out += "  ";
    if (error.span) write_location(file, error.span->begin, out);
    else out += file.source.path;
    fmt::format_to(std::back_inserter(out), ": error: {}\n", error.message);
  }
  for (const StatementResult& statement : file.statements) {
    fmt::format_to(std::back_inserter(out), "[{}] {} {}{}\n", statement.index, class_name(statement.klass),
                   statement_preview(file.source.slice(statement.span)), class_suffix(statement.klass));
    for (const Finding& finding : statement.findings) write_finding(file, finding, out);
  }
}

}  // namespace

std::string statement_preview(std::string_view sql) {
  std::string out;
  int depth = 0;
  char quote = 0;  // inside '...' or "...": parentheses there are text
  bool space = false;
  for (char c : sql) {
    if (!quote && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      space = !out.empty();
      continue;
    }
    if (quote && c == quote) quote = 0;
    else if (!quote && (c == '\'' || c == '"')) quote = c;
    if (!quote && c == ')' && depth > 0 && --depth == 0) {
      out += ")";
      space = false;
      continue;
    }
    if (depth > 0) {
      if (!quote && c == '(') ++depth;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (!quote && c == '(') {
      ++depth;
      out += "...";
    }
  }
  if (depth > 0) out += ")";
  // Cut at kPreviewWidth characters (not bytes), so non-ASCII SQL is not cut shorter.
  size_t characters = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (++characters > kPreviewWidth - 3 && count_code_points(std::string_view(out).substr(i)) > 3) {
      out.resize(i);
      out += "...";
      break;
    }
  }
  return out;
}

void text_begin(const ReportState&, std::string&) {}

void text_file(const ReportState&, const FileResult& file, std::string& out) { write_file(file, out); }

void text_end(const ReportState&, const Summary& s, std::string& out) {
  fmt::format_to(std::back_inserter(out),
                 "Summary:\nTotal: {} | Compatible: {} | Index (ASYNC): {} | Stripped: {} | Rewritten: {} | "
                 "Recreated: {} | Unsupported: {}",
                 s.total, s.ok, s.index, s.strip, s.rewrite, s.recreation, s.unsupported);
  if (s.parse_errors > 0) fmt::format_to(std::back_inserter(out), " | Parse errors: {}", s.parse_errors);
  out += '\n';
}

}  // namespace dsqlint
