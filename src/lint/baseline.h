#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "lint/file_result.h"

namespace dsqlint {

/// The findings an existing migration folder already had when it adopted dsqlint, by
/// fingerprint (lint/fingerprint.h), so `check --baseline` reports only new ones.
/// The file is JSON: {"version": 1, "findings": [{"path", "rule", "fingerprint"}...]}.
class Baseline {
 public:
  /// Reads a baseline written by `check --write-baseline`.
  static Result<Baseline> read(const std::string& path);

  /// Marks every finding of `file` recorded here as suppressed (kind "baseline");
  /// returns how many it hid.
  size_t apply(FileResult& file);

  /// Recorded findings no file matched (fixed since, or the file was renamed).
  size_t unmatched() const;

 private:
  std::unordered_map<std::string, bool> matched_;  ///< fingerprint -> seen in this run
};

/// Collects the unsuppressed findings of each file, then writes them as a baseline.
class BaselineWriter {
 public:
  void add(const FileResult& file);
  /// Writes the baseline atomically (temp file, then rename); the count on success.
  Result<size_t> write(const std::string& path) const;

 private:
  struct Entry {
    std::string path, rule, fingerprint;
  };
  std::vector<Entry> entries_;
};

}  // namespace dsqlint
