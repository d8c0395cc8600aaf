#include "plan/sql_quote.h"

#include "catalog/object_key.h"

namespace dsqlint {

namespace {

std::string quote_with(std::string_view text, char quote) {
  std::string out(1, quote);
  for (const char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

}  // namespace

std::string quote_literal(std::string_view text) { return quote_with(text, '\''); }

std::string quote_key(std::string_view key) {
  const std::string_view name = key_name(key);
  if (name.size() == key.size()) return quote_identifier(key);  // no schema
  return quote_identifier(key_schema(key)) + "." + quote_identifier(name);
}

}  // namespace dsqlint
