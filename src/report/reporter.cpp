#include "report/reporter.h"

namespace dsqlint {

const std::vector<Reporter>& reporters() {
  static const std::vector<Reporter> table{
      {"text", "Mantle-style verdict per statement, findings as path:line:col lines", &write_text},
      {"json", "machine-readable results, version 1 (design.md)", &write_json},
  };
  return table;
}

const Reporter* find_reporter(std::string_view name) {
  for (const Reporter& reporter : reporters())
    if (reporter.name == name) return &reporter;
  return nullptr;
}

}  // namespace dsqlint
