#include "aws/credentials.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sys/wait.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dsqlint {

namespace {

using Section = std::map<std::string, std::string>;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string trimmed(std::string text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  const size_t end = text.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

/// The `[section]` of an INI file as the AWS CLI writes it: key = value lines; nullopt
/// when the file or the section is absent.
std::optional<Section> read_section(const std::string& path, const std::string& section) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::optional<Section> out;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    line = trimmed(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      inside = trimmed(line.substr(1, line.size() - 2)) == section;
      if (inside && !out) out.emplace();
      continue;
    }
    const size_t equals = line.find('=');
    if (inside && equals != std::string::npos) (*out)[trimmed(line.substr(0, equals))] = trimmed(line.substr(equals + 1));
  }
  return out;
}

std::string home_file(const char* variable, const std::string& default_name) {
  if (const std::string given = env(variable); !given.empty()) return given;
  const std::string home = env("HOME");
  return (home.empty() ? std::string(".") : home) + "/.aws/" + default_name;
}

std::optional<AwsCredentials> static_keys(const Section& section) {
  const auto get = [&](const char* key) {
    const auto it = section.find(key);
    return it == section.end() ? std::string() : it->second;
  };
  AwsCredentials out{get("aws_access_key_id"), get("aws_secret_access_key"), get("aws_session_token")};
  if (out.access_key_id.empty() || out.secret_access_key.empty()) return std::nullopt;
  return out;
}

/// Runs credential_process and reads its JSON (Version 1, AccessKeyId, SecretAccessKey,
/// SessionToken, Expiration), as the AWS CLI does.
Result<AwsCredentials> run_credential_process(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return Error{"cannot run credential_process"};
  std::string out;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = ::pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Error{fmt::format("credential_process exited with status {}", WIFEXITED(status) ? WEXITSTATUS(status) : -1)};
  const nlohmann::json json = nlohmann::json::parse(out, nullptr, false);
  if (!json.is_object() || json.value("Version", 0) != 1 || !json.contains("AccessKeyId") ||
      !json.contains("SecretAccessKey"))
    return Error{"credential_process did not print Version 1 JSON with AccessKeyId and SecretAccessKey"};
  return AwsCredentials{json["AccessKeyId"].get<std::string>(), json["SecretAccessKey"].get<std::string>(),
                        json.value("SessionToken", std::string())};
}

}  // namespace

Result<AwsCredentials> resolve_credentials() {
  std::vector<std::string> tried;
  auto environment = credentials_from_environment();
  if (environment) return environment;
  tried.push_back("the environment: " + environment.error().message.substr(0, environment.error().message.find(':')));

  std::string profile = env("AWS_PROFILE");
  if (profile.empty()) profile = env("AWS_DEFAULT_PROFILE");
  if (profile.empty()) profile = "default";
  const std::string credentials_file = home_file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
  const std::string config_file = home_file("AWS_CONFIG_FILE", "config");
  const auto in_credentials = read_section(credentials_file, profile);
  if (in_credentials)
    if (auto keys = static_keys(*in_credentials)) return *keys;
  const auto in_config = read_section(config_file, profile == "default" ? "default" : "profile " + profile);
  if (in_config) {
    if (auto keys = static_keys(*in_config)) return *keys;
    if (const auto process = in_config->find("credential_process"); process != in_config->end()) {
      auto got = run_credential_process(process->second);
      if (got) return got;
      tried.push_back(fmt::format("credential_process of profile {} in {}: {}", profile, config_file, got.error().message));
    }
  }
  if (in_credentials && in_credentials->contains("credential_process")) {
    auto got = run_credential_process(in_credentials->at("credential_process"));
    if (got) return got;
    tried.push_back(fmt::format("credential_process of profile {} in {}: {}", profile, credentials_file,
                                got.error().message));
  }
  tried.push_back(fmt::format("profile {} in {} and {}: {}", profile, credentials_file, config_file,
                              in_credentials || in_config ? "no aws_access_key_id and aws_secret_access_key"
                                                          : "no such profile"));
  return Error{fmt::format("no AWS credentials to sign the IAM token; tried {} (container credentials and EC2 "
                           "instance metadata are not read yet)",
                           fmt::join(tried, "; "))};
}

}  // namespace dsqlint
