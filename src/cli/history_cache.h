#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/schema.h"

// The schema a migrations folder's earlier files leave, kept between runs, so an editor's
// save or a pre-commit run does not replay 2,000 files. A cached catalog is found by the
// content hash of every earlier file (with its path and target) and the build that wrote it;
// anything else (a changed file, another build, damaged bytes) is a miss, and the history
// is replayed and stored again.
namespace dsqlint {

/// --no-cache and --cache-dir; the folder defaults to $XDG_CACHE_HOME/dsqlint, else
/// ~/.cache/dsqlint.
struct CacheSettings {
  bool enabled = true;
  std::string dir;
};

/// What stat says of a file, which changes whenever its content does: its size and
/// modification time, and its inode's change time and number, which user space cannot set
/// back (touch -d, cp -p, rsync -a and tar x give an edited file its old modification time).
/// `recent`: changed in the last seconds, when a second write could keep all of them.
struct FileStamp {
  int64_t size = -1, seconds = 0, nanoseconds = 0;
  int64_t change_seconds = 0, change_nanoseconds = 0;
  uint64_t inode = 0;
  bool recent = false;
  bool same_as(const FileStamp& o) const {
    return size == o.size && seconds == o.seconds && nanoseconds == o.nanoseconds &&
           change_seconds == o.change_seconds && change_nanoseconds == o.change_nanoseconds && inode == o.inode;
  }
};

/// One earlier file as the key sees it.
struct HistoryEntry {
  std::string path;    ///< where to read it
  std::string name;    ///< as the folder check names it (messages quote it)
  std::string target;  ///< the target it is checked against
};

class HistoryCache {
 public:
  explicit HistoryCache(const CacheSettings& settings);
  ~HistoryCache();
  HistoryCache(const HistoryCache&) = delete;
  HistoryCache& operator=(const HistoryCache&) = delete;

  /// The key of the history made of `entries`, read from disk (content hashes are kept per
  /// file by its FileStamp, so unchanged files are not read again); nullopt
  /// when the cache is off or a file cannot be read. Not secret, not for signatures: a name.
  std::optional<std::string> key(const std::vector<HistoryEntry>& entries);

  /// The key of the history of `entries` whose files held `sha256s` (one each, hex): a
  /// replayed catalog is stored under the bytes it was built from, which differ from what
  /// key() read when a file was edited in between.
  std::string key_of(const std::vector<HistoryEntry>& entries, const std::vector<std::string>& sha256s) const;

  std::optional<Catalog> load(const std::string& key) const;

  /// Writes atomically (a temporary file renamed into place); a cache that cannot be
  /// written is skipped silently: it only saves time.
  void store(const std::string& key, const Catalog& catalog) const;

  /// Writes the file hashes learnt by key(), atomically, when they changed.
  void save_hashes() const;

 private:
  void read_known();
  std::optional<std::string_view> content_hash(const std::string& path);
  std::optional<FileStamp> stat_file(const std::string& absolute);

  std::string dir_;  ///< empty when the cache is off
  std::string stamp_;
  struct Known {
    FileStamp stamp;
    std::string_view sha256;
  };
  /// Absolute path -> what it held: views into the file-hashes file as read, or into
  /// `learned_` for what this run hashed (no string of its own for each of 2,000 files).
  std::unordered_map<std::string_view, Known> known_;
  std::string hashes_file_;
  std::deque<std::string> learned_;
  bool known_read_ = false, known_changed_ = false;
  std::string folder_;  ///< the folder stat_file last looked in, and its descriptor
  int folder_fd_ = -1;
};

}  // namespace dsqlint
