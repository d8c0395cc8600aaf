#include "lint/duplicate_migration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "lint/rule.h"

namespace dsqlint {

namespace {

/// Two lanes of FNV-style mixing, eight bytes each: a file is read once, at a fraction of
/// the parser's cost per byte (SHA-256 here would cost more than some rules). Each step is
/// a bijection of the lane, so files that differ in one word always differ.
uint64_t hash_bytes(std::string_view bytes) {
  constexpr uint64_t kPrime = 0x100000001b3ULL;
  uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
  size_t i = 0;
  for (; i + 16 <= bytes.size(); i += 16) {
    uint64_t x, y;
    std::memcpy(&x, bytes.data() + i, 8);
    std::memcpy(&y, bytes.data() + i + 8, 8);
    a = (a ^ x) * kPrime;
    b = (b ^ y) * kPrime;
  }
  for (; i < bytes.size(); ++i) a = (a ^ static_cast<unsigned char>(bytes[i])) * kPrime;
  b ^= a >> 29 | a << 35;
  return (b ^ b >> 32) * kPrime ^ a;
}

}  // namespace

std::string content_key(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::string normalized;
  if (text.find('\r') != std::string_view::npos) {  // rare: hash what apply hashes
    normalized.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\r') normalized += text[i];
      else if (normalized += '\n'; i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
    text = normalized;
  }
  const uint64_t parts[2] = {text.size(), hash_bytes(text)};
  return std::string(reinterpret_cast<const char*>(parts), sizeof parts);
}

void check_duplicate_migration(Catalog& catalog, FileResult& file, const SameFolder& same_folder) {
  if (file.statements.empty()) return;
  std::vector<std::string>& paths = catalog.migration_contents[content_key(file.source.text)];
  const std::string& path = file.source.path;
  if (std::find(paths.begin(), paths.end(), path) != paths.end()) return;  // one file named twice
  const auto earlier =
      std::find_if(paths.begin(), paths.end(), [&](const std::string& other) { return same_folder(other, path); });
  if (earlier == paths.end()) {
    paths.push_back(path);
    return;
  }
  StatementResult& statement = file.statements.front();
  statement.findings.push_back(Finding{
      .rule = find_rule("duplicate-migration")->id,
      .klass = StatementClass::Unsupported,
      .severity = Severity::Error,
      .message = fmt::format("this migration has the same content as {}, and apply identifies a migration by its "
                             "content, so it refuses the folder",
                             *earlier),
      .help = "if both are meant to run, make them differ (a comment that names the migration is enough); if this "
              "one is a copy made by mistake, delete it",
      .span = statement.span});
  statement.klass = StatementClass::Unsupported;  // replay applies nothing of it to the model
  statement.rewritten.clear();
  statement.runs_as_written = false;
}

}  // namespace dsqlint
