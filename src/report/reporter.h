#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "lint/file_result.h"

namespace dsqlint {

/// What every reporter is given: the results of one run and how it was configured.
struct Report {
  std::string_view target;
  const std::vector<FileResult>& files;
  Summary summary;
};

/// Writes a report in one format into `out`.
using ReporterFunction = void (*)(const Report& report, std::string& out);

struct Reporter {
  std::string_view name;
  std::string_view description;
  ReporterFunction write;
};

/// The output formats, from a table (ninja's way): text, json.
const std::vector<Reporter>& reporters();
const Reporter* find_reporter(std::string_view name);

void write_text(const Report& report, std::string& out);
void write_json(const Report& report, std::string& out);

/// A one-line preview of a statement in Mantle's style: whitespace squeezed, the inside
/// of parentheses shown as "...", long text cut.
std::string statement_preview(std::string_view sql);

}  // namespace dsqlint
