#include "report/artifact_uri.h"

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

/// Characters a URI path keeps as they are (RFC 3986 pchar less ':', which would look like
/// a scheme in a relative reference's first segment).
bool plain_in_path(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~!$&'()*+,;=@/").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::string percent_encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (plain_in_path(c)) {
      out += ch;
      continue;
    }
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string folder_uri(const fs::path& folder) {
  std::string path = folder.generic_string();
  if (!path.ends_with('/')) path += '/';
  return "file://" + percent_encode_path(path);
}

ArtifactUri artifact_uri(std::string_view path, const fs::path& root) {
  fs::path where(path);
  if (where.is_relative()) where = root / where;
  where = where.lexically_normal();
  std::error_code error;
  if (fs::path real = fs::canonical(where, error); !error) where = std::move(real);
  const fs::path relative = where.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != ".." && *relative.begin() != ".")
    return {percent_encode_path(relative.generic_string()), true};
  return {"file://" + percent_encode_path(where.generic_string()), false};
}

}  // namespace dsqlint
