#include "apply/retry.h"

#include <algorithm>
#include <random>
#include <thread>

namespace dsqlint {

QueryResult with_retry(const std::function<QueryResult()>& attempt, const RetryPolicy& policy, RetryCount& count,
                       const std::function<void(int, const QueryResult&)>& on_retry) {
  thread_local std::mt19937 random{std::random_device{}()};
  auto delay = policy.first_delay;
  for (int n = 1;; ++n) {
    QueryResult result = attempt();
    if (!result.conflict() || n >= policy.max_attempts) return result;
    ++count.conflicts;
    if (on_retry) on_retry(n, result);
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::milliseconds>(delay * jitter(random)));
    delay = std::min(policy.max_delay, delay * 2);
  }
}

}  // namespace dsqlint
