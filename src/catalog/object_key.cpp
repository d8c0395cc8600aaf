#include "catalog/object_key.h"

namespace dsqlint {

namespace {

bool needs_quotes(std::string_view schema) { return schema.find_first_of(".\"") != std::string_view::npos; }

void append_schema(std::string& out, std::string_view schema) {
  if (!needs_quotes(schema)) {
    out += schema;
    return;
  }
  out += '"';
  for (const char c : schema) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

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

std::string object_key(std::string_view schema, std::string_view name) {
  std::string key;
  assign_object_key(key, schema, name);
  return key;
}

void assign_object_key(std::string& out, std::string_view schema, std::string_view name) {
  out.clear();
  out.reserve(schema.size() + name.size() + 1);
  append_schema(out, schema);
  out += '.';
  out += name;
}

bool is_object_key(std::string_view key, std::string_view schema, std::string_view name) {
  if (needs_quotes(schema)) return key == object_key(schema, name);
  return key.size() == schema.size() + 1 + name.size() && key[schema.size()] == '.' && key.starts_with(schema) &&
         key.ends_with(name);
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
