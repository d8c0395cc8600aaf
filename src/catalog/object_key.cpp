#include "catalog/object_key.h"

namespace dsqlint {

namespace {

/// Where the dot that ends the schema is: past a quoted schema, else the first dot; npos
/// when the key has none.
size_t schema_end(std::string_view key) {
  if (!key.starts_with('"')) return key.find('.');
  for (size_t i = 1; i < key.size(); ++i) {
    if (key[i] != '"') continue;
    if (i + 1 < key.size() && key[i + 1] == '"') {
      ++i;  // a doubled quote stands for one
      continue;
    }
    return i + 1 < key.size() && key[i + 1] == '.' ? i + 1 : std::string_view::npos;
  }
  return std::string_view::npos;
}

}  // namespace

void assign_quoted_object_key(std::string& out, std::string_view schema, std::string_view name) {
  out.assign(1, '"');
  for (const char c : schema) {
    if (c == '"') out += '"';  // doubled, as in SQL
    out += c;
  }
  out.append("\".").append(name);
}

std::string key_schema(std::string_view key) {
  const size_t end = schema_end(key);
  if (end == std::string_view::npos) return "";
  if (!key.starts_with('"')) return std::string(key.substr(0, end));
  std::string schema;
  for (size_t i = 1; i + 1 < end; ++i) {
    schema += key[i];
    if (key[i] == '"') ++i;  // the second of a doubled quote
  }
  return schema;
}

std::string_view key_name(std::string_view key) {
  const size_t end = schema_end(key);
  return end == std::string_view::npos ? key : key.substr(end + 1);
}

}  // namespace dsqlint
