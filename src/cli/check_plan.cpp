#include "cli/check_plan.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <variant>

#include "cli/migrations_folder.h"

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

struct NamedFile {
  InputFile input;
  std::string relative;  ///< inside its migrations folder
};

/// The named files of one migrations folder.
struct FolderGroup {
  std::string folder;
  std::vector<NamedFile> named;
};

/// Command-line order: an input of catalog 0, or the place of a folder group.
using Step = std::variant<InputFile, size_t>;

/// One spelling of a file or folder, however the command line wrote it.
std::string path_key(const std::string& path) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  return error ? fs::absolute(path).lexically_normal().string() : canonical.string();
}

/// Appends a group: its folder's files up to the last named one, named ones reported.
void expand_group(const FolderGroup& group, size_t catalog, CheckPlan& plan) {
  std::vector<std::string> assumed;
  for (const NamedFile& file : group.named) assumed.push_back(file.relative);
  std::vector<InputFile> listing = folder_inputs(group.folder, assumed);
  std::map<size_t, const InputFile*> named_at;  // listing index -> the named input
  for (const NamedFile& file : group.named) {
    const std::string path = join_path(group.folder, file.relative);
    const auto it =
        std::find_if(listing.begin(), listing.end(), [&](const InputFile& in) { return in.display_path == path; });
    if (it == listing.end()) {
      // The folder cannot be read in apply order (a broken journal ...): no history.
      const std::string why = listing.empty() ? group.folder + ": no files" : listing.front().problem;
      plan.notes.push_back(why + "; " + file.input.display_path + " is checked without the history of its folder");
      plan.inputs.push_back(PlannedInput{file.input, true, catalog});
      continue;
    }
    named_at.emplace(static_cast<size_t>(it - listing.begin()), &file.input);
  }
  const size_t end = named_at.empty() ? 0 : named_at.rbegin()->first + 1;
  plan.inputs.reserve(plan.inputs.size() + end);
  for (size_t i = 0; i < end; ++i) {
    const auto named = named_at.find(i);
    if (named != named_at.end()) plan.inputs.push_back(PlannedInput{*named->second, true, catalog});
    else plan.inputs.push_back(PlannedInput{std::move(listing[i]), false, catalog});
  }
}

}  // namespace

CheckPlan plan_check(const std::vector<std::string>& paths, const std::string& stdin_filename, bool with_history) {
  std::vector<Step> steps;
  std::vector<FolderGroup> groups;
  std::map<std::string, size_t> group_of;
  for (const std::string& path : paths) {
    const bool is_stdin = path == "-";
    if (!is_stdin && (fs::is_directory(path) || !fs::exists(path))) {
      for (InputFile& input : collect_inputs({path}, "")) steps.emplace_back(std::move(input));
      continue;
    }
    const InputFile named = collect_inputs({path}, stdin_filename).front();
    const std::string place = is_stdin ? stdin_filename : path;
    const auto folder = with_history && !place.empty() ? find_migrations_folder(place) : std::nullopt;
    if (!folder) {
      steps.emplace_back(named);
      continue;
    }
    const auto [it, fresh] = group_of.emplace(path_key(folder->folder), groups.size());
    if (fresh) {
      groups.push_back(FolderGroup{folder->folder, {}});
      steps.emplace_back(it->second);
    }
    groups[it->second].named.push_back(NamedFile{named, folder->relative});
  }
  CheckPlan plan;
  for (Step& step : steps) {
    if (auto* input = std::get_if<InputFile>(&step)) plan.inputs.push_back(PlannedInput{std::move(*input), true, 0});
    else expand_group(groups[std::get<size_t>(step)], plan.catalogs++, plan);
  }
  return plan;
}

std::optional<std::string> stdin_named_twice(const std::vector<std::string>& paths, const std::string& stdin_filename) {
  if (stdin_filename.empty() || std::find(paths.begin(), paths.end(), "-") == paths.end()) return std::nullopt;
  const std::string buffer = path_key(stdin_filename);
  for (const std::string& path : paths)
    if (path != "-" && path_key(path) == buffer)
      return path + " is named twice, once as stdin through --stdin-filename; name it once";
  return std::nullopt;
}

std::vector<PlannedInput> plan_all_reported(const std::vector<InputFile>& inputs) {
  std::vector<PlannedInput> out;
  out.reserve(inputs.size());
  for (const InputFile& input : inputs) out.push_back(PlannedInput{input, true, 0});
  return out;
}

}  // namespace dsqlint
