#include "lint/names.h"

namespace dsqlint {

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

std::string display_name(const RangeVar* relation) {
  if (!relation) return "?";
  std::string out;
  if (relation->schemaname) out = std::string(relation->schemaname) + ".";
  return out + (relation->relname ? relation->relname : "?");
}

std::string quoted_name(const RangeVar* relation) {
  if (!relation) return "";
  std::string out;
  if (relation->schemaname) out = quote_identifier(relation->schemaname) + ".";
  return out + quote_identifier(relation->relname ? relation->relname : "");
}

std::string type_name(const TypeName* type) {
  if (!type) return "";
  // pg_catalog.int4 and int4 are the same type; keep the last name only.
  std::string out = list_length(type->names) > 0 ? strVal(llast(type->names)) : "";
  if (type->arrayBounds != NIL) out += "[]";
  return out;
}

}  // namespace dsqlint
