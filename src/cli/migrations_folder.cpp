#include "cli/migrations_folder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

/// Anything at the journal's place, even what cannot be read: folder_inputs reports it.
bool has_journal(const fs::path& dir) {
  std::error_code error;
  return fs::exists(dir / "meta" / "_journal.json", error) || error;
}

/// `dir` as an absolute path without "." or ".." and without a trailing separator, so
/// that filename() is the directory's own name.
fs::path normal_absolute(const fs::path& dir) {
  fs::path out = fs::absolute(dir).lexically_normal();
  if (!out.has_filename() && out != out.root_path()) out = out.parent_path();
  return out;
}

/// The directory above `dir`, spelled on from `dir` so that paths under it read as the
/// user wrote them ("db/migrations" -> "db", "." -> "..").
fs::path spelled_parent(const fs::path& dir) {
  const fs::path name = dir.filename();
  if (dir.empty() || name == "." || name == "..") return dir.empty() || dir == "." ? fs::path("..") : dir / "..";
  return dir.has_parent_path() ? dir.parent_path() : fs::path(".");
}

/// Prisma names each migration's folder `<timestamp>_<name>`.
bool is_prisma_migration_dir(const std::string& name) {
  const auto digits_end = std::find_if(name.begin(), name.end(), [](unsigned char c) { return !std::isdigit(c); });
  return digits_end != name.begin() && digits_end != name.end() && *digits_end == '_';
}

/// A folder named by a number — a year, a version, a timestamp — is one part of the
/// migrations folder above it, as Prisma's `<timestamp>_<name>` folders are.
bool is_numbered(const fs::path& name) {
  const std::string text = name.string();
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front()));
}

/// Whether `dir` holds migrations besides its entry `except`: .sql files of its own, or
/// numbered folders that hold some. Links to folders are not followed, as folder_inputs
/// follows none, so the search ends.
bool holds_other_migrations(const fs::path& dir, const fs::path& except) {
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const fs::path name = it->path().filename();
    if (name == except) continue;
    std::error_code ignored;
    if (it->symlink_status(ignored).type() == fs::file_type::directory) {
      if (is_numbered(name) && holds_other_migrations(it->path(), {})) return true;
    } else if (name.extension() == ".sql" && it->is_regular_file(ignored)) {
      return true;
    }
  }
  return false;
}

bool holds_git(const fs::path& dir) {
  std::error_code ignored;
  return fs::exists(dir / ".git", ignored);
}

/// Rule 1: the nearest Drizzle folder, the file's own or one above, within the repository.
std::optional<MigrationsFolder> drizzle_folder(const fs::path& dir, const fs::path& name) {
  fs::path absolute = normal_absolute(dir);
  fs::path spelled = dir, relative = name;
  while (!has_journal(absolute)) {
    if (holds_git(absolute) || absolute == absolute.root_path()) return std::nullopt;
    relative = absolute.filename() / relative;
    absolute = absolute.parent_path();
    spelled = spelled_parent(spelled);
  }
  return MigrationsFolder{spelled.string(), relative.generic_string()};
}

/// Rule 3: climbs from `dir` through numbered folders, to the first folder that is not
/// numbered or holds `.git`, and keeps the outermost that holds other migrations than the
/// way up. Reads only those folders and their numbered folders.
std::optional<MigrationsFolder> numbered_folder(const fs::path& dir, const fs::path& name) {
  fs::path absolute = normal_absolute(dir);
  fs::path spelled = dir, relative = name;
  std::optional<MigrationsFolder> found;
  if (holds_other_migrations(absolute, name)) found = MigrationsFolder{spelled.string(), relative.generic_string()};
  while (is_numbered(absolute.filename()) && !holds_git(absolute)) {
    const fs::path child = absolute.filename();
    relative = child / relative;
    absolute = absolute.parent_path();
    spelled = spelled_parent(spelled);
    if (holds_other_migrations(absolute, child)) found = MigrationsFolder{spelled.string(), relative.generic_string()};
  }
  return found;
}

}  // namespace

std::optional<MigrationsFolder> find_migrations_folder(const std::string& file) {
  const fs::path path(file);
  const fs::path name = path.filename();
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (name.empty() || !fs::is_directory(dir)) return std::nullopt;
  if (auto drizzle = drizzle_folder(dir, name)) return drizzle;
  const std::string dir_name = normal_absolute(dir).filename().string();
  if (name == "migration.sql" && is_prisma_migration_dir(dir_name))
    return MigrationsFolder{spelled_parent(dir).string(), (fs::path(dir_name) / name).generic_string()};
  return numbered_folder(dir, name);
}

}  // namespace dsqlint
