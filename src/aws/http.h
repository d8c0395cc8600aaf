#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace dsqlint {

struct HttpResponse {
  long status = 0;
  std::string body;
};

/// One HTTP request through libcurl, with a short timeout: the local credential endpoints
/// (ECS/EKS container credentials, EC2 instance metadata) answer at once or not at all.
Result<HttpResponse> http_request(const std::string& method, const std::string& url,
                                  const std::vector<std::string>& headers, long timeout_ms = 2000);

}  // namespace dsqlint
