#include "cli/inputs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <system_error>

#include "core/source_file.h"

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

/// Name order, folder by folder: `1_a/migration.sql` before `1_a-b/migration.sql`, as
/// Prisma orders its migration folders, although '-' sorts before '/' in a plain string.
/// A '/' ends a name, so it sorts before every other byte.
bool in_name_order(const std::string& a, const std::string& b) {
  const size_t common = std::min(a.size(), b.size());
  for (size_t i = 0; i < common; ++i) {
    if (a[i] == b[i]) continue;
    if (a[i] == '/' || b[i] == '/') return a[i] == '/';
    return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

/// The migration tags of meta/_journal.json in journal order, or an error message: the
/// read error itself when it cannot be read (a folder, no permission), not a parse error.
Result<std::vector<std::string>> journal_tags(const fs::path& journal) {
  const auto bytes = read_file_bytes(journal.string());
  if (!bytes) {
    std::string_view reason = bytes.error().message;  // "<path>: <why>"
    if (reason.starts_with(journal.string() + ": ")) reason.remove_prefix(journal.string().size() + 2);
    return Error{journal.string() + ": cannot read the Drizzle journal: " + std::string(reason)};
  }
  const nlohmann::json doc = nlohmann::json::parse(*bytes, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array())
    return Error{journal.string() + ": not a Drizzle journal (expected an object with an \"entries\" array)"};
  std::vector<std::pair<long, std::string>> entries;
  for (const auto& entry : doc["entries"]) {
    if (!entry.is_object() || !entry.contains("tag") || !entry["tag"].is_string())
      return Error{journal.string() + ": an entry has no \"tag\" string"};
    const long idx = entry.contains("idx") && entry["idx"].is_number_integer() ? entry["idx"].get<long>()
                                                                                 : static_cast<long>(entries.size());
    entries.emplace_back(idx, entry["tag"].get<std::string>());
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> tags;
  for (auto& [idx, tag] : entries) tags.push_back(std::move(tag));
  return tags;
}

/// Adds the .sql files under the open directory `dir` to `found`, named `prefix` + their
/// path below it; false when a folder cannot be read. POSIX calls rather than
/// std::filesystem: an editor's save lists a 2,000-file folder, and a path object per entry
/// cost more than the kernel's listing. Like recursive_directory_iterator, it does not
/// follow links to folders, and takes links to files.
bool list_sql_files(DIR* dir, const std::string& prefix, std::vector<std::string>& found) {
  const int fd = ::dirfd(dir);
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = entry->d_type;
    struct stat info {};
    if (type == DT_UNKNOWN && ::fstatat(fd, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0)
      type = S_ISDIR(info.st_mode) ? DT_DIR : S_ISLNK(info.st_mode) ? DT_LNK : S_ISREG(info.st_mode) ? DT_REG : 0;
    if (type == DT_DIR) {
      const int child = ::openat(fd, entry->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      DIR* sub = child >= 0 ? ::fdopendir(child) : nullptr;
      if (!sub) {
        if (child >= 0) ::close(child);
        return false;
      }
      const bool listed = list_sql_files(sub, prefix + std::string(name) + "/", found);
      ::closedir(sub);
      if (!listed) return false;
      continue;
    }
    if (!name.ends_with(".sql") || name == ".sql") continue;  // ".sql" alone has no extension
    if (type == DT_LNK && !(::fstatat(fd, entry->d_name, &info, 0) == 0 && S_ISREG(info.st_mode))) continue;
    if (type == DT_REG || type == DT_LNK) found.push_back(prefix + std::string(name));
  }
  return true;
}

/// Every .sql file under `folder`, relative to it, plus the assumed ones, in name order.
Result<std::vector<std::string>> sql_files(const std::string& folder, const std::vector<std::string>& assumed) {
  std::vector<std::string> files(assumed.begin(), assumed.end());
  DIR* dir = ::opendir(folder.c_str());
  const bool listed = dir && list_sql_files(dir, "", files);
  const int error = errno;
  if (dir) ::closedir(dir);
  if (!listed) return Error{folder + ": cannot list folder: " + std::generic_category().message(error)};
  std::sort(files.begin(), files.end(), in_name_order);
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace

std::string join_path(const std::string& folder, const std::string& name) {
  if (folder.empty() || folder.ends_with('/')) return folder + name;
  return folder + "/" + name;
}

std::vector<InputFile> folder_inputs(const std::string& folder, const std::vector<std::string>& assumed) {
  const auto files = sql_files(folder, assumed);
  if (!files) return {InputFile{folder, folder, files.error().message}};
  std::vector<InputFile> out;
  std::set<std::string> listed;
  const fs::path journal = fs::path(folder) / "meta" / "_journal.json";
  std::error_code error;  // anything there, or what cannot be looked at, is read and reported
  if (fs::exists(journal, error) || error) {
    auto tags = journal_tags(journal);
    if (!tags) return {InputFile{journal.string(), journal.string(), tags.error().message}};
    for (const std::string& tag : *tags) {
      const std::string name = tag + ".sql";
      listed.insert(name);
      const std::string path = join_path(folder, name);
      const bool present = std::binary_search(files->begin(), files->end(), name, in_name_order);
      out.push_back(InputFile{path, path, present ? "" : path + ": listed in meta/_journal.json but missing"});
    }
  }
  for (const std::string& name : *files)
    if (!listed.contains(name)) out.push_back(InputFile{join_path(folder, name), join_path(folder, name), ""});
  return out;
}

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename) {
  std::vector<InputFile> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back(InputFile{"-", stdin_filename.empty() ? "<stdin>" : stdin_filename, ""});
    } else if (fs::is_directory(path)) {
      for (InputFile& input : folder_inputs(path)) out.push_back(std::move(input));
    } else if (fs::exists(path)) {
      out.push_back(InputFile{path, path, ""});
    } else {
      out.push_back(InputFile{path, path, path + ": no such file or directory"});
    }
  }
  return out;
}

}  // namespace dsqlint
