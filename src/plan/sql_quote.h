#pragma once
#include <string>
#include <string_view>

namespace dsqlint {

/// "name" with embedded double quotes doubled: safe for any identifier.
std::string quote_ident(std::string_view name);
/// 'text' with embedded single quotes doubled (standard_conforming_strings, on everywhere).
std::string quote_literal(std::string_view text);
/// A catalog key "schema.name" (as lint/schema_changes.h folds it) as a quoted name.
std::string quote_key(std::string_view key);

}  // namespace dsqlint
