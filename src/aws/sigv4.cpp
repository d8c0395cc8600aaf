#include "aws/sigv4.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "aws/sha256.h"

namespace dsqlint {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

/// 20241107T173933Z: SigV4's timestamp, in UTC.
std::string amz_date(std::chrono::system_clock::time_point now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string join(const Query& query) {
  std::string out;
  for (const auto& [key, value] : query) out += (out.empty() ? "" : "&") + key + "=" + value;
  return out;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

/// The hex signature of the canonical request for `query` (already encoded).
std::string signature(const PresignRequest& request, Query query, const std::string& date, const std::string& scope,
                      const std::string& secret) {
  std::sort(query.begin(), query.end());
  const std::string canonical = "GET\n/\n" + join(query) + "\nhost:" + lower(request.host) + "\n\nhost\n" + sha256_hex("");
  const std::string to_sign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + sha256_hex(canonical);
  std::string key = hmac_sha256("AWS4" + secret, date.substr(0, 8));
  for (const std::string& part : {request.region, request.service, std::string("aws4_request")}) key = hmac_sha256(key, part);
  return to_hex(hmac_sha256(key, to_sign));
}

}  // namespace

Result<AwsCredentials> credentials_from_environment() {
  AwsCredentials credentials{env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_SESSION_TOKEN")};
  std::vector<std::string> missing;
  if (credentials.access_key_id.empty()) missing.push_back("AWS_ACCESS_KEY_ID");
  if (credentials.secret_access_key.empty()) missing.push_back("AWS_SECRET_ACCESS_KEY");
  if (missing.empty()) return credentials;
  return Error{fmt::format("{} {} not set: the IAM token for DSQL is signed with credentials from the environment only "
                           "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), not from profiles, SSO or "
                           "instance metadata; export them first, e.g. eval \"$(aws configure export-credentials "
                           "--format env)\"",
                           fmt::join(missing, " and "), missing.size() == 1 ? "is" : "are")};
}

std::string uri_encode(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') out += c;
    else out += fmt::format("%{:02X}", byte);
  }
  return out;
}

std::string presign_url(const PresignRequest& request, const AwsCredentials& credentials,
                        std::chrono::system_clock::time_point now) {
  const std::string date = amz_date(now);
  const std::string scope = date.substr(0, 8) + "/" + request.region + "/" + request.service + "/aws4_request";
  Query query;
  for (const auto& [key, value] : request.params) query.emplace_back(uri_encode(key), uri_encode(value));
  query.emplace_back("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  query.emplace_back("X-Amz-Credential", uri_encode(credentials.access_key_id + "/" + scope));
  query.emplace_back("X-Amz-Date", date);
  query.emplace_back("X-Amz-Expires", std::to_string(request.expires_seconds));
  query.emplace_back("X-Amz-SignedHeaders", "host");
  if (!credentials.session_token.empty()) query.emplace_back("X-Amz-Security-Token", uri_encode(credentials.session_token));
  const std::string signed_hex = signature(request, query, date, scope, credentials.secret_access_key);
  return request.host + "/?" + join(query) + "&X-Amz-Signature=" + signed_hex;
}

}  // namespace dsqlint
