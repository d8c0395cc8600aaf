#include "cli/file_settings.h"

#include <map>

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

/// Loads each config once, however many files it governs.
class ConfigCache {
 public:
  Result<std::shared_ptr<const Config>> get(const std::optional<fs::path>& file) {
    if (!file) return std::shared_ptr<const Config>();
    const std::string key = fs::absolute(*file).lexically_normal().string();
    if (const auto it = loaded_.find(key); it != loaded_.end()) return it->second;
    auto config = load_config(*file);
    if (!config) return config.error();
    return loaded_[key] = std::make_shared<const Config>(std::move(*config));
  }

 private:
  std::map<std::string, std::shared_ptr<const Config>> loaded_;
};

Result<FileSettings> settings_for(const std::shared_ptr<const Config>& config, const SettingsRequest& request) {
  const std::string target_text =
      !request.target.empty() ? request.target : (config && config->target ? *config->target : "dsql");
  auto target = parse_target(target_text);
  if (!target) return target.error();
  const std::string fail_on =
      !request.fail_on.empty() ? request.fail_on : (config && config->fail_on ? *config->fail_on : "warning");
  bool valid = false;
  const std::optional<Severity> threshold = parse_fail_on(fail_on, valid);
  if (!valid) return Error{"--fail-on must be info, warning, error or never"};
  return FileSettings{*target, threshold, config};
}

}  // namespace

std::optional<Severity> parse_fail_on(const std::string& text, bool& valid) {
  valid = true;
  if (text == "info") return Severity::Info;
  if (text == "warning") return Severity::Warning;
  if (text == "error") return Severity::Error;
  valid = text == "never";
  return std::nullopt;
}

bool fails(const FileResult& file, std::optional<Severity> threshold) {
  if (!threshold) return false;
  for (const StatementResult& statement : file.statements)
    for (const Finding& finding : statement.findings)
      if (!finding.suppressed && finding.severity >= *threshold) return true;
  return false;
}

Result<std::vector<FileSettings>> resolve_settings(const std::vector<InputFile>& inputs, const SettingsRequest& request) {
  ConfigCache cache;
  std::vector<FileSettings> out;
  out.reserve(inputs.size());
  if (!request.config.empty() || inputs.empty()) {
    std::optional<fs::path> file;
    if (!request.config.empty()) file = fs::path(request.config);
    auto config = cache.get(file);
    if (!config) return config.error();
    auto settings = settings_for(*config, request);
    if (!settings) return settings.error();
    out.assign(inputs.size(), *settings);
    if (inputs.empty()) out.push_back(*settings);  // the report still names a target
    return out;
  }
  // Files of one directory share its config, so their settings: resolved once per directory
  // (a folder check has 2,000 files and one directory).
  std::map<std::string, FileSettings, std::less<>> of_directory;
  for (const InputFile& input : inputs) {
    const std::string& place = input.path == "-" ? (input.display_path.empty() ? "." : input.display_path) : input.path;
    const std::string_view directory = std::string_view(place).substr(0, place.rfind('/') + 1);
    auto found = of_directory.find(directory);
    if (found == of_directory.end()) {
      auto config = cache.get(find_config(fs::path(place)));
      if (!config) return config.error();
      auto settings = settings_for(*config, request);
      if (!settings) return settings.error();
      found = of_directory.emplace(std::string(directory), std::move(*settings)).first;
    }
    out.push_back(found->second);
  }
  return out;
}

Result<std::vector<std::string>> default_paths(const SettingsRequest& request) {
  const std::optional<fs::path> file = request.config.empty() ? find_config(fs::current_path()) : fs::path(request.config);
  if (file) {
    auto config = load_config(*file);
    if (!config) return config.error();
    if (config->migrations) return std::vector<std::string>{config->migrations->string()};
  }
  return std::vector<std::string>{"migrations"};
}

void apply_rule_settings(FileResult& file, const Config& config) {
  if (config.rules.empty() && config.overrides.empty()) return;
  const fs::path path = file.source.path;
  for (StatementResult& statement : file.statements)
    for (Finding& finding : statement.findings) {
      const RuleSetting setting = config.rule_setting(finding.rule, path);
      if (setting.severity) finding.severity = *setting.severity;
      if (setting.off && !finding.suppressed)
        finding.suppressed = Suppressed{"config", "off in " + config.file.string()};
    }
}

}  // namespace dsqlint
