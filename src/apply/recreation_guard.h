#pragma once
#include <optional>
#include <string>

#include "apply/database.h"
#include "core/result.h"
#include "plan/recreation_spec.h"

namespace dsqlint {

/// Why a rebuild must not start: the live table's columns are not those history gives it
/// (`spec.source_columns`). A column the migrations do not know, added by hand or by a
/// CREATE TABLE ... LIKE of a table they do not create, would be left out of the new
/// table, and its values lost at the swap. nullopt when they match; an Error when the
/// columns cannot be read.
Result<std::optional<std::string>> unknown_columns(Session& session, const RecreationSpec& spec);

}  // namespace dsqlint
