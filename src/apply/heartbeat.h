#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "apply/database.h"
#include "apply/lease_lock.h"

namespace dsqlint {

/// Renews the lease from a second connection every fifth of its length, so a statement
/// that runs for minutes cannot outlive it (runner-research.md §6.3.2). Once a renewal
/// finds the lease taken over, `lost()` stays true and the runner stops before its next
/// step.
class Heartbeat {
 public:
  Heartbeat(SessionFactory& sessions, LeaseLock lock, int lease_seconds);
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  bool lost() const { return lost_; }

 private:
  void loop(std::unique_ptr<Session> session, int lease_seconds);

  LeaseLock lock_;
  std::atomic<bool> lost_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dsqlint
