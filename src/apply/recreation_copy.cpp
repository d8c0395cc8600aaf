#include "apply/recreation_copy.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

constexpr int kCleanBatchesBeforeGrowth = 4;

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
  return out;
}

/// prefix"k1"suffix, prefix"k2"suffix: key lists for keyset pagination.
std::string key_list(const std::vector<std::string>& keys, std::string_view prefix, std::string_view suffix = "") {
  std::vector<std::string> quoted;
  for (const std::string& key : keys) quoted.push_back(fmt::format("{}{}{}", prefix, quote_identifier(key), suffix));
  return join(quoted, ", ");
}

/// ($from, $from+1, ...)
std::string params_from(size_t count, size_t from) {
  std::vector<std::string> params;
  for (size_t i = 0; i < count; ++i) params.push_back(fmt::format("${}", from + i));
  return fmt::format("({})", join(params, ", "));
}

std::string cursor_text(const Row& key) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& value : key) array.push_back(value.value_or(""));
  return array.dump();
}

std::optional<std::vector<std::string>> cursor_values(const std::string& text) {
  const nlohmann::json array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& value : array) {
    if (!value.is_string()) return std::nullopt;
    out.push_back(value.get<std::string>());
  }
  return out;
}

/// What one batch saw: its rows, the rows it inserted, and the cursor it committed.
struct Batch {
  long seen = 0, inserted = 0;
  std::string cursor;
};

/// One batch: the next `size` keys after `after`, their rows inserted (converted) and
/// the step's progress written, in one transaction.
QueryResult copy_batch(Session& db, const RecreationSpec& spec, StepTransactions& transactions,
                       const std::vector<std::string>& after, long size, Batch& batch) {
  return transactions.run([&] {
    const std::string table = qualified_name(spec.schema, spec.table);
    std::vector<std::optional<std::string>> params(after.begin(), after.end());
    const std::string from = params.empty() ? "" : fmt::format("({}) > {}", key_list(spec.key_columns, ""), params_from(params.size(), 1));
    // src-qualified, so ORDER BY sorts the keys and not their text output.
    const QueryResult keys = db.exec_params(
        fmt::format("SELECT {} FROM {} AS src{}{} ORDER BY {} LIMIT {}", key_list(spec.key_columns, "src.", "::text"),
                    table, params.empty() ? "" : " WHERE ",
                    params.empty() ? "" : fmt::format("({}) > {}", key_list(spec.key_columns, "src."), params_from(params.size(), 1)),
                    key_list(spec.key_columns, "src."), size),
        params);
    batch.seen = static_cast<long>(keys.rows.size());
    if (!keys.ok() || batch.seen == 0) return keys;
    const Row& last = keys.rows.back();
    const size_t bound = params.size() + 1;
    params.insert(params.end(), last.begin(), last.end());
    const QueryResult insert = db.exec_params(
        fmt::format("INSERT INTO {} ({}){} SELECT {} FROM {} WHERE {}({}) <= {}{}", qualified_name(spec.schema, spec.new_table),
                    key_list(spec.insert_columns, ""), spec.overriding_system_value ? " OVERRIDING SYSTEM VALUE" : "",
                    join(spec.select_expressions, ", "), table, from.empty() ? "" : from + " AND ",
                    key_list(spec.key_columns, ""), params_from(last.size(), bound),
                    spec.conflict_columns.empty() ? "" : fmt::format(" ON CONFLICT ({}) DO NOTHING", key_list(spec.conflict_columns, ""))),
        params);
    if (!insert.ok()) return insert;
    batch.inserted = insert.affected;
    batch.cursor = cursor_text(last);
    return transactions.save_progress(batch.cursor, batch.seen);
  });
}

/// Rows per batch that stay under both limits, from the old table's average row size.
long batch_cap(Session& db, const RecreationSpec& spec, const RecreationContext& context) {
  long cap = std::max(1L, context.max_rows - 1);  // the step row is written in the same transaction
  const QueryResult width = db.exec(fmt::format("SELECT coalesce(avg(pg_column_size(s.*)), 0)::bigint FROM "
                                                "(SELECT * FROM {} LIMIT 1000) s", qualified_name(spec.schema, spec.table)));
  if (width.ok() && width.scalar())  // twice the old row: the new one may be wider, and indexes add to it
    cap = std::min(cap, std::max(1L, context.max_bytes / std::max(1L, 2 * std::stol(*width.scalar()))));
  return cap;
}

}  // namespace

QueryResult StepTransactions::run(const std::function<QueryResult()>& body) {
  QueryResult answer = db_.exec("BEGIN");
  if (answer.ok() && !ctx_.fence_sql.empty()) {
    answer = db_.exec(ctx_.fence_sql);
    if (answer.ok() && answer.rows.empty()) abort_ = "the migration lock was lost to another runner";
  }
  if (answer.ok() && abort_.empty()) answer = body();
  if (answer.ok() && abort_.empty()) {
    answer = db_.exec("COMMIT");
    if (answer.ok()) return answer;
  }
  if (db_.alive()) db_.exec("ROLLBACK");  // after a failed COMMIT too: never leave a transaction open
  return answer;
}

QueryResult StepTransactions::save_progress(const std::optional<std::string>& cursor, long rows, bool reset) {
  QueryResult answer = db_.exec_params(
      fmt::format("UPDATE __mantle_migration_steps SET cursor = $1, rows_done = {} + $2 "
                  "WHERE migration_sha256 = $3 AND step_index = $4", reset ? "0" : "rows_done"),
      {cursor, std::to_string(rows), ctx_.migration_sha256, std::to_string(ctx_.step_index)});
  if (answer.ok() && answer.affected != 1) abort_ = "the step's row in __mantle_migration_steps is gone";
  return answer;
}

std::optional<CopyFailure> copy_rows(Session& db, const RecreationSpec& spec, const RecreationContext& context,
                                     StepTransactions& transactions, std::optional<std::string>& cursor,
                                     RecreationResult& result) {
  const std::string table = qualified_name(spec.schema, spec.table);
  if (cursor && !cursor_values(*cursor)) return CopyFailure{"the step's cursor " + *cursor + " is not a key of this rebuild"};
  const QueryResult total = db.exec("SELECT count(*) FROM " + table);
  if (!total.ok()) return CopyFailure{"counting the rows of " + table + " failed", total};
  result.rows_total = std::stol(total.scalar().value_or("0"));
  long cap = batch_cap(db, spec, context);
  long size = std::clamp(context.first_batch, 1L, cap);
  if (context.progress) context.progress(result.rows_done, result.rows_total);
  for (int clean = 0;;) {
    const std::vector<std::string> after = cursor ? *cursor_values(*cursor) : std::vector<std::string>{};
    Batch batch;
    RetryCount conflicts;
    const QueryResult answer =
        with_retry([&] { return copy_batch(db, spec, transactions, after, size, batch); }, context.retry, conflicts);
    result.retries += conflicts.conflicts;
    if (!transactions.aborted().empty()) return CopyFailure{transactions.aborted() + "; the batch was rolled back"};
    if (answer.sqlstate == "54000" && size > 1) {  // DSQL's transaction limit: halve, and never grow past it again
      size = cap = size / 2, clean = 0, ++result.halvings;
      continue;
    }
    if (!answer.ok())
      return CopyFailure{fmt::format("copying a batch of {} rows into {} failed", size,
                                     qualified_name(spec.schema, spec.new_table)), answer};
    if (batch.seen == 0) return std::nullopt;
    cursor = batch.cursor;  // committed together with the rows
    result.rows_done += batch.seen;
    result.rows_copied += batch.inserted;
    ++result.batches;
    if (context.progress) context.progress(result.rows_done, result.rows_total);
    if (context.checkpoint) context.checkpoint("batch");
    if (++clean >= kCleanBatchesBeforeGrowth && size < cap) size = std::min(cap, size * 2), clean = 0;
  }
}

}  // namespace dsqlint
