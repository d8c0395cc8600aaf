#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "config/config.h"
#include "core/result.h"
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

/// The command line's settings; empty strings were not given, so the config decides.
struct SettingsRequest {
  std::string config;  ///< --config: one file for every input, no lookup
  std::string target;
  std::string fail_on;
};

/// How one input is checked: its target and fail-on threshold (command line over config
/// over defaults) and the config that governs it.
struct FileSettings {
  TargetProfile target;
  std::optional<Severity> threshold;
  std::shared_ptr<const Config> config;  ///< null when no config governs the file
};

/// The lowest severity that fails the run, or nullopt for "never".
std::optional<Severity> parse_fail_on(const std::string& text, bool& valid);

/// Whether a finding at or above the threshold is left after suppressions.
bool fails(const FileResult& file, std::optional<Severity> threshold);

/// Settings for every input: the nearest `.dsqlint.toml` walking up from each file (from
/// --stdin-filename for stdin), or the --config file. A bad config is an error.
Result<std::vector<FileSettings>> resolve_settings(const std::vector<InputFile>& inputs, const SettingsRequest& request);

/// What to check when no path is given: the `migrations` folder of the config that governs
/// the working directory, else ./migrations.
Result<std::vector<std::string>> default_paths(const SettingsRequest& request);

/// Applies the config's [rules] and [[overrides]] to a checked file: a rule set to "off" is
/// hidden like a suppression (kind "config"; the class is a fact about DSQL and stays), a
/// severity replaces the rule's own.
void apply_rule_settings(FileResult& file, const Config& config);

}  // namespace dsqlint
