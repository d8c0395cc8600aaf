#pragma once
#include <string>
#include <vector>

#include "apply/tracking.h"
#include "plan/plan.h"

namespace dsqlint {

/// Where one migration file stands against the tracking tables.
enum class FileState { Pending, Applied, Running, Failed, Edited };

std::string_view file_state_name(FileState state);  ///< "pending", "applied", ...

struct FileStatus {
  const FilePlan* file = nullptr;
  FileState state = FileState::Pending;
  const TrackedMigration* row = nullptr;  ///< the matching row; for Edited, the row of the same name
  bool renamed = false;                   ///< matched by content under another recorded name
  bool out_of_order = false;              ///< pending, but a later file was already applied
  /// Failed or interrupted, and edited only in steps that have not run: it continues
  /// with the new content (the recorded rows move to the new hash).
  bool edited_tail = false;
  int steps_done = 0;                     ///< steps recorded done, assumed applied or skipped
};

/// Files against rows: identity is the content hash (normalised or raw, so rows of a
/// runner that hashed raw bytes still match); a file whose name matches a row of other
/// content is Edited, never new (runner-research.md §6.2).
struct Reconciliation {
  std::vector<FileStatus> files;                   ///< in folder order
  std::vector<const TrackedMigration*> missing;    ///< rows whose file is gone
  std::vector<std::string> duplicates;             ///< "a.sql and b.sql have the same content"
};

Reconciliation reconcile(const Plan& plan, const TrackingState& tracking);
/// The result points into `tracking`: a temporary would leave it dangling.
Reconciliation reconcile(const Plan& plan, TrackingState&& tracking) = delete;

}  // namespace dsqlint
