#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "apply/recreation.h"

namespace dsqlint {

/// The step's cursor once the new table is swapped in: it tells a finished rebuild from
/// one that has not started, when only the table is left. With identity columns it is a JSON
/// object that also names their old sequences (recreation_identity.h).
inline constexpr std::string_view kSwappedCursor = "\"swapped\"";

/// The DML transactions of a rebuild, the way DSQL allows them (no DDL inside): BEGIN,
/// the lease fence, the body, COMMIT; rolled back on any failure, a failed COMMIT included.
class StepTransactions {
 public:
  StepTransactions(Session& session, const RecreationContext& context) : db_(session), ctx_(context) {}

  /// Runs `body` in one fenced transaction and returns the answer that failed, or
  /// COMMIT's. When the fence returns no row, or the body finds the step row gone, it
  /// rolls back and aborted() says why.
  QueryResult run(const std::function<QueryResult()>& body);
  /// Inside run(): sets the step's cursor and adds `rows` to its rows_done (reset to 0 first).
  QueryResult save_progress(const std::optional<std::string>& cursor, long rows, bool reset = false);
  const std::string& aborted() const { return abort_; }

 private:
  Session& db_;
  const RecreationContext& ctx_;
  std::string abort_;
};

/// Why a copy stopped: what failed, and the server's answer when there is one.
struct CopyFailure {
  std::string what;
  QueryResult answer;
};

/// Copies the rows of spec.table after `cursor` (the step's: a JSON array of the last
/// copied key's values as text) into spec.new_table in key order. Each batch is one
/// transaction together with the step's progress, so it is exactly-once: at most
/// max_rows - 1 rows (the step row is the last) and about max_bytes, starting at
/// first_batch and doubling after clean batches, halved for good on 54000, retried on
/// 40001. Keeps `cursor` and the counters of `result` current and reports every
/// committed batch (context.progress, checkpoint "batch").
std::optional<CopyFailure> copy_rows(Session& session, const RecreationSpec& spec, const RecreationContext& context,
                                     StepTransactions& transactions, std::optional<std::string>& cursor,
                                     RecreationResult& result);

}  // namespace dsqlint
