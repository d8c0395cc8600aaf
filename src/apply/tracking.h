#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apply/database.h"
#include "core/result.h"

namespace dsqlint {

/// A row of __mantle_migrations (runner-research.md §6.1): one migration, by content.
struct TrackedMigration {
  std::string sha256, raw_sha256, filename, state;  ///< state: running | applied | failed
  int statements_total = 0, statements_done = 0, assumed_applied = 0;
  std::string run_id, applied_by, started_at, finished_at, last_sqlstate, last_error;
};

/// A row of __mantle_migration_steps: one step of one migration.
struct TrackedStep {
  int index = 0;
  std::string statement_sha256, kind, state;  ///< state: done | assumed_applied | skipped | running
  std::optional<std::string> cursor;
  long rows_done = 0;
};

/// What the tracking tables say; empty when they do not exist yet.
struct TrackingState {
  bool exists = false;
  std::vector<TrackedMigration> migrations;
  std::map<std::string, std::vector<TrackedStep>> steps;  ///< by migration sha256
};

/// Creates the three tracking tables, each in its own statement (DSQL: one DDL per
/// transaction); a race with another runner creating them is tolerated.
Result<bool> create_tracking_tables(Session& session);

/// Reads both tables without writing anything (status, --dry-run).
Result<TrackingState> read_tracking(Session& session);

}  // namespace dsqlint
