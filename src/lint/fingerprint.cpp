#include "lint/fingerprint.h"

#include <cctype>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "parse/lexer.h"

namespace dsqlint {

namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t mix(uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return hash;
}

uint64_t mix_lower(uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)))) * kFnvPrime;
  return hash;
}

}  // namespace

uint64_t statement_shape_hash(std::string_view text) {
  uint64_t hash = kFnvOffset;
  Lexer lexer(text);
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant()) {
    const std::string_view bytes = text.substr(token.span.begin, token.span.size());
    hash = token.kind == TokenKind::Word ? mix_lower(hash, bytes) : mix(hash, bytes);
    hash = mix(hash, std::string_view("\x1f", 1));  // token separator: "a b" differs from "ab"
  }
  return hash;
}

std::vector<std::vector<Fingerprint>> fingerprints(const FileResult& file) {
  std::vector<std::vector<Fingerprint>> out;
  out.reserve(file.statements.size());
  std::map<std::pair<std::string_view, uint64_t>, unsigned> seen;
  for (const StatementResult& statement : file.statements) {
    const uint64_t shape = statement_shape_hash(file.source.slice(statement.span));
    auto& row = out.emplace_back();
    for (const Finding& finding : statement.findings) {
      const unsigned occurrence = seen[{finding.rule, shape}]++;
      uint64_t hash = mix(kFnvOffset, file.source.path);
      hash = mix(hash, std::string_view("\0", 1));
      hash = mix(hash, finding.rule);
      hash = mix(hash, fmt::format("|{:x}|{}", shape, occurrence));
      row.push_back(fmt::format("{:016x}", hash));
    }
  }
  return out;
}

}  // namespace dsqlint
