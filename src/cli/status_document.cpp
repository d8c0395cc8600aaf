#include "cli/status_document.h"

namespace dsqlint {

size_t skipped_steps(const FilePlan& file) {
  size_t count = 0;
  for (const Step& step : file.steps) count += step.kind == StepKind::Skip ? 1 : 0;
  return count;
}

nlohmann::json status_document(const Reconciliation& files, const std::optional<LockHolder>& holder) {
  nlohmann::json migrations = nlohmann::json::array();
  for (const FileStatus& status : files.files) {
    // An edited file's steps ran as the recorded content: its row counts them.
    const int done = status.state == FileState::Applied                ? static_cast<int>(status.file->steps.size())
                     : status.state == FileState::Edited && status.row ? status.row->statements_done
                                                                       : status.steps_done;
    migrations.push_back({{"file", status.file->name},
                          {"sha256", status.file->sha256},
                          {"state", std::string(file_state_name(status.state))},
                          {"steps_done", done},
                          {"steps_total", status.file->steps.size()},
                          {"skipped", skipped_steps(*status.file)},
                          {"out_of_order", status.out_of_order},
                          {"applied_at", status.row && !status.row->finished_at.empty() ? nlohmann::json(status.row->finished_at)
                                                                                        : nlohmann::json(nullptr)}});
  }
  for (const TrackedMigration* row : files.missing)
    migrations.push_back({{"file", row->filename}, {"sha256", row->sha256}, {"state", "missing"},
                          {"steps_done", row->statements_done}, {"steps_total", row->statements_total},
                          {"applied_at", row->finished_at}});
  const nlohmann::json lock = {{"held", holder.has_value() && !holder->expired},
                               {"owner", holder ? nlohmann::json(holder->owner) : nlohmann::json(nullptr)},
                               {"expires_at", holder ? nlohmann::json(holder->expires_at) : nlohmann::json(nullptr)}};
  return {{"version", 1}, {"migrations", migrations}, {"lock", lock}};
}

}  // namespace dsqlint
