#include "cli/inputs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

std::string join(const std::string& folder, const std::string& name) {
  if (folder.empty() || folder.ends_with('/')) return folder + name;
  return folder + "/" + name;
}

/// The migration tags of meta/_journal.json in journal order, or an error message.
Result<std::vector<std::string>> journal_tags(const fs::path& journal) {
  std::ifstream in(journal);
  const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array())
    return Error{journal.string() + ": not a Drizzle journal (expected an object with an \"entries\" array)"};
  std::vector<std::pair<long, std::string>> entries;
  for (const auto& entry : doc["entries"]) {
    if (!entry.is_object() || !entry.contains("tag") || !entry["tag"].is_string())
      return Error{journal.string() + ": an entry has no \"tag\" string"};
    const long idx = entry.contains("idx") && entry["idx"].is_number_integer() ? entry["idx"].get<long>()
                                                                                 : static_cast<long>(entries.size());
    entries.emplace_back(idx, entry["tag"].get<std::string>());
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> tags;
  for (auto& [idx, tag] : entries) tags.push_back(std::move(tag));
  return tags;
}

void collect_folder(const std::string& folder, std::vector<InputFile>& out) {
  std::vector<std::string> files;  // relative to folder
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".sql")
      files.push_back(fs::relative(it->path(), folder).generic_string());
  }
  if (error) {
    out.push_back(InputFile{folder, folder, folder + ": cannot list folder: " + error.message()});
    return;
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> listed;
  const fs::path journal = fs::path(folder) / "meta" / "_journal.json";
  if (fs::exists(journal)) {
    auto tags = journal_tags(journal);
    if (!tags) {
      out.push_back(InputFile{journal.string(), journal.string(), tags.error().message});
      return;
    }
    for (const std::string& tag : *tags) {
      const std::string name = tag + ".sql";
      listed.insert(name);
      const std::string path = join(folder, name);
      const bool present = std::binary_search(files.begin(), files.end(), name);
      out.push_back(InputFile{path, path, present ? "" : path + ": listed in meta/_journal.json but missing"});
    }
  }
  for (const std::string& name : files)
    if (!listed.contains(name)) out.push_back(InputFile{join(folder, name), join(folder, name), ""});
}

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename) {
  std::vector<InputFile> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back(InputFile{"-", stdin_filename.empty() ? "<stdin>" : stdin_filename, ""});
    } else if (fs::is_directory(path)) {
      collect_folder(path, out);
    } else if (fs::exists(path)) {
      out.push_back(InputFile{path, path, ""});
    } else {
      out.push_back(InputFile{path, path, path + ": no such file or directory"});
    }
  }
  return out;
}

}  // namespace dsqlint
