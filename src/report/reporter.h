#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lint/file_result.h"

namespace dsqlint {

/// What a reporter keeps between begin and end besides the text it wrote (SARIF collects
/// the rules that fired and the input errors).
struct ReporterScratch {
  virtual ~ReporterScratch() = default;
};

/// A report is written as it goes: a beginning, each file as soon as it is checked (so
/// results need not all be held), and an end with the summary. One state per output, so
/// several reports (text on the terminal, SARIF to a file) come from one lint.
struct ReportState {
  std::string_view target;
  size_t files_written = 0;
  bool color = false;  ///< ANSI colour: only the text format, only when asked or on a terminal
  std::unique_ptr<ReporterScratch> scratch;
};

struct Reporter {
  std::string_view name;
  std::string_view description;
  void (*begin)(ReportState& state, std::string& out);
  void (*file)(ReportState& state, const FileResult& file, std::string& out);
  void (*end)(ReportState& state, const Summary& summary, std::string& out);
  bool colors = false;  ///< whether the format can be coloured (machine formats never are)
};

/// The output formats, from a table (ninja's way): text, json, sarif, gcc, github.
const std::vector<Reporter>& reporters();
const Reporter* find_reporter(std::string_view name);
/// "text | json | ...", for help and error messages.
std::string reporter_names();

void text_begin(ReportState& state, std::string& out);
void text_file(ReportState& state, const FileResult& file, std::string& out);
void text_end(ReportState& state, const Summary& summary, std::string& out);
void json_begin(ReportState& state, std::string& out);
void json_file(ReportState& state, const FileResult& file, std::string& out);
void json_end(ReportState& state, const Summary& summary, std::string& out);
void sarif_begin(ReportState& state, std::string& out);
void sarif_file(ReportState& state, const FileResult& file, std::string& out);
void sarif_end(ReportState& state, const Summary& summary, std::string& out);
void gcc_file(ReportState& state, const FileResult& file, std::string& out);
void github_file(ReportState& state, const FileResult& file, std::string& out);

/// An input error's message without the file name some messages start with ("path: ..."),
/// for formats that put the path in a field of its own.
std::string_view error_text(const FileResult& file, const FileError& error);
/// The id reported for a file-level input error: "io-error" or "encoding-error".
std::string_view error_id(const FileError& error);

/// A one-line preview of a statement in Mantle's style: whitespace squeezed, the inside
/// of parentheses shown as "...", long text cut.
std::string statement_preview(std::string_view sql);

}  // namespace dsqlint
