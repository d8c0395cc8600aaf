#pragma once
#include <string>
#include <string_view>

// How the catalog names an object in one string: "schema.name". Where the schema's own
// name holds a dot (or a double quote), it is written quoted, "a.b".name, so the first dot
// outside quotes always ends the schema: "a.b"."c" and "a"."b.c" stay two keys, and every
// key reads back as the names it was made of. The common key is the plain one, unchanged.
namespace dsqlint {

/// Whether a schema's name is written quoted in keys. A loop, not find_first_of (which
/// calls memchr per byte): keys are built and compared for most lookups.
inline bool schema_needs_quotes(std::string_view schema) {
  for (const char c : schema)
    if (c == '.' || c == '"') return true;
  return false;
}

/// Sets `out` to the key of a schema written quoted.
void assign_quoted_object_key(std::string& out, std::string_view schema, std::string_view name);

/// Sets `out` to the key of object `name` of `schema`, reusing its room: for lookups made often.
inline void assign_object_key(std::string& out, std::string_view schema, std::string_view name) {
  if (schema_needs_quotes(schema)) return assign_quoted_object_key(out, schema, name);
  out.assign(schema).append(1, '.').append(name);
}

/// The key of object `name` of `schema`.
inline std::string object_key(std::string_view schema, std::string_view name) {
  std::string key;
  key.reserve(schema.size() + 1 + name.size());
  assign_object_key(key, schema, name);
  return key;
}

/// Whether `key` is the key of object `name` of `schema`, without building it.
inline bool is_object_key(std::string_view key, std::string_view schema, std::string_view name) {
  if (key.size() == schema.size() + 1 + name.size() && key[schema.size()] == '.' && key.starts_with(schema) &&
      key.ends_with(name))
    return !schema_needs_quotes(schema);  // "a.b" + "c" reads as a.b.c, which is not its key
  return schema_needs_quotes(schema) && key == object_key(schema, name);
}

/// The schema of a key, as its name reads (unquoted).
std::string key_schema(std::string_view key);
/// The object's name: what follows the dot that ends the schema (all of a key without one).
std::string_view key_name(std::string_view key);

}  // namespace dsqlint
