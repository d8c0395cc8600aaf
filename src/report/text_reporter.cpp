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

/// ANSI colours for the words a reader scans for: severities and classes.
constexpr std::string_view kReset = "\x1b[0m";

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;33m";
    case Severity::Info: return "\x1b[1;36m";
  }
  return "";
}

std::string_view class_color(StatementClass klass) {
  switch (klass) {
    case StatementClass::Ok: return "\x1b[32m";
    case StatementClass::Index: return "\x1b[36m";
    case StatementClass::Rewrite: return "\x1b[33m";
    case StatementClass::Recreation: return "\x1b[35m";
    case StatementClass::Strip: return "\x1b[1;33m";
    case StatementClass::Unsupported: return "\x1b[1;31m";
  }
  return "";
}

void write_colored(std::string_view word, std::string_view color, bool colored, std::string& out) {
  if (!colored) {
    out += word;
    return;
  }
  out += color;
  out += word;
  out += kReset;
}

void write_location(const FileResult& file, uint32_t offset, std::string& out) {
  const Position at = file.position(offset);
  fmt::format_to(std::back_inserter(out), "{}:{}:{}", file.source.path, at.line, at.column);
}

void write_finding(const FileResult& file, const Finding& finding, bool colored, std::string& out) {
  out += "  ";
  write_location(file, finding.span.begin, out);
  out += ": ";
  write_colored(severity_name(finding.severity), severity_color(finding.severity), colored, out);
  fmt::format_to(std::back_inserter(out), ": {} [{}]\n", finding.message, finding.rule);
  if (!finding.help.empty()) fmt::format_to(std::back_inserter(out), "    help: {}\n", finding.help);
}

void write_file(const FileResult& file, bool colored, std::string& out) {
  out += file.source.path;
  out += '\n';
  for (const FileError& error : file.errors) {
    if (error.kind == "parse") continue;  // shown with its statement
    out += "  ";
    if (error.span) write_location(file, error.span->begin, out);
    else out += file.source.path;
    out += ": ";
    write_colored("error", severity_color(Severity::Error), colored, out);
    fmt::format_to(std::back_inserter(out), ": {}\n", error.message);
  }
  for (const StatementResult& statement : file.statements) {
    fmt::format_to(std::back_inserter(out), "[{}] ", statement.index);
    write_colored(class_name(statement.klass), class_color(statement.klass), colored, out);
    fmt::format_to(std::back_inserter(out), " {}{}\n", statement_preview(file.source.slice(statement.span)),
                   class_suffix(statement.klass));
    for (const Finding& finding : statement.findings)
      if (!finding.suppressed) write_finding(file, finding, colored, out);  // JSON and SARIF keep them
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

void text_begin(ReportState&, std::string&) {}

void text_file(ReportState& state, const FileResult& file, std::string& out) { write_file(file, state.color, out); }

void text_end(ReportState&, const Summary& s, std::string& out) {
  fmt::format_to(std::back_inserter(out),
                 "Summary:\nTotal: {} | Compatible: {} | Index (ASYNC): {} | Stripped: {} | Rewritten: {} | "
                 "Recreated: {} | Unsupported: {}",
                 s.total, s.ok, s.index, s.strip, s.rewrite, s.recreation, s.unsupported);
  if (s.parse_errors > 0) fmt::format_to(std::back_inserter(out), " | Parse errors: {}", s.parse_errors);
  out += '\n';
}

}  // namespace dsqlint
