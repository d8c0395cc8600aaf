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

bool holds_other_sql_files(const fs::path& dir, const fs::path& name) {
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
    if (it->path().extension() == ".sql" && it->path().filename() != name && it->is_regular_file(error)) return true;
  return false;
}

/// Rule 4: walks up from above `dir` to the nearest Drizzle folder, within the repository.
std::optional<MigrationsFolder> enclosing_drizzle_folder(const fs::path& dir, const fs::path& name) {
  fs::path absolute = normal_absolute(dir);
  fs::path spelled = dir, relative = name;
  while (!fs::exists(absolute / ".git") && absolute != absolute.root_path()) {
    relative = absolute.filename() / relative;
    absolute = absolute.parent_path();
    spelled = spelled_parent(spelled);
    if (has_journal(absolute)) return MigrationsFolder{spelled.string(), relative.generic_string()};
  }
  return std::nullopt;
}

}  // namespace

std::optional<MigrationsFolder> find_migrations_folder(const std::string& file) {
  const fs::path path(file);
  const fs::path name = path.filename();
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (name.empty() || !fs::is_directory(dir)) return std::nullopt;
  if (has_journal(dir)) return MigrationsFolder{dir.string(), name.generic_string()};
  const std::string dir_name = normal_absolute(dir).filename().string();
  if (name == "migration.sql" && is_prisma_migration_dir(dir_name))
    return MigrationsFolder{spelled_parent(dir).string(), (fs::path(dir_name) / name).generic_string()};
  if (holds_other_sql_files(dir, name)) return MigrationsFolder{dir.string(), name.generic_string()};
  return enclosing_drizzle_folder(dir, name);
}

}  // namespace dsqlint
