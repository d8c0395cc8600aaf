#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "lint/file_result.h"

namespace dsqlint {

/// A report is written as it goes: a beginning, each file as soon as it is checked (so
/// results need not all be held), and an end with the summary.
struct ReportState {
  std::string_view target;
  size_t files_written = 0;
};

struct Reporter {
  std::string_view name;
  std::string_view description;
  void (*begin)(const ReportState& state, std::string& out);
  void (*file)(const ReportState& state, const FileResult& file, std::string& out);
  void (*end)(const ReportState& state, const Summary& summary, std::string& out);
};

/// The output formats, from a table (ninja's way): text, json.
const std::vector<Reporter>& reporters();
const Reporter* find_reporter(std::string_view name);

void text_begin(const ReportState& state, std::string& out);
void text_file(const ReportState& state, const FileResult& file, std::string& out);
void text_end(const ReportState& state, const Summary& summary, std::string& out);
void json_begin(const ReportState& state, std::string& out);
void json_file(const ReportState& state, const FileResult& file, std::string& out);
void json_end(const ReportState& state, const Summary& summary, std::string& out);

/// A one-line preview of a statement in Mantle's style: whitespace squeezed, the inside
/// of parentheses shown as "...", long text cut.
std::string statement_preview(std::string_view sql);

}  // namespace dsqlint
