#include "aws/credentials.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sys/wait.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "aws/http.h"

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

/// The JSON the container endpoint and instance metadata answer: AccessKeyId,
/// SecretAccessKey, Token.
Result<AwsCredentials> from_credentials_json(const std::string& body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("AccessKeyId") || !json.contains("SecretAccessKey") ||
      !json["AccessKeyId"].is_string() || !json["SecretAccessKey"].is_string())
    return Error{"the answer holds no AccessKeyId and SecretAccessKey"};
  return AwsCredentials{json["AccessKeyId"].get<std::string>(), json["SecretAccessKey"].get<std::string>(),
                        json.value("Token", std::string())};
}

/// ECS, CodeBuild and EKS Pod Identity: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on
/// 169.254.170.2) or _FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE) if set.
std::optional<Result<AwsCredentials>> container_credentials() {
  std::string url;
  if (const std::string relative = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); !relative.empty())
    url = "http://169.254.170.2" + relative;
  else url = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (url.empty()) return std::nullopt;
  std::vector<std::string> headers;
  std::string token = env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  if (const std::string file = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); !file.empty()) {
    std::ifstream in(file);
    if (!in) return Result<AwsCredentials>(Error{"cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file});
    std::getline(in, token);
  }
  if (!token.empty()) headers.push_back("Authorization: " + trimmed(token));
  const auto answer = http_request("GET", url, headers);
  if (!answer) return Result<AwsCredentials>(Error{"container credentials endpoint: " + answer.error().message});
  if (answer->status != 200)
    return Result<AwsCredentials>(Error{fmt::format("container credentials endpoint answered HTTP {}", answer->status)});
  return from_credentials_json(answer->body);
}

/// EC2 instance metadata, IMDSv2: a session token (PUT), the role's name, its credentials.
Result<AwsCredentials> instance_credentials() {
  std::string base = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (base.empty()) base = "http://169.254.169.254";
  while (base.ends_with('/')) base.pop_back();
  const auto session = http_request("PUT", base + "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds: 21600"});
  if (!session) return Error{"instance metadata at " + base + ": " + session.error().message};
  if (session->status != 200) return Error{fmt::format("instance metadata at {} answered HTTP {} for a token", base, session->status)};
  const std::vector<std::string> headers{"X-aws-ec2-metadata-token: " + trimmed(session->body)};
  const std::string path = base + "/latest/meta-data/iam/security-credentials/";
  const auto roles = http_request("GET", path, headers);
  if (!roles || roles->status != 200) return Error{"instance metadata at " + base + ": no IAM role attached"};
  const std::string role = trimmed(roles->body.substr(0, roles->body.find('\n')));
  const auto answer = http_request("GET", path + role, headers);
  if (!answer || answer->status != 200) return Error{"instance metadata at " + base + ": no credentials for role " + role};
  return from_credentials_json(answer->body);
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
  if (auto container = container_credentials()) {
    if (*container) return *container;
    tried.push_back(container->error().message);
  } else {
    tried.push_back("container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set");
  }
  if (env("AWS_EC2_METADATA_DISABLED") == "true") {
    tried.push_back("instance metadata: AWS_EC2_METADATA_DISABLED is true");
  } else {
    auto instance = instance_credentials();
    if (instance) return instance;
    tried.push_back(instance.error().message);
  }
  return Error{fmt::format("no AWS credentials to sign the IAM token; tried {}", fmt::join(tried, "; "))};
}

}  // namespace dsqlint
