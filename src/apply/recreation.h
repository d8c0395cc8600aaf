#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "apply/database.h"
#include "apply/retry.h"
#include "plan/recreation_spec.h"

namespace dsqlint {

/// Everything a rebuild needs besides its spec: where its progress is kept, the lease
/// fence, DSQL's per-transaction limits, and hooks for output and tests.
struct RecreationContext {
  /// With step_index: the __mantle_migration_steps row (it exists already) whose cursor
  /// and rows_done each copy batch updates in its own transaction, so a batch is exactly-once.
  std::string migration_sha256;
  int step_index = 0;
  /// Runs first in every batch transaction (SELECT ... FOR UPDATE on the lock row); no
  /// row back means the lease is lost and the rebuild stops. Empty: no fence.
  std::string fence_sql;
  long max_rows = 3000;          ///< rows modified per transaction, the step row included
  long max_bytes = 10L << 20;    ///< bytes modified per transaction (estimated per row)
  long first_batch = 500;        ///< rows; halves on 54000, doubles after 4 clean batches
  RetryPolicy retry;             ///< 40001 on a batch or on a DDL statement
  std::function<void(long rows_done, long rows_total)> progress;
  /// Called at each phase boundary: "created", "batch" (after each committed batch),
  /// "copied", "verified", "unique_index_built" and "unique_attached" (for each UNIQUE made
  /// from an index, RecreatedIndex::attach_sql), "indexed", "renamed_old", "renamed_new", "dropped", "finished",
  /// and those of the carried dependents (recreation_carry.h): "own_keys_added",
  /// "own_keys_validated", "views_dropped", "keys_dropped", "keys_added", "keys_validated",
  /// "views_created", "granted", "sequences_moved".
  std::function<void(std::string_view phase)> checkpoint;
};

/// What one run of a rebuild did, or where it stopped and why.
struct RecreationResult {
  std::string sqlstate;    ///< of the failing statement; empty when the refusal is dsqlint's own
  std::string error;       ///< empty on success; else what failed (a refusal: also the tables' state, what to do)
  /// With an error, unless the rebuild refused to start: what the tables hold now
  /// ("the swap is done: ..."), whether the step is partly done, and what the next apply
  /// does from there ("drops ... after verifying the row counts again").
  std::string state;
  bool partly_done = false;
  std::string resume;
  std::string resumed_at;  ///< the state found: "start", "copy", "swap", "drop" or "done"
  long rows_total = 0;     ///< rows in the table when the copy started
  long rows_done = 0;      ///< rows copied so far, earlier runs included (the step's rows_done)
  long rows_copied = 0;    ///< rows this run inserted
  long batches = 0;        ///< batches this run committed
  int retries = 0;         ///< 40001 answers retried
  int halvings = 0;        ///< 54000 answers: the batch was halved
  std::vector<std::string> warnings;  ///< e.g. an index that keeps its temporary name

  bool ok() const { return error.empty(); }
};

/// Rebuilds `spec.table` through `session` (autocommit DDL, one statement each; each
/// copy batch one DML transaction). Resumable after a crash at any point: the phase is
/// read from which of the table, the new and the old table exist and from the step's
/// cursor. It never drops a table that may hold the only copy of the rows: the new
/// table only while the original exists and the copy has not started, the old one
/// only once the swapped-in table is verified.
RecreationResult run_recreation(Session& session, const RecreationSpec& spec, const RecreationContext& context);

}  // namespace dsqlint
