#pragma once
#include <optional>

#include <nlohmann/json.hpp>

#include "apply/lease_lock.h"
#include "apply/reconcile.h"

namespace dsqlint {

/// `status --json` (version 1): every file's state and steps, rows whose file is gone, and
/// the lock. The Lambda's response carries the same document.
nlohmann::json status_document(const Reconciliation& files, const std::optional<LockHolder>& holder);

/// Steps of `file` that are skipped because the target does not support them.
size_t skipped_steps(const FilePlan& file);

}  // namespace dsqlint
