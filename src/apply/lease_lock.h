#pragma once
#include <optional>
#include <string>

#include "apply/database.h"

namespace dsqlint {

/// Who holds the apply lease, as the lock row says (database clock).
struct LockHolder {
  std::string owner;
  std::string acquired_at;
  std::string expires_at;
  bool expired = false;
};

/// The lease lock row in __mantle_migration_lock (runner-research.md §6.3; Mantle's table,
/// so existing databases stay compatible). DSQL has no advisory locks: the lease is one
/// row taken by one conditional statement, renewed by a heartbeat, and fenced: a runner
/// whose lease was taken over stops before its next write.
class LeaseLock {
 public:
  LeaseLock(std::string owner, int lease_seconds) : owner_(std::move(owner)), lease_seconds_(lease_seconds) {}

  /// Creates the lock table if missing (a race with other runners is fine).
  static QueryResult create_table(Session& session);
  /// Takes the lease if it is free or expired. False with `holder` set when held; an
  /// error answer (not a conflict) is returned as `error`. `row_locks`: on PostgreSQL a
  /// holder's fenced transaction row-locks the lease, so the attempt gives up after 2 s
  /// (lock_timeout) instead of waiting past --lock-wait; DSQL has no such waits (OCC).
  bool try_acquire(Session& session, std::optional<LockHolder>& holder, QueryResult& error, bool row_locks = false);
  /// Extends the lease; false when it is no longer ours (taken over: stop).
  bool renew(Session& session);
  /// Gives the lease back, only if it is still ours.
  void release(Session& session);
  /// Reads the holder without taking anything (status, unlock).
  static std::optional<LockHolder> holder(Session& session);
  /// Clears the lease whoever holds it (unlock --force).
  static QueryResult clear(Session& session);

  /// A statement for the start of every data transaction: returns one row only while
  /// the lease is ours, and locks the row so a takeover and this transaction cannot
  /// both commit.
  std::string fence_sql() const;
  const std::string& owner() const { return owner_; }
  long token() const { return token_; }

 private:
  std::string owner_;
  int lease_seconds_;
  long token_ = 0;
};

}  // namespace dsqlint
