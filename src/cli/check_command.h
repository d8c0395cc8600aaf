#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/exit_code.h"
#include "cli/file_settings.h"
#include "cli/inputs.h"
#include "core/finding.h"
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

struct CheckOptions {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  ///< FMT or FMT=FILE, repeatable; text on stdout when none
  std::string output;  ///< the file of the one bare FMT; stdout when empty
  std::string color = "auto";  ///< auto | always | never (text only)
  std::string config;                ///< --config FILE instead of looking for .dsqlint.toml
  std::string target;                ///< empty: the config's, else dsql
  std::string stdin_filename;
  std::string fail_on;               ///< info | warning | error | never; empty: the config's, else warning
  unsigned jobs = 1;
  std::string baseline;        ///< hide the findings recorded in this file
  std::string write_baseline;  ///< record every current finding in this file, then exit 0
};

/// Runs `dsqlint check`: reads, lints and reports every input; returns the exit code.
ExitCode run_check(const CheckOptions& options);

/// Lints, replays and suppresses every input with its settings, on up to `jobs` threads,
/// handing each result to `consume` in input order.
void check_files(const std::vector<InputFile>& inputs, const std::vector<FileSettings>& settings, unsigned jobs,
                 const std::function<void(FileResult&&, const FileSettings&)>& consume);

/// Lints every input on up to `jobs` threads and hands each result to `consume` in input
/// order, as soon as it and every earlier one are ready; nothing is kept afterwards.
void check_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename,
                  const TargetProfile& target, unsigned jobs, const std::function<void(FileResult&&)>& consume);


}  // namespace dsqlint
