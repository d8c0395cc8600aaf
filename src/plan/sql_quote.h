#pragma once
#include <string>
#include <string_view>

#include "lint/names.h"  // quote_identifier: "name", any identifier

namespace dsqlint {

/// 'text' with embedded single quotes doubled (standard_conforming_strings, on everywhere).
std::string quote_literal(std::string_view text);
/// A catalog key "schema.name" (as lint/schema_changes.h folds it) as a quoted name.
std::string quote_key(std::string_view key);

}  // namespace dsqlint
