#pragma once
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

/// Checks one file (already read and validated) against the target: parses it, runs every
/// rule that applies to each statement, and gives each statement its class. Rules that
/// need history run later, in `replay` (lint/replay.h); files may be linted in parallel.
FileResult lint_statements(SourceFile source, const TargetProfile& target);

/// A file on its own: lint_statements, then replay into an empty catalog.
FileResult lint_file(SourceFile source, const TargetProfile& target);

/// A file that could not be read or is not a migration: no statements, one error.
FileResult unreadable_file(SourceFile source, FileError error);

}  // namespace dsqlint
