#include "apply/heartbeat.h"

#include <algorithm>
#include <chrono>

namespace dsqlint {

Heartbeat::Heartbeat(SessionFactory& sessions, LeaseLock lock, int lease_seconds) : lock_(std::move(lock)) {
  auto session = sessions.open();
  if (!session) return;  // the runner still renews before every DDL on its own connection
  thread_ = std::thread(&Heartbeat::loop, this, std::move(*session), lease_seconds);
}

Heartbeat::~Heartbeat() {
  {
    std::lock_guard guard(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Heartbeat::loop(std::unique_ptr<Session> session, int lease_seconds) {
  const auto period = std::chrono::milliseconds(std::max(200, lease_seconds * 1000 / 5));
  std::unique_lock guard(mutex_);
  while (!wake_.wait_for(guard, period, [&] { return stopping_; })) {
    if (!lock_.renew(*session) && session->alive()) {
      lost_ = true;
      return;
    }
  }
}

}  // namespace dsqlint
