#include "apply/lease_lock.h"

#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

std::string lease(int seconds) { return "now() + interval '" + std::to_string(seconds) + " seconds'"; }

}  // namespace

QueryResult LeaseLock::create_table(Session& session) {
  return session.exec(
      "CREATE TABLE IF NOT EXISTS __mantle_migration_lock (lock_name text PRIMARY KEY, owner_id text, "
      "fencing_token bigint NOT NULL DEFAULT 0, acquired_at timestamptz, heartbeat_at timestamptz, "
      "expires_at timestamptz)");
}

bool LeaseLock::try_acquire(Session& session, std::optional<LockHolder>& holder, QueryResult& error, bool row_locks) {
  if (row_locks) session.exec("SET lock_timeout = '2s'");
  const QueryResult taken = session.exec_params(
      "INSERT INTO __mantle_migration_lock (lock_name, owner_id, fencing_token, acquired_at, heartbeat_at, expires_at) "
      "VALUES ('apply', $1, 1, now(), now(), " + lease(lease_seconds_) + ") "
      "ON CONFLICT (lock_name) DO UPDATE SET owner_id = EXCLUDED.owner_id, "
      "fencing_token = __mantle_migration_lock.fencing_token + 1, acquired_at = now(), heartbeat_at = now(), "
      "expires_at = EXCLUDED.expires_at "
      "WHERE __mantle_migration_lock.owner_id IS NULL OR __mantle_migration_lock.expires_at < now() "
      "RETURNING fencing_token",
      {owner_});
  if (row_locks) session.exec("RESET lock_timeout");
  if (taken.ok() && !taken.rows.empty()) {
    token_ = std::stol(taken.scalar().value_or("0"));
    return true;
  }
  const bool contended = taken.conflict() || taken.sqlstate == "23505" || taken.sqlstate == "55P03";
  if (!taken.ok() && !contended) error = taken;
  holder = LeaseLock::holder(session);
  return false;
}

bool LeaseLock::renew(Session& session) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const QueryResult renewed = session.exec_params(
        "UPDATE __mantle_migration_lock SET heartbeat_at = now(), expires_at = " + lease(lease_seconds_) +
            " WHERE lock_name = 'apply' AND owner_id = $1 AND fencing_token = $2 RETURNING 1",
        {owner_, std::to_string(token_)});
    if (!renewed.conflict()) return renewed.ok() && !renewed.rows.empty();
    // 40001: a fenced transaction of ours touched the row at the same time; a takeover
    // shows up as zero rows on the next attempt.
  }
  return false;
}

void LeaseLock::release(Session& session) {
  session.exec_params(
      "UPDATE __mantle_migration_lock SET owner_id = NULL, expires_at = NULL "
      "WHERE lock_name = 'apply' AND owner_id = $1 AND fencing_token = $2",
      {owner_, std::to_string(token_)});
}

std::optional<LockHolder> LeaseLock::holder(Session& session) {
  const QueryResult row = session.exec(
      "SELECT owner_id, acquired_at::text, expires_at::text, expires_at < now() FROM __mantle_migration_lock "
      "WHERE lock_name = 'apply' AND owner_id IS NOT NULL");
  if (!row.ok() || row.rows.empty()) return std::nullopt;
  const Row& r = row.rows.front();
  return LockHolder{r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or("f") == "t"};
}

QueryResult LeaseLock::clear(Session& session) {
  return session.exec("UPDATE __mantle_migration_lock SET owner_id = NULL, expires_at = NULL WHERE lock_name = 'apply'");
}

std::string LeaseLock::fence_sql() const {
  return "SELECT fencing_token FROM __mantle_migration_lock WHERE lock_name = 'apply' AND owner_id = " +
         quote_literal(owner_) + " AND fencing_token = " + std::to_string(token_) + " FOR UPDATE";
}

}  // namespace dsqlint
