#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/exit_code.h"
#include "cli/check_plan.h"
#include "cli/file_settings.h"
#include "cli/history_cache.h"
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
  /// Check named files alone, without replaying the files before them in their folder.
  bool no_history = false;
  CacheSettings cache;  ///< where the replayed history is kept between runs
};

/// Runs `dsqlint check`: reads, lints and reports every input; returns the exit code.
ExitCode run_check(const CheckOptions& options);

/// Lints every planned input with its settings on up to `jobs` threads, replays each into
/// its catalog (of `catalogs`) in plan order, then suppresses and hands the reported ones
/// to `consume`, in plan order. With a `cache`, the history before a catalog's first
/// reported file is taken from it when it holds that history, and stored there when not.
void check_planned(const std::vector<PlannedInput>& inputs, size_t catalogs, const std::vector<FileSettings>& settings,
                   unsigned jobs, const std::function<void(FileResult&&, const FileSettings&)>& consume,
                   HistoryCache* cache = nullptr);

/// Lints, replays (into one catalog) and suppresses every input with its settings, on up
/// to `jobs` threads, handing each result to `consume` in input order.
void check_files(const std::vector<InputFile>& inputs, const std::vector<FileSettings>& settings, unsigned jobs,
                 const std::function<void(FileResult&&, const FileSettings&)>& consume);

/// Lints the inputs as check plans them (with history) on up to `jobs` threads and hands
/// each reported result to `consume` in plan order, as soon as it and every earlier one
/// are ready; nothing is kept afterwards.
void check_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename,
                  const TargetProfile& target, unsigned jobs, const std::function<void(FileResult&&)>& consume);

}  // namespace dsqlint
