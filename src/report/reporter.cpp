#include "report/reporter.h"

namespace dsqlint {

const std::vector<Reporter>& reporters() {
  static const std::vector<Reporter> table{
      {"text", "Mantle-style verdict per statement, findings as path:line:col lines", &text_begin, &text_file, &text_end},
      {"json", "machine-readable results, version 1 (design.md)", &json_begin, &json_file, &json_end},
  };
  return table;
}

const Reporter* find_reporter(std::string_view name) {
  for (const Reporter& reporter : reporters())
    if (reporter.name == name) return &reporter;
  return nullptr;
}

}  // namespace dsqlint
