#pragma once

namespace dsqlint {

/// Process exit codes shared by every command (design.md "Exit codes").
enum class ExitCode : int {
  kClean = 0,     ///< nothing at or above --fail-on
  kFindings = 1,  ///< findings at or above --fail-on
  kUsage = 2,     ///< usage, configuration or input error
};

}  // namespace dsqlint
