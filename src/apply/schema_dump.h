#pragma once
#include <string>

#include "apply/database.h"

namespace dsqlint {

/// The user schema as text, in a stable order: every table with its columns, types,
/// nullability and defaults, then constraints and index definitions; the tracking
/// tables left out. What rehearse prints, and what the tests compare after a crash and
/// rerun against a clean run.
std::string dump_schema(Session& session);

}  // namespace dsqlint
