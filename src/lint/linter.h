#pragma once
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

/// Checks one file (already read and validated) against the target: parses it, runs every
/// rule that applies to each statement, and gives each statement its class.
FileResult lint_file(SourceFile source, const TargetProfile& target);

/// A file that could not be read or is not a migration: no statements, one error.
FileResult unreadable_file(SourceFile source, FileError error);

}  // namespace dsqlint
