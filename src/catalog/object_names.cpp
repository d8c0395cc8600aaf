#include "catalog/object_names.h"

#include <algorithm>
#include <cctype>

#include "parse/lexer.h"

namespace dsqlint {

namespace {

constexpr size_t kMaxName = 63;  // NAMEDATALEN - 1

/// The longest prefix of `text` of at most `bytes` bytes that ends at a character boundary.
size_t clip(std::string_view text, size_t bytes) {
  if (bytes >= text.size()) return text.size();
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return bytes;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "_") + part;
  return out;
}

}  // namespace

std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label) {
  const size_t available = kMaxName - label.size() - 1 - (name2.empty() ? 0 : 1);
  size_t chars1 = name1.size(), chars2 = name2.size();
  while (chars1 + chars2 > available) (chars1 > chars2 ? chars1 : chars2)--;
  std::string out(name1.substr(0, clip(name1, chars1)));
  if (!name2.empty()) out.append("_").append(name2.substr(0, clip(name2, chars2)));
  return out.append("_").append(label);
}

std::string choose_constraint_name(std::string_view table, ConstraintLabel label,
                                   const std::vector<std::string>& columns, std::set<std::string>& used) {
  std::string base, name2;
  switch (label) {
    case ConstraintLabel::PrimaryKey: base = "pkey"; break;
    case ConstraintLabel::Unique: base = "key", name2 = joined(columns); break;
    case ConstraintLabel::ForeignKey: base = "fkey", name2 = joined(columns); break;
    case ConstraintLabel::Check: base = "check", name2 = columns.size() == 1 ? columns.front() : ""; break;
  }
  for (int pass = 0;; ++pass) {
    std::string name = make_object_name(table, name2, pass ? base + std::to_string(pass) : base);
    if (used.insert(name).second) return name;
  }
}

std::string choose_index_name(std::string_view table, const std::vector<std::string>& columns, std::set<std::string>& used) {
  // ChooseIndexColumnNames: a name seen before gets a number; ChooseIndexNameAddition joins them.
  std::vector<std::string> names;
  for (const std::string& column : columns) {
    std::string name = column;
    for (int n = 1; std::count(names.begin(), names.end(), name); ++n) {
      const std::string number = std::to_string(n);
      name = column.substr(0, clip(column, kMaxName - number.size())) + number;
    }
    names.push_back(std::move(name));
  }
  std::string addition;
  for (const std::string& name : names) {
    if (addition.size() > kMaxName) break;
    addition += (addition.empty() ? "" : "_") + name;
  }
  for (int pass = 0;; ++pass) {
    std::string name = make_object_name(table, addition, pass ? "idx" + std::to_string(pass) : "idx");
    if (used.insert(name).second) return name;
  }
}

std::vector<std::string> mentioned_columns(std::string_view text, const std::vector<std::string>& columns) {
  std::vector<std::string> out;
  Lexer lexer(text);
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant()) {
    if (token.kind != TokenKind::Word && token.kind != TokenKind::QuotedIdent) continue;
    const std::string name = identifier_name(text.substr(token.span.begin, token.span.size()));
    if (std::count(columns.begin(), columns.end(), name) && !std::count(out.begin(), out.end(), name)) out.push_back(name);
  }
  return out;
}

std::string identifier_name(std::string_view written) {
  std::string out;
  if (written.size() >= 2 && written.front() == '"') {
    for (size_t i = 1; i + 1 < written.size(); ++i) out += written[i] == '"' ? written[++i] : written[i];
    return out;
  }
  for (const char c : written) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace dsqlint
