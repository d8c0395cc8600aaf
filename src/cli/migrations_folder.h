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
/// through stdin), nearest first:
///   1. the file's own directory, when it holds Drizzle's meta/_journal.json;
///   2. `<folder>` when the file is Prisma's `<folder>/<digits>_<name>/migration.sql`;
///   3. the file's own directory, when it holds other .sql files;
///   4. the nearest directory above holding meta/_journal.json, not looking past a
///      directory that holds `.git`, nor past the root.
/// nullopt: the file is on its own and is checked alone.
std::optional<MigrationsFolder> find_migrations_folder(const std::string& file);

}  // namespace dsqlint
