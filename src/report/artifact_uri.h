#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace dsqlint {

/// Where a file is, as SARIF and GitHub code scanning want it.
struct ArtifactUri {
  std::string uri;       ///< percent-encoded URI reference
  bool relative = false; ///< relative to the root: pair it with uriBaseId %SRCROOT%
};

/// `path` (as the user named it) relative to `root` with forward slashes when the file is
/// inside `root`, symlinks resolved when the file exists (GitHub cannot show results on
/// a symlinked path); otherwise an absolute file:// URI. `root` must be absolute and
/// canonical (the working directory).
ArtifactUri artifact_uri(std::string_view path, const std::filesystem::path& root);

/// The file:// URI of a folder, ending in '/' (SARIF's originalUriBaseIds need the slash).
std::string folder_uri(const std::filesystem::path& folder);

/// `path` with every byte that RFC 3986 does not allow in a path percent-encoded; '/' stays.
std::string percent_encode_path(std::string_view path);

}  // namespace dsqlint
