#pragma once
#include <optional>
#include <string>

namespace dsqlint {

/// The migrations folder a named file belongs to, whose earlier files are its history.
struct MigrationsFolder {
  std::string folder;    ///< spelled from the file's own path, as a folder check would name it
  std::string relative;  ///< the file inside it, '/'-separated: how folder_inputs lists it
};

/// Finds the migrations folder of `file` (which need not exist yet: a buffer checked
/// through stdin): the folder whose check (folder_inputs) lists the file, so that the file
/// gets the history the folder check gives it. In this order:
///   1. the nearest directory, the file's own or one above, holding Drizzle's
///      meta/_journal.json, not looking past a directory that holds `.git`, nor past the root;
///   2. `<folder>` when the file is Prisma's `<folder>/<digits>_<name>/migration.sql`;
///   3. the outermost directory that holds other migrations — .sql files of its own or in
///      numbered folders (named by a year, a version: a name beginning with a digit) — of
///      the file's own directory and those above the numbered folders it lies in, climbing
///      no further than the first folder that is not numbered or holds `.git`.
/// nullopt: the file is on its own and is checked alone.
std::optional<MigrationsFolder> find_migrations_folder(const std::string& file);

}  // namespace dsqlint
