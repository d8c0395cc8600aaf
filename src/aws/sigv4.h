#pragma once
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace dsqlint {

/// An AWS access key; `session_token` is empty for long-term keys.
struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. Nothing else: no
/// profiles, SSO or instance metadata; the error names what is missing and says so.
Result<AwsCredentials> credentials_from_environment();

/// A GET of https://<host>/ with `params` in its query, to presign with SigV4: no headers
/// but host, an empty body.
struct PresignRequest {
  std::string host;
  std::vector<std::pair<std::string, std::string>> params;  ///< operation parameters, unencoded
  std::string service;
  std::string region;
  int expires_seconds = 900;
};

/// The SigV4 query-presigned URL of `request` signed at `now`, without "https://": the
/// operation parameters, then the X-Amz-* parameters in botocore's order (SigV4QueryAuth),
/// so the result is byte-equal to botocore's for the same inputs.
std::string presign_url(const PresignRequest& request, const AwsCredentials& credentials,
                        std::chrono::system_clock::time_point now);

/// SigV4's percent-encoding (RFC 3986): every byte but A-Z a-z 0-9 - _ . ~ as %XX.
std::string uri_encode(std::string_view text);

}  // namespace dsqlint
