#pragma once
#include <string>

namespace dsqlint {

/// Serves as an AWS Lambda custom runtime (the MigrateDSQL function): each invocation
/// applies the bundled migrations folder, with the lock and everything `apply` does, and
/// answers `{"applied": [...], "status": <status --json>}`. Returns only when the Runtime
/// API cannot be reached, or when initialisation failed (reported to /init/error).
int run_lambda();

/// Writes a zip for Lambda's provided.al2023 runtime: `bootstrap` at its root, this binary,
/// every shared library it runs with (the dynamic loader and libc included), a CA bundle
/// and the migrations folder.
int run_lambda_package(const std::string& folder, const std::string& output);

}  // namespace dsqlint
