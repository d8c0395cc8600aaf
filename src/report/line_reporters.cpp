// The one-line-per-finding formats: gcc-style lines for editors and problem matchers, and
// GitHub Actions workflow commands. Both print input errors (io, encoding) as lines too;
// a syntax error is already a finding of the syntax-error rule. Suppressed findings are
// left out, as in the text report.
#include <fmt/format.h>

#include "report/reporter.h"

namespace dsqlint {

namespace {

/// gcc's word for a severity; problem matchers know error, warning and note.
std::string_view gcc_severity(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "note";
}

/// The workflow command for a severity: ::error, ::warning or ::notice.
std::string_view github_command(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "notice";
}

/// Appends `text` on one line: a line break would start a new (unparseable) diagnostic.
void append_one_line(std::string& out, std::string_view text) {
  for (const char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
}

void gcc_line(const FileResult& file, Position at, std::string_view severity, std::string_view message,
              std::string_view id, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{}:{}:{}: {}: ", file.source.path, at.line, at.column, severity);
  append_one_line(out, message);
  fmt::format_to(std::back_inserter(out), " [{}]\n", id);
}

/// GitHub's escaping of a command's message: %, CR and LF.
void append_github_data(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
}

/// GitHub's escaping of a property value: as the message, plus ':' and ','.
void append_github_property(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: append_github_data(out, std::string_view(&c, 1));
    }
  }
}

struct Annotation {
  std::string_view command;
  Position begin, end;
  std::string_view id;
  std::string_view message;
  std::string_view help;
};

void github_line(const FileResult& file, const Annotation& a, std::string& out) {
  out += "::";
  out += a.command;
  out += " file=";
  append_github_property(out, file.source.path);
  fmt::format_to(std::back_inserter(out), ",line={},col={},endLine={},endColumn={},title=", a.begin.line,
                 a.begin.column, a.end.line, a.end.column);
  append_github_property(out, fmt::format("dsqlint ({})", a.id));
  out += "::";
  append_github_data(out, a.message);
  if (!a.help.empty()) {
    append_github_data(out, "\nhelp: ");
    append_github_data(out, a.help);
  }
  out += '\n';
}

}  // namespace

void gcc_file(ReportState&, const FileResult& file, std::string& out) {
  for (const FileError& error : file.errors) {
    if (error.kind == "parse") continue;
    const Position at = error.span ? file.position(error.span->begin) : Position{};
    gcc_line(file, at, "error", error_text(file, error), error_id(error), out);
  }
  for (const StatementResult& statement : file.statements) {
    for (const Finding& finding : statement.findings) {
      if (finding.suppressed) continue;
      gcc_line(file, file.position(finding.span.begin), gcc_severity(finding.severity), finding.message, finding.rule,
               out);
    }
  }
}

void github_file(ReportState&, const FileResult& file, std::string& out) {
  for (const FileError& error : file.errors) {
    if (error.kind == "parse") continue;
    const Position at = error.span ? file.position(error.span->begin) : Position{};
    github_line(file, {"error", at, at, error_id(error), error_text(file, error), ""}, out);
  }
  for (const StatementResult& statement : file.statements) {
    for (const Finding& finding : statement.findings) {
      if (finding.suppressed) continue;
      github_line(file,
                  {github_command(finding.severity), file.position(finding.span.begin),
                   file.position(finding.span.end), finding.rule, finding.message, finding.help},
                  out);
    }
  }
}

}  // namespace dsqlint
