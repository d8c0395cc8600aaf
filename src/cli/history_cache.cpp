#include "cli/history_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

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

/// "size:mtime" of a file, which changes whenever its content does; empty when it is missing.
/// `recent`: modified in the last seconds, when a second write could keep size and time.
std::string size_and_time(const std::string& path, bool* recent = nullptr) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  if (recent) *recent = std::time(nullptr) - info.st_mtim.tv_sec < 2;
  return std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
         std::to_string(info.st_mtim.tv_nsec);
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
  return std::string(DSQLINT_VERSION) + "|" + parser_version() + "|" + size_and_time("/proc/self/exe");
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
  if (dir_.empty()) return;
  stamp_ = build_stamp();
  std::ifstream in(dir_ + "/file-hashes");
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find('\t'), second = line.find('\t', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    known_.push_back({line.substr(second + 1), Known{line.substr(0, first), line.substr(first + 1, second - first - 1)}});
  }
  std::sort(known_.begin(), known_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::optional<std::string> HistoryCache::content_hash(const std::string& path) {
  const std::string absolute = absolute_path(path);
  bool recent = false;
  const std::string now = size_and_time(absolute, &recent);
  if (now.empty()) return std::nullopt;
  auto it = std::lower_bound(known_.begin(), known_.end(), absolute,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
  if (it != known_.end() && it->first == absolute && it->second.size_and_time == now) return it->second.sha256;
  auto bytes = read_file_bytes(absolute);
  if (!bytes) return std::nullopt;
  Known known{now, sha256_hex(*bytes)};
  if (recent) return known.sha256;  // its size and time may not tell the next write apart: read it again
  if (it != known_.end() && it->first == absolute) it->second = known;
  else it = known_.insert(it, {absolute, known});
  known_changed_ = true;
  return it->second.sha256;
}

std::optional<std::string> HistoryCache::key(const std::vector<HistoryEntry>& entries) {
  if (dir_.empty()) return std::nullopt;
  std::string material = stamp_ + "\n";
  for (const HistoryEntry& entry : entries) {
    const auto hash = content_hash(entry.path);
    if (!hash) return std::nullopt;
    material += entry.name + "\t" + entry.target + "\t" + *hash + "\n";
  }
  return sha256_hex(material);
}

std::optional<Catalog> HistoryCache::load(const std::string& key) const {
  if (dir_.empty()) return std::nullopt;
  auto bytes = read_file_bytes(dir_ + "/catalogs/" + key);
  if (!bytes) return std::nullopt;
  return decode_catalog(*bytes, stamp_);
}

void HistoryCache::store(const std::string& key, const Catalog& catalog) const {
  if (dir_.empty()) return;
  write_atomically(fs::path(dir_) / "catalogs" / key, encode_catalog(catalog, stamp_));
  remove_oldest(fs::path(dir_) / "catalogs");
}

void HistoryCache::save_hashes() const {
  if (dir_.empty() || !known_changed_) return;
  std::ostringstream out;
  for (const auto& [path, known] : known_) out << known.size_and_time << '\t' << known.sha256 << '\t' << path << '\n';
  write_atomically(fs::path(dir_) / "file-hashes", out.str());
}

}  // namespace dsqlint
