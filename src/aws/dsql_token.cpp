#include "aws/dsql_token.h"

namespace dsqlint {

std::string dsql_auth_token(const std::string& endpoint, const std::string& region, bool admin,
                            const AwsCredentials& credentials, std::chrono::system_clock::time_point now,
                            int expires_seconds) {
  const PresignRequest request{.host = endpoint,
                               .params = {{"Action", admin ? "DbConnectAdmin" : "DbConnect"}},
                               .service = "dsql",
                               .region = region,
                               .expires_seconds = expires_seconds};
  return presign_url(request, credentials, now);
}

std::string rds_auth_token(const std::string& host, int port, const std::string& user, const std::string& region,
                           const AwsCredentials& credentials, std::chrono::system_clock::time_point now) {
  const PresignRequest request{.host = host + ":" + std::to_string(port),
                               .params = {{"Action", "connect"}, {"DBUser", user}},
                               .service = "rds-db",
                               .region = region,
                               .expires_seconds = 900};
  return presign_url(request, credentials, now);
}

std::string region_from_rds_host(std::string_view host) {
  constexpr std::string_view kSuffix = ".rds.amazonaws.com";
  if (host.ends_with('.')) host.remove_suffix(1);
  if (!host.ends_with(kSuffix)) return "";
  host.remove_suffix(kSuffix.size());
  const size_t dot = host.rfind('.');
  return dot == std::string_view::npos ? "" : std::string(host.substr(dot + 1));
}

std::string region_from_endpoint(std::string_view endpoint) {
  constexpr std::string_view kMarker = ".dsql.", kSuffix = ".on.aws";
  if (endpoint.ends_with('.')) endpoint.remove_suffix(1);
  if (!endpoint.ends_with(kSuffix)) return "";
  endpoint.remove_suffix(kSuffix.size());
  const size_t marker = endpoint.rfind(kMarker);
  if (marker == std::string_view::npos || marker == 0) return "";
  const std::string_view region = endpoint.substr(marker + kMarker.size());
  if (region.empty() || region.find('.') != std::string_view::npos) return "";
  return std::string(region);
}

}  // namespace dsqlint
