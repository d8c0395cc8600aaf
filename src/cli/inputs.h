#pragma once
#include <string>
#include <vector>

#include "core/result.h"

namespace dsqlint {

/// One file to check: where to read it and what to call it in reports.
struct InputFile {
  std::string path;          ///< a file path, or "-" for standard input
  std::string display_path;  ///< the path as shown (--stdin-filename for "-")
  std::string problem;       ///< set when the input cannot be read at all (missing path ...)
};

/// Expands the command line's paths into files, in apply order. A folder with Drizzle's
/// meta/_journal.json lists its journal's migrations first, in journal order, then any
/// other .sql files; other folders are read in name order, subfolders included.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename);

}  // namespace dsqlint
