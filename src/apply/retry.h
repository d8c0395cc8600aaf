#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "apply/database.h"

namespace dsqlint {

/// Optimistic-concurrency retries (runner-research.md §4): 40001 only, the whole
/// transaction again, 100 ms doubling to 5 s with ±50 % jitter, bounded.
struct RetryPolicy {
  int max_attempts = 10;
  std::chrono::milliseconds first_delay{100};
  std::chrono::milliseconds max_delay{5000};
};

struct RetryCount {
  int conflicts = 0;  ///< 40001 answers retried
};

/// Runs `attempt` until it does not answer 40001 or the attempts are spent; `on_retry`
/// hears each conflict (for the output) before the pause. Returns the last answer.
QueryResult with_retry(const std::function<QueryResult()>& attempt, const RetryPolicy& policy, RetryCount& count,
                       const std::function<void(int attempt, const QueryResult&)>& on_retry = {});

}  // namespace dsqlint
