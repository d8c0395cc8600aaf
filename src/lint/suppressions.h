#pragma once
#include "lint/file_result.h"

namespace dsqlint {

/// Reads the file's suppression comments and applies them:
///   -- dsqlint-ignore rule-a, rule-b: reason       the next statement (or the one it is in)
///   -- dsqlint-ignore-file rule-a: reason          the whole file
/// A matching finding stays, marked suppressed. A suppression without a reason, naming an
/// unknown rule, or hiding nothing becomes a warning of its own (suppression-without-reason,
/// unused-suppression), so suppressions cannot rot silently.
void apply_suppressions(FileResult& file);

}  // namespace dsqlint
