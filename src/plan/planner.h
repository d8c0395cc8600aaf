#pragma once
#include <string>
#include <string_view>

#include "lint/file_result.h"
#include "plan/plan.h"

namespace dsqlint {

/// Turns one checked file (classified for target_for(provider), catalog replayed) into
/// the steps apply runs, in order: what `check` says is exactly what `apply` does.
FilePlan plan_file(const FileResult& file, Provider provider);

/// The migration's identity: SHA-256 of its content with a leading UTF-8 BOM removed and
/// CRLF/CR turned into LF, so a checkout with other line ends is the same migration.
std::string normalized_sha256(std::string_view bytes);

/// Whether any step keeps the folder from running (an UNSUPPORTED statement).
bool refuses(const FilePlan& file);

/// The plan as `dsqlint plan` prints it: per file its hash and steps from `first_step`
/// (0-based), with transaction boundaries, job waits and batched copies.
std::string describe(const FilePlan& file, size_t first_step = 0);

}  // namespace dsqlint
