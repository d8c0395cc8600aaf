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

/// Gives each file that has no steps and the content of an earlier one (Prisma's "-- This
/// is an empty migration.") an identity of its own, from its content and name: apply runs
/// nothing of it, so telling it apart cannot run anything twice, and tracking it by content
/// alone would make it the earlier file.
void tell_apart_empty_duplicates(Plan& plan);

/// Whether any step keeps the folder from running (an UNSUPPORTED statement).
bool refuses(const FilePlan& file);

/// The plan as `dsqlint plan` prints it: per file its hash and steps from `first_step`
/// (0-based), with transaction boundaries, job waits and batched copies.
std::string describe(const FilePlan& file, size_t first_step = 0);

}  // namespace dsqlint
