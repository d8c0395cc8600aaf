#pragma once
#include <string>
#include <string_view>

// How the catalog names an object in one string: "schema.name". Where the schema's own
// name holds a dot (or a double quote), it is written quoted, "a.b".name, so the first dot
// outside quotes always ends the schema: "a.b"."c" and "a"."b.c" stay two keys, and every
// key reads back as the names it was made of. The common key is the plain one, unchanged.
namespace dsqlint {

/// The key of object `name` of `schema`.
std::string object_key(std::string_view schema, std::string_view name);
/// Sets `out` to that key, reusing its room: for lookups made often.
void assign_object_key(std::string& out, std::string_view schema, std::string_view name);
/// Whether `key` is the key of object `name` of `schema`, without building it.
bool is_object_key(std::string_view key, std::string_view schema, std::string_view name);

/// The schema of a key, as its name reads (unquoted).
std::string key_schema(std::string_view key);
/// The object's name: what follows the dot that ends the schema (all of a key without one).
std::string_view key_name(std::string_view key);

}  // namespace dsqlint
