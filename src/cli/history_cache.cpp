#include "cli/history_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>

#include "aws/sha256.h"
#include "catalog/catalog_file.h"
#include "core/source_file.h"
#include "parse/parsed_file.h"

namespace dsqlint {

namespace {

namespace fs = std::filesystem;

constexpr size_t kKeptCatalogs = 32;  // older ones are removed: each edit of history makes one

std::string cache_dir(const CacheSettings& settings) {
  if (!settings.enabled) return "";
  if (!settings.dir.empty()) return settings.dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/dsqlint";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/dsqlint";
  return "";
}

FileStamp stamp_of(const struct stat& info) {
  FileStamp stamp;
  stamp.size = info.st_size;
  stamp.seconds = info.st_mtim.tv_sec;
  stamp.nanoseconds = info.st_mtim.tv_nsec;
  stamp.change_seconds = info.st_ctim.tv_sec;
  stamp.change_nanoseconds = info.st_ctim.tv_nsec;
  stamp.inode = info.st_ino;
  // Either time: a write that sets the modification time back still changes the inode now.
  stamp.recent = std::time(nullptr) - std::max(info.st_mtim.tv_sec, info.st_ctim.tv_sec) < 2;
  return stamp;
}

/// "size:seconds.nanoseconds:change_seconds.change_nanoseconds:inode", as the file-hashes
/// file keeps a stamp (a line written before the change time and inode counted is not read).
std::string to_text(const FileStamp& stamp) {
  return std::to_string(stamp.size) + ":" + std::to_string(stamp.seconds) + "." + std::to_string(stamp.nanoseconds) +
         ":" + std::to_string(stamp.change_seconds) + "." + std::to_string(stamp.change_nanoseconds) + ":" +
         std::to_string(stamp.inode);
}

/// Reads what to_text wrote.
std::optional<FileStamp> parse_stamp(std::string_view text) {
  FileStamp stamp;
  const char* p = text.data();
  const char* const end = p + text.size();
  auto read = [&](auto& field, char separator) {  // separator 0: the end of the text
    const auto [next, error] = std::from_chars(p, end, field);
    p = next;
    if (error != std::errc()) return false;
    return separator == 0 ? p == end : p != end && *p++ == separator;
  };
  if (read(stamp.size, ':') && read(stamp.seconds, '.') && read(stamp.nanoseconds, ':') &&
      read(stamp.change_seconds, '.') && read(stamp.change_nanoseconds, ':') && read(stamp.inode, 0))
    return stamp;
  return std::nullopt;
}

/// `path` made absolute and normal, as the file-hash table keys it. Most paths are plain
/// (no ".", ".." or "//" parts): those only get the working directory in front, which costs
/// far less than lexically_normal for each of a long history's files.
std::string absolute_path(const std::string& path) {
  static const std::string cwd = [] {
    std::error_code error;
    return fs::current_path(error).string();
  }();
  const bool plain = !path.empty() && path.find("//") == std::string::npos && path.find("/./") == std::string::npos &&
                     path.find("/../") == std::string::npos && !path.starts_with("./") && !path.starts_with("../") &&
                     !path.ends_with("/.") && !path.ends_with("/..") && !path.ends_with('/') && path != "." &&
                     path != "..";
  if (plain && path.front() == '/') return path;
  if (plain && !cwd.empty() && cwd != "/") return cwd + "/" + path;
  std::error_code error;
  return fs::absolute(path, error).lexically_normal().string();
}

/// What wrote the cache: this version and parser, and this very build of the binary (its
/// size and time), so a rebuilt dsqlint never reads what an older one replayed.
std::string build_stamp() {
  struct stat info {};
  const std::string exe = ::stat("/proc/self/exe", &info) == 0 ? to_text(stamp_of(info)) : "";
  return std::string(DSQLINT_VERSION) + "|" + parser_version() + "|" + exe;
}

/// The name of the catalog a key's material describes: 128 bits of two hashes. Not SHA-256:
/// the material is the files' SHA-256 sums already, and OpenSSL's first use costs more than
/// an editor's whole save (it loads its configuration and providers).
std::string key_name(const std::string& material) {
  const uint64_t first = std::hash<std::string_view>{}(material);
  const uint64_t second = std::hash<std::string_view>{}(std::to_string(first) + material);
  char name[33];
  std::snprintf(name, sizeof name, "%016llx%016llx", static_cast<unsigned long long>(first),
                static_cast<unsigned long long>(second));
  return name;
}

/// Writes `bytes` to `path` through a temporary file renamed into place: a reader sees the
/// old file or the new one, never half of one. Failures are ignored (the cache only saves time).
void write_atomically(const fs::path& path, const std::string& bytes) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  const fs::path temporary = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return void(fs::remove(temporary, error));
  }
  fs::rename(temporary, path, error);
  if (error) fs::remove(temporary, error);
}

void remove_oldest(const fs::path& folder) {
  std::error_code error;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(folder, error))
    files.emplace_back(entry.last_write_time(error), entry.path());
  if (files.size() <= kKeptCatalogs) return;
  std::sort(files.begin(), files.end());
  for (size_t i = 0; i + kKeptCatalogs < files.size(); ++i) fs::remove(files[i].second, error);
}

}  // namespace

HistoryCache::HistoryCache(const CacheSettings& settings) : dir_(cache_dir(settings)) {
  if (!dir_.empty()) stamp_ = build_stamp();
}

void HistoryCache::read_known() {
  // Read when first needed: a folder check has no history to key and never is.
  known_read_ = true;
  auto bytes = read_file_bytes(dir_ + "/file-hashes");
  if (!bytes) return;
  hashes_file_ = std::move(*bytes);  // the table's entries are views into it
  std::string_view rest = hashes_file_;
  while (!rest.empty()) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    const auto first = line.find('\t'), second = line.find('\t', first + 1);
    if (second == std::string_view::npos) continue;
    const auto stamp = parse_stamp(line.substr(0, first));
    if (stamp) known_.emplace(line.substr(second + 1), Known{*stamp, line.substr(first + 1, second - first - 1)});
  }
}

HistoryCache::~HistoryCache() {
  if (folder_fd_ >= 0) ::close(folder_fd_);
}

std::optional<FileStamp> HistoryCache::stat_file(const std::string& absolute) {
  // Through the folder's descriptor: a history's files share a folder, and the kernel
  // then walks one name rather than the whole path, 2,000 times.
  const size_t slash = absolute.rfind('/');
  const std::string_view folder = std::string_view(absolute).substr(0, slash + 1);
  if (folder != folder_) {
    if (folder_fd_ >= 0) ::close(folder_fd_);
    folder_ = folder;
    folder_fd_ = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  struct stat info {};
  const int status = folder_fd_ >= 0 ? ::fstatat(folder_fd_, absolute.c_str() + slash + 1, &info, 0)
                                     : ::stat(absolute.c_str(), &info);
  if (status != 0) return std::nullopt;
  return stamp_of(info);
}

std::optional<std::string_view> HistoryCache::content_hash(const std::string& path) {
  const std::string absolute = absolute_path(path);
  const auto now = stat_file(absolute);
  if (!now) return std::nullopt;
  const auto it = known_.find(absolute);
  if (it != known_.end() && it->second.stamp.same_as(*now)) return it->second.sha256;
  auto bytes = read_file_bytes(absolute);
  if (!bytes) return std::nullopt;
  const std::string_view sha256 = learned_.emplace_back(sha256_hex(*bytes));
  if (now->recent) return sha256;  // its stamp may not tell the next write apart: read it again
  known_changed_ = true;
  if (it != known_.end()) it->second = Known{*now, sha256};
  else known_.emplace(learned_.emplace_back(absolute), Known{*now, sha256});
  return sha256;
}

std::optional<std::string> HistoryCache::key(const std::vector<HistoryEntry>& entries) {
  if (dir_.empty()) return std::nullopt;
  if (!known_read_) read_known();
  std::vector<std::string> hashes;
  hashes.reserve(entries.size());
  for (const HistoryEntry& entry : entries) {
    const auto hash = content_hash(entry.path);
    if (!hash) return std::nullopt;
    hashes.emplace_back(*hash);
  }
  return key_of(entries, hashes);
}

std::string HistoryCache::key_of(const std::vector<HistoryEntry>& entries,
                                 const std::vector<std::string>& sha256s) const {
  std::string material = stamp_ + "\n";
  material.reserve(material.size() + entries.size() * 128);
  for (size_t i = 0; i < entries.size(); ++i)
    material.append(entries[i].name).append("\t").append(entries[i].target).append("\t").append(sha256s[i]).append("\n");
  return key_name(material);
}

std::optional<Catalog> HistoryCache::load(const std::string& key) const {
  if (dir_.empty()) return std::nullopt;
  auto bytes = read_file_bytes(dir_ + "/catalogs/" + key);
  if (!bytes) return std::nullopt;
  return decode_catalog(std::move(*bytes), stamp_);
}

void HistoryCache::store(const std::string& key, const Catalog& catalog) const {
  if (dir_.empty()) return;
  write_atomically(fs::path(dir_) / "catalogs" / key, encode_catalog(catalog, stamp_));
  remove_oldest(fs::path(dir_) / "catalogs");
}

void HistoryCache::save_hashes() const {
  if (dir_.empty() || !known_changed_) return;
  std::vector<const std::pair<const std::string_view, Known>*> sorted;  // by path: the same table is the same bytes
  sorted.reserve(known_.size());
  for (const auto& entry : known_) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out;
  for (const auto* entry : sorted) {
    const auto& [path, known] = *entry;
    out.append(to_text(known.stamp)).append("\t").append(known.sha256).append("\t").append(path).append("\n");
  }
  write_atomically(fs::path(dir_) / "file-hashes", out);
}

}  // namespace dsqlint
