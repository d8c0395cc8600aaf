#pragma once
#include <string>
#include <string_view>

#include "parse/pg.h"

namespace dsqlint {

/// An identifier in double quotes, inner quotes doubled: always safe to splice into SQL.
std::string quote_identifier(std::string_view name);

/// A relation as people write it in messages: schema.table, unquoted.
std::string display_name(const RangeVar* relation);

/// A relation as SQL: "schema"."table", each part quoted.
std::string quoted_name(const RangeVar* relation);

/// A (possibly qualified) type name of a column definition, lower case: "int4", "serial", "text[]".
std::string type_name(const TypeName* type);

}  // namespace dsqlint
