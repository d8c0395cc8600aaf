#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "apply/database.h"

namespace dsqlint {
namespace {

constexpr std::string_view kMask = "***";

/// A byte range [first, second) of the input that holds a secret.
using Range = std::pair<size_t, size_t>;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

/// Keys whose value is a secret: libpq's password, and the parts of an IAM token or
/// presigned URL that grant access (the credential's key id is kept for debugging).
bool secret_key(std::string_view key) {
  for (std::string_view name : {"password", "token", "X-Amz-Signature", "X-Amz-Security-Token"}) {
    if (iequals(key, name)) return true;
  }
  return false;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

/// `a=1&password=x&b=2` starting at `begin`: the values of secret keys, up to `end`.
void query_secrets(std::string_view text, size_t begin, size_t end, std::vector<Range>& out) {
  while (begin < end) {
    size_t amp = text.find('&', begin);
    if (amp == std::string_view::npos || amp > end) amp = end;
    const size_t eq = text.find('=', begin);
    if (eq != std::string_view::npos && eq < amp && secret_key(text.substr(begin, eq - begin))) {
      out.emplace_back(eq + 1, amp);
    }
    begin = amp + 1;
  }
}

/// postgres://user:password@host/db?password=x: the password in the user info and any
/// secret query parameter.
void uri_secrets(std::string_view text, size_t scheme_end, std::vector<Range>& out) {
  const size_t authority_end = std::min(text.find_first_of("/?", scheme_end), text.size());
  const size_t at = text.rfind('@', authority_end);
  if (at != std::string_view::npos && at >= scheme_end) {
    const size_t colon = text.find(':', scheme_end);
    if (colon < at) out.emplace_back(colon + 1, at);
  }
  const size_t query = text.find('?', scheme_end);
  if (query == std::string_view::npos) return;
  const size_t fragment = std::min(text.find('#', query), text.size());
  query_secrets(text, query + 1, fragment, out);
}

/// The end of a key=value value starting at `pos`: a single-quoted string with
/// backslash escapes, or everything up to the next white space.
size_t value_end(std::string_view text, size_t pos) {
  if (pos < text.size() && text[pos] == '\'') {
    for (++pos; pos < text.size() && text[pos] != '\''; ++pos) {
      if (text[pos] == '\\') ++pos;
    }
    return std::min(pos + 1, text.size());
  }
  while (pos < text.size() && !is_space(text[pos])) ++pos;
  return pos;
}

/// host=h password='se cret' dbname=d: the values of secret keys. Tokens that are not
/// key=value are skipped, so free text (an error message) is masked too.
void keyword_secrets(std::string_view text, std::vector<Range>& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    const size_t key_begin = pos;
    while (pos < text.size() && !is_space(text[pos]) && text[pos] != '=') ++pos;
    const std::string_view key = text.substr(key_begin, pos - key_begin);
    size_t eq = pos;
    while (eq < text.size() && is_space(text[eq])) ++eq;
    if (eq >= text.size() || text[eq] != '=' || key.empty()) {
      if (pos == key_begin) ++pos;
      continue;
    }
    size_t value = eq + 1;
    while (value < text.size() && is_space(text[value])) ++value;
    const size_t end = value_end(text, value);
    if (secret_key(key)) out.emplace_back(value, end);
    pos = std::max(end, value + 1);
  }
}

/// X-Amz-Signature=... and X-Amz-Security-Token=... wherever they are, up to the next
/// `&`, quote or white space: an IAM token quoted in free text is masked too.
void signature_secrets(std::string_view text, std::vector<Range>& out) {
  for (std::string_view name : {"X-Amz-Signature=", "X-Amz-Security-Token="}) {
    for (size_t pos = 0; pos + name.size() <= text.size(); ++pos) {
      if (!iequals(text.substr(pos, name.size()), name)) continue;
      const size_t value = pos + name.size();
      out.emplace_back(value, std::min(text.find_first_of("&'\" \t\r\n", value), text.size()));
    }
  }
}

/// postgres:// URIs inside free text (an error message quoting its argument), each up to
/// the next white space or quote.
void embedded_uri_secrets(std::string_view text, std::vector<Range>& out) {
  for (size_t sep = text.find("://"); sep != std::string_view::npos; sep = text.find("://", sep + 3)) {
    for (std::string_view scheme : {"postgresql", "postgres"}) {
      if (sep < scheme.size() || !iequals(text.substr(sep - scheme.size(), scheme.size()), scheme)) continue;
      const size_t begin = sep - scheme.size();
      const size_t end = std::min(text.find_first_of(" \t\r\n'\"", begin), text.size());
      std::vector<Range> found;
      uri_secrets(text.substr(begin, end - begin), scheme.size() + 3, found);
      for (const auto& [first, last] : found) out.emplace_back(begin + first, begin + last);
      break;
    }
  }
}

}  // namespace

std::string conninfo_quote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string mask_secrets(const std::string& conninfo) {
  std::vector<Range> secrets;
  bool uri = false;
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (!uri && starts_with_icase(conninfo, scheme)) {
      uri_secrets(conninfo, scheme.size(), secrets);
      uri = true;
    }
  }
  if (!uri) {
    keyword_secrets(conninfo, secrets);
    embedded_uri_secrets(conninfo, secrets);
  }
  signature_secrets(conninfo, secrets);
  std::sort(secrets.begin(), secrets.end());
  secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
  std::string out;
  size_t copied = 0;
  for (const auto& [begin, end] : secrets) {
    if (begin < copied) continue;
    out.append(conninfo, copied, begin - copied);
    out += kMask;
    copied = end;
  }
  out.append(conninfo, copied);
  return out;
}

}  // namespace dsqlint
