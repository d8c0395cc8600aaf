#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/result.h"

namespace dsqlint {

/// A rule's setting in a config file: off, or a severity that replaces its own.
struct RuleSetting {
  bool off = false;
  std::optional<Severity> severity;
};

/// Rule settings for files matching some globs (`[[overrides]]`).
struct PathOverride {
  std::vector<std::string> globs;  ///< relative to the config file's folder
  std::map<std::string, RuleSetting, std::less<>> rules;
};

/// A `.dsqlint.toml`:
///   target = "dsql:2026-06-01"       fail-on = "error"       migrations = "db/migrations"
///   [rules]  create-index-sync = "off"  |  truncate = "error"
///   [[overrides]]  paths = ["seeds/**"]  rules = { truncate = "off" }
struct Config {
  std::filesystem::path file;  ///< empty for the built-in defaults
  std::optional<std::string> target;
  std::optional<std::string> fail_on;
  std::optional<std::filesystem::path> migrations;  ///< absolute
  std::map<std::string, RuleSetting, std::less<>> rules;
  std::vector<PathOverride> overrides;

  /// The setting of `rule` for a file, overrides applied in order after [rules].
  RuleSetting rule_setting(std::string_view rule, const std::filesystem::path& file) const;
};

/// Reads and validates a config file. Errors name the file, line and column, and suggest
/// the nearest known key, rule or value ("did you mean").
Result<Config> load_config(const std::filesystem::path& file);

/// The `.dsqlint.toml` that governs `start` (a file or folder): the nearest one walking up
/// from it, stopping after a folder that holds `.git`. Nullopt when there is none.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// Whether `path` matches a glob: `*` within a name, `**` across folders, `?` one character.
bool glob_match(std::string_view glob, std::string_view path);

}  // namespace dsqlint
