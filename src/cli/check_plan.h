#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cli/inputs.h"

namespace dsqlint {

/// One file in the order check reads it.
struct PlannedInput {
  InputFile input;
  /// false for history: a file before a named one in its migrations folder, linted and
  /// replayed so the named file sees the schema it left, but neither reported nor counted.
  bool reported = true;
  /// The catalog it is replayed into. Folders and files on their own share catalog 0, in
  /// command-line order; the named files of one migrations folder get a catalog of their own.
  size_t catalog = 0;
};

/// What check reads for the command line, and notes for stderr.
struct CheckPlan {
  std::vector<PlannedInput> inputs;
  size_t catalogs = 1;
  std::vector<std::string> notes;
};

/// Plans a check of `paths` ("-" is stdin, placed by `stdin_filename`). Folders are read
/// in apply order (folder_inputs). With `with_history`, every named file that lies in a
/// migrations folder (find_migrations_folder) comes after the files before it in that
/// folder's apply order, as history; a folder's named files are replayed once, together,
/// reported in apply order where the first of them was named. Stdin replaces the file its
/// name gives. Files in no folder, and all files without history, are checked as named.
CheckPlan plan_check(const std::vector<std::string>& paths, const std::string& stdin_filename, bool with_history);

/// The usage error for a command line that names a file both as a path and as stdin's
/// `stdin_filename`: stdin would take its place, or it stdin's, by argument order, and one
/// input would go unchecked. nullopt when no file is named twice so.
std::optional<std::string> stdin_named_twice(const std::vector<std::string>& paths, const std::string& stdin_filename);

/// Every input reported, one catalog: the plan of a folder for plan and apply.
std::vector<PlannedInput> plan_all_reported(const std::vector<InputFile>& inputs);

}  // namespace dsqlint
