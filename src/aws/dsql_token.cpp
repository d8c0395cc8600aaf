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
