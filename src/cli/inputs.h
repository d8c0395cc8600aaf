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

/// Expands the command line's paths into files, in apply order (folder_inputs for each
/// folder); "-" is standard input, named `stdin_filename`.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename);

/// The .sql files of one migrations folder, subfolders included, in apply order: the one
/// definition that check, fix, plan and apply share. With Drizzle's meta/_journal.json the
/// journal's migrations come first, in journal order, then any other .sql files; all else
/// is in name order, compared folder by folder, so Prisma's `<timestamp>_<name>/migration.sql`
/// folders run in the order of their names. `assumed` (paths relative to the folder) are
/// placed where they would be if they were among the folder's files: a buffer not yet
/// saved, a named file without the .sql extension. A folder that cannot be listed, or a
/// journal that cannot be read, gives one input with a problem.
std::vector<InputFile> folder_inputs(const std::string& folder, const std::vector<std::string>& assumed = {});

/// `folder/name`, spelled as the folder is: how folder_inputs names its files.
std::string join_path(const std::string& folder, const std::string& name);

}  // namespace dsqlint
