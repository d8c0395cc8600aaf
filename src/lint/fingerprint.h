#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "lint/file_result.h"

namespace dsqlint {

/// A finding's identity that survives edits which only move it: a hash of the file path,
/// the rule, the statement's tokens (whitespace and comments ignored, unquoted words
/// lower-cased) and how many identical (rule, statement) pairs came before it in the file.
/// Used by the baseline and SARIF's partialFingerprints; 16 hex digits.
using Fingerprint = std::string;

/// Fingerprints of every finding of a file, indexed [statement][finding].
std::vector<std::vector<Fingerprint>> fingerprints(const FileResult& file);

/// The hash of a statement's tokens, as used in its findings' fingerprints.
uint64_t statement_shape_hash(std::string_view text);

}  // namespace dsqlint
