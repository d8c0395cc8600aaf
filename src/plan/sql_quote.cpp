#include "plan/sql_quote.h"

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
  const size_t dot = key.find('.');
  if (dot == std::string_view::npos) return quote_identifier(key);
  return quote_identifier(key.substr(0, dot)) + "." + quote_identifier(key.substr(dot + 1));
}

}  // namespace dsqlint
