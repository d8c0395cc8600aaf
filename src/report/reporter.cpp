#include "report/reporter.h"

namespace dsqlint {

namespace {

void nothing(ReportState&, std::string&) {}
void nothing_at_end(ReportState&, const Summary&, std::string&) {}

}  // namespace

const std::vector<Reporter>& reporters() {
  static const std::vector<Reporter> table{
      {"text", "Mantle-style verdict per statement, findings as path:line:col lines", &text_begin, &text_file, &text_end,
       true},
      {"json", "machine-readable results, version 1 (design.md)", &json_begin, &json_file, &json_end},
      {"sarif", "SARIF 2.1.0 for GitHub code scanning (one run)", &sarif_begin, &sarif_file, &sarif_end},
      {"gcc", "path:line:col: error|warning|note: message [rule], one finding a line, for editors", &nothing,
       &gcc_file, &nothing_at_end},
      {"github", "GitHub Actions workflow commands (::error file=...::message), annotations on the PR", &nothing,
       &github_file, &nothing_at_end},
  };
  return table;
}

const Reporter* find_reporter(std::string_view name) {
  for (const Reporter& reporter : reporters())
    if (reporter.name == name) return &reporter;
  return nullptr;
}

std::string reporter_names() {
  std::string names;
  for (const Reporter& reporter : reporters()) {
    if (!names.empty()) names += " | ";
    names += reporter.name;
  }
  return names;
}

std::string_view error_text(const FileResult& file, const FileError& error) {
  std::string_view text = error.message;
  const std::string& path = file.source.path;
  if (text.size() > path.size() + 2 && text.starts_with(path) && text.substr(path.size(), 2) == ": ")
    text.remove_prefix(path.size() + 2);
  return text;
}

std::string_view error_id(const FileError& error) {
  return error.kind == "encoding" ? "encoding-error" : error.kind == "parse" ? "syntax-error" : "io-error";
}

}  // namespace dsqlint
