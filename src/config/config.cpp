#include "config/config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include "cli/suggest.h"
#include "lint/rule.h"
#include "lint/target.h"

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFileName = ".dsqlint.toml";

/// An error at a place in the config file, with a suggestion when one is near.
Error error_at(const fs::path& file, const toml::source_region& where, std::string message,
               std::string_view word = {}, const std::vector<std::string_view>& candidates = {}) {
  std::optional<std::string_view> near = closest(word, candidates);
  for (const std::string_view candidate : candidates)  // "warn" -> "warning": too far for edit distance
    if (!near && word.size() >= 3 && candidate.starts_with(word)) near = candidate;
  if (near) message += fmt::format("; did you mean '{}'?", *near);
  return Error{fmt::format("{}:{}:{}: {}", file.string(), where.begin.line, where.begin.column, message)};
}

std::vector<std::string_view> rule_ids() {
  std::vector<std::string_view> out;
  for (const Rule* rule : all_rules()) out.push_back(rule->id);
  return out;
}

std::optional<Error> read_rules(const fs::path& file, const toml::node& node,
                                std::map<std::string, RuleSetting, std::less<>>& out) {
  const toml::table* table = node.as_table();
  if (!table) return error_at(file, node.source(), "rules must be a table of rule = \"off|info|warning|error\"");
  for (const auto& [key, value] : *table) {
    if (!find_rule(key.str())) return error_at(file, key.source(), fmt::format("unknown rule '{}'", key.str()), key.str(), rule_ids());
    const auto text = value.value<std::string>();
    RuleSetting setting;
    if (text == "off") setting.off = true;
    else if (text == "info") setting.severity = Severity::Info;
    else if (text == "warning") setting.severity = Severity::Warning;
    else if (text == "error") setting.severity = Severity::Error;
    else
      return error_at(file, value.source(), fmt::format("rule {} must be \"off\", \"info\", \"warning\" or \"error\"", key.str()),
                      text.value_or(""), {"off", "info", "warning", "error"});
    out[std::string(key.str())] = setting;
  }
  return std::nullopt;
}

std::optional<Error> read_override(const fs::path& file, const toml::node& node, PathOverride& out) {
  const toml::table* table = node.as_table();
  if (!table) return error_at(file, node.source(), "each [[overrides]] entry must be a table with paths and rules");
  for (const auto& [key, value] : *table) {
    if (key == "paths") {
      const toml::array* globs = value.as_array();
      if (!globs) return error_at(file, value.source(), "paths must be an array of globs");
      for (const toml::node& glob : *globs) {
        const auto text = glob.value<std::string>();
        if (!text) return error_at(file, glob.source(), "each path must be a string glob");
        out.globs.push_back(*text);
      }
    } else if (key == "rules") {
      if (auto problem = read_rules(file, value, out.rules)) return problem;
    } else {
      return error_at(file, key.source(), fmt::format("unknown key '{}' in [[overrides]]", key.str()), key.str(),
                      {"paths", "rules"});
    }
  }
  if (out.globs.empty()) return error_at(file, node.source(), "an [[overrides]] entry needs paths = [\"glob\", ...]");
  return std::nullopt;
}

std::optional<Error> read_root(const fs::path& file, const toml::table& root, Config& config) {
  const fs::path base = fs::absolute(file).parent_path();
  for (const auto& [key, value] : root) {
    const std::string_view name = key.str();
    if (name == "target" || name == "fail-on" || name == "migrations") {
      const auto text = value.value<std::string>();
      if (!text) return error_at(file, value.source(), fmt::format("{} must be a string", name));
      if (name == "target") {
        if (const auto target = parse_target(*text); !target)
          return error_at(file, value.source(), target.error().message);
        config.target = *text;
      } else if (name == "fail-on") {
        if (*text != "info" && *text != "warning" && *text != "error" && *text != "never")
          return error_at(file, value.source(), "fail-on must be \"info\", \"warning\", \"error\" or \"never\"", *text,
                          {"info", "warning", "error", "never"});
        config.fail_on = *text;
      } else {
        config.migrations = (base / *text).lexically_normal();
      }
    } else if (name == "rules") {
      if (auto problem = read_rules(file, value, config.rules)) return problem;
    } else if (name == "overrides") {
      const toml::array* entries = value.as_array();
      if (!entries) return error_at(file, value.source(), "overrides must be written as [[overrides]] tables");
      for (const toml::node& entry : *entries) {
        PathOverride override_entry;
        if (auto problem = read_override(file, entry, override_entry)) return problem;
        config.overrides.push_back(std::move(override_entry));
      }
    } else {
      return error_at(file, key.source(), fmt::format("unknown key '{}'", name), name,
                      {"target", "fail-on", "migrations", "rules", "overrides"});
    }
  }
  return std::nullopt;
}

bool glob_match_at(std::string_view glob, std::string_view path) {
  if (glob.empty()) return path.empty();
  if (glob.starts_with("**")) {
    std::string_view rest = glob.substr(2);
    if (rest.starts_with("/")) rest.remove_prefix(1);
    if (rest.empty()) return true;  // a trailing ** takes everything below
    for (size_t i = 0; i <= path.size(); ++i)
      if ((i == 0 || path[i - 1] == '/') && glob_match_at(rest, path.substr(i))) return true;
    return false;
  }
  if (glob.front() == '*') {
    for (size_t i = 0; i <= path.size(); ++i) {
      if (glob_match_at(glob.substr(1), path.substr(i))) return true;
      if (i < path.size() && path[i] == '/') break;
    }
    return false;
  }
  if (path.empty()) return false;
  if (glob.front() == '?' ? path.front() == '/' : glob.front() != path.front()) return false;
  return glob_match_at(glob.substr(1), path.substr(1));
}

}  // namespace

bool glob_match(std::string_view glob, std::string_view path) { return glob_match_at(glob, path); }

RuleSetting Config::rule_setting(std::string_view rule, const fs::path& path) const {
  RuleSetting setting;
  if (const auto it = rules.find(rule); it != rules.end()) setting = it->second;
  if (overrides.empty()) return setting;
  const fs::path base = file.empty() ? fs::current_path() : fs::absolute(file).parent_path();
  const std::string relative = fs::absolute(path).lexically_normal().lexically_relative(base).generic_string();
  for (const PathOverride& entry : overrides)
    for (const std::string& glob : entry.globs)
      if (glob_match(glob, relative)) {
        if (const auto it = entry.rules.find(rule); it != entry.rules.end()) setting = it->second;
        break;
      }
  return setting;
}

Result<Config> load_config(const fs::path& file) {
  Config config{.file = file};
  try {
    const toml::table root = toml::parse_file(file.string());
    if (auto problem = read_root(file, root, config)) return *problem;
  } catch (const toml::parse_error& error) {
    if (!fs::exists(file)) return Error{fmt::format("{}: no such config file", file.string())};
    return error_at(file, error.source(), std::string(error.description()));
  }
  return config;
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    if (fs::is_regular_file(dir / kFileName, ec)) return dir / kFileName;
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path()) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace dsqlint
