#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace dsqlint {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names in lower case

  /// The value of header `name` (lower case), or empty.
  std::string header(const std::string& name) const;
};

/// One HTTP request through libcurl, with a short timeout by default: the local credential
/// endpoints (ECS/EKS container credentials, EC2 instance metadata) answer at once or not
/// at all. `timeout_ms` 0 waits as long as the answer takes (the Lambda Runtime API's long
/// poll); the connection itself still must open within 2 s.
Result<HttpResponse> http_request(const std::string& method, const std::string& url,
                                  const std::vector<std::string>& headers, long timeout_ms = 2000,
                                  const std::string& body = {});

}  // namespace dsqlint
