#include "apply/reconcile.h"

#include <map>
#include <set>

#include "aws/sha256.h"

namespace dsqlint {

namespace {

FileState state_of(const TrackedMigration& row) {
  if (row.state == "applied" || row.state == "baselined") return FileState::Applied;
  if (row.state == "failed") return FileState::Failed;
  return FileState::Running;
}

int steps_done(const TrackingState& tracking, const std::string& sha256) {
  const auto steps = tracking.steps.find(sha256);
  if (steps == tracking.steps.end()) return 0;
  int done = 0;
  for (const TrackedStep& step : steps->second) done += step.state != "running" ? 1 : 0;
  return done;
}

/// Whether every step an unfinished migration recorded as done is still the same
/// statement in the edited file (Atlas's rule: the executed prefix may not change).
bool same_executed_prefix(const TrackingState& tracking, const TrackedMigration& row, const FilePlan& file) {
  if (row.state == "applied" || row.state == "baselined") return false;
  const auto steps = tracking.steps.find(row.sha256);
  if (steps == tracking.steps.end()) return true;
  for (const TrackedStep& step : steps->second) {
    if (step.state == "running") continue;
    const auto index = static_cast<size_t>(step.index);
    if (index >= file.steps.size() || sha256_hex(file.steps[index].sql) != step.statement_sha256) return false;
  }
  return true;
}

}  // namespace

std::string_view file_state_name(FileState state) {
  switch (state) {
    case FileState::Pending: return "pending";
    case FileState::Applied: return "applied";
    case FileState::Running: return "running";
    case FileState::Failed: return "failed";
    case FileState::Edited: return "edited";
  }
  return "";
}

Reconciliation reconcile(const Plan& plan, const TrackingState& tracking) {
  Reconciliation out;
  std::map<std::string, const TrackedMigration*> by_hash, by_name;
  for (const TrackedMigration& row : tracking.migrations) {
    by_hash[row.sha256] = &row;
    by_hash[row.raw_sha256] = &row;
    by_name[row.filename] = &row;
  }
  std::set<const TrackedMigration*> matched;
  std::map<std::string, const FilePlan*> seen_content;
  for (const FilePlan& file : plan.files) {
    FileStatus status{.file = &file};
    if (const auto [it, fresh] = seen_content.emplace(file.sha256, &file); !fresh)
      out.duplicates.push_back(it->second->path + " and " + file.path + " have the same content");
    auto row = by_hash.find(file.sha256);
    if (row == by_hash.end()) row = by_hash.find(file.raw_sha256);
    if (row != by_hash.end()) {
      status.row = row->second;
      status.state = state_of(*row->second);
      status.renamed = row->second->filename != file.name;
      status.steps_done = steps_done(tracking, row->second->sha256);
      matched.insert(row->second);
    } else if (const auto named = by_name.find(file.name); named != by_name.end()) {
      status.row = named->second;
      matched.insert(named->second);
      status.edited_tail = same_executed_prefix(tracking, *named->second, file);
      status.state = status.edited_tail ? state_of(*named->second) : FileState::Edited;
      if (status.edited_tail) status.steps_done = steps_done(tracking, named->second->sha256);
    }
    out.files.push_back(status);
  }
  bool later_applied = false;
  for (auto it = out.files.rbegin(); it != out.files.rend(); ++it) {
    if (it->state == FileState::Pending && later_applied) it->out_of_order = true;
    if (it->state != FileState::Pending) later_applied = true;
  }
  for (const TrackedMigration& row : tracking.migrations)
    if (!matched.count(&row)) out.missing.push_back(&row);
  return out;
}

}  // namespace dsqlint
