#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/exit_code.h"
#include "core/finding.h"
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;  ///< file to write the report to; stdout when empty
  std::string target = "dsql";
  std::string stdin_filename;
  std::string fail_on = "warning";  ///< info | warning | error | never
  unsigned jobs = 1;
};

/// Runs `dsqlint check`: reads, lints and reports every input; returns the exit code.
ExitCode run_check(const CheckOptions& options);

/// Lints every input on up to `jobs` threads and hands each result to `consume` in input
/// order, as soon as it and every earlier one are ready; nothing is kept afterwards.
void check_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename,
                  const TargetProfile& target, unsigned jobs, const std::function<void(FileResult&&)>& consume);

/// The lowest severity that fails the run, or nullopt for "never".
std::optional<Severity> parse_fail_on(const std::string& text, bool& valid);

}  // namespace dsqlint
