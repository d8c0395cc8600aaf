#pragma once

namespace dsqlint::testing {

/// The steps table apply keeps (apply/tracking.cpp), and the running step of migration
/// 'm1' whose cursor a rebuild run directly (run_recreation) reads and writes.
inline constexpr const char* kRecreationStepRow =
    "CREATE TABLE __mantle_migration_steps (migration_sha256 text NOT NULL, step_index integer NOT NULL, "
    "statement_sha256 text NOT NULL, kind text NOT NULL, state text NOT NULL, cursor text, rows_done bigint NOT NULL "
    "DEFAULT 0, job_id text, finished_at timestamptz, PRIMARY KEY (migration_sha256, step_index));"
    "INSERT INTO __mantle_migration_steps VALUES ('m1', 0, 's', 'recreate_copy', 'running', NULL, 0, NULL, NULL)";

}  // namespace dsqlint::testing
