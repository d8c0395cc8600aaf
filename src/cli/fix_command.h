#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/exit_code.h"
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

struct FixOptions {
  std::vector<std::string> paths;
  std::string config;  ///< --config: one file for every input instead of the nearest .dsqlint.toml
  std::string target;  ///< empty: the config's, else dsql
  std::string stdin_filename;
  std::string fail_on;  ///< what may remain after fixing: info | warning | error | never (empty: the config's, else warning)
  bool unsafe_fixes = false;        ///< also apply Unsafe fixes (DisplayOnly never)
  bool diff = false;                ///< print a unified diff instead of writing
};

/// Fix passes per file: a fix can reveal another (or lose an overlap), so the file is
/// linted and fixed again until nothing fixable is left, at most this often.
inline constexpr int kMaxFixPasses = 10;

/// What fixing one file came to.
struct FixOutcome {
  FileResult result;         ///< the final text (result.source.text) and what remains in it
  size_t fixed = 0;          ///< fixes applied over all passes
  int passes = 0;            ///< passes that changed the text
  bool broke_syntax = false; ///< a pass made a statement unparsable, so it was dropped
};

/// Applies the first allowed fix of every finding of `source` (Safe, and Unsafe when
/// `unsafe_fixes`): edits in place, follow-up statements as new statements after the
/// fixed one (Drizzle breakpoints kept, the file's line end used). Overlapping fixes wait
/// for the next pass.
/// With `config`, a rule it turns off is neither fixed nor counted.
FixOutcome fix_source(const SourceFile& source, const TargetProfile& target, bool unsafe_fixes,
                      const Config* config = nullptr);

/// Replaces the file at `path` (symlinks followed) by `content`: a temporary file in the
/// same directory, written, fsynced and renamed over it, keeping its permissions.
/// Returns an error message, or nullopt on success.
std::optional<std::string> write_file_atomically(const std::string& path, std::string_view content);

/// Runs `dsqlint fix`: fixes every input in place (or prints a diff); returns the exit code.
ExitCode run_fix(const FixOptions& options);

}  // namespace dsqlint
