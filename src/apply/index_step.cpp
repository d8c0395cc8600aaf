// The steps that build an index; step_runner.cpp runs the others. A failed build leaves
// an INVALID index (DSQL's index job, PostgreSQL's CREATE INDEX CONCURRENTLY) that
// CREATE INDEX ... IF NOT EXISTS would accept on the rerun, so an INVALID index of the
// step's name on its table is dropped before the build, and the index is checked valid
// after the build and its job.
#include <ostream>

#include <fmt/format.h>

#include "apply/step_runner.h"
#include "plan/resume_check.h"
#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

const BuiltIndex kUnknownIndex{};  // an index step the planner could not read: nothing to look for

std::string what_to_check(const BuiltIndex& index) {
  return index.name.empty() ? "a new index on table " + quote_key(index.table) : "index " + quoted_index_name(index);
}

}  // namespace

void StepRunner::run_index(const FilePlan& file, size_t index, bool resuming) {
  const Step& step = file.steps[index];
  IndexCheck check(session_, step.index ? *step.index : kUnknownIndex);
  const IndexLookup leftover = check.existing();
  if (!leftover.failure.ok()) fail(file, index, leftover.failure, "looking for an INVALID index of that name");
  if (resuming && leftover.found && leftover.found->valid) {
    ++assumed_;
    out_ << "      assumed applied: the index exists and is valid\n";
    return mark(file, index, "assumed_applied");
  }
  if (leftover.found && !leftover.found->valid) drop_leftover(file, index, *leftover.found);
  if (const QueryResult listed = check.remember(); !listed.ok())
    fail(file, index, listed, "listing the table's indexes");
  mark(file, index, "running");
  const QueryResult created = autocommit(step.sql);
  if (!created.ok() && swallowed(file, index, created)) return;
  if (!created.ok()) fail(file, index, explain_failed_build(step, check, created));
  if (options_.checkpoint) options_.checkpoint(fmt::format("committed:{}:{}", file.name, index));
  verify_built(file, index, check, wait_for_job(file, index, created));
  mark(file, index, "done");
}

void StepRunner::drop_leftover(const FilePlan& file, size_t index, const FoundIndex& leftover) {
  // A transaction of its own (DSQL: one DDL each); on DSQL it also cancels a build still running.
  const QueryResult dropped = autocommit("DROP INDEX " + leftover.name);
  if (!dropped.ok()) fail(file, index, dropped, "dropping the INVALID index " + leftover.name);
  out_ << fmt::format("      dropped the INVALID index {} that a failed build left on table {}; building it again\n",
                      leftover.name, quote_key(file.steps[index].index->table));
}

std::optional<std::string> StepRunner::wait_for_job(const FilePlan& file, size_t index, const QueryResult& created) {
  if (provider_ != Provider::AuroraDsql || !created.scalar()) return std::nullopt;
  const std::string job = *created.scalar();
  out_ << "      waiting for index job " << job << "\n";
  // It answers false for a failed job rather than raising: the catalog check after it decides.
  const QueryResult waited = autocommit("CALL sys.wait_for_job(" + quote_literal(job) + ")");
  if (!waited.ok()) fail(file, index, waited, "waiting for the index job");
  return job;
}

void StepRunner::verify_built(const FilePlan& file, size_t index, IndexCheck& check,
                              const std::optional<std::string>& job) {
  const Step& step = file.steps[index];
  if (!step.index) return;
  const IndexLookup built = check.built();
  if (!built.failure.ok()) fail(file, index, built.failure, "checking the index is valid");
  if (!built.found) {
    out_ << "      warning: found no " << what_to_check(*step.index)
         << " to check (IF NOT EXISTS builds nothing when another relation has the name)\n";
    return;
  }
  if (built.found->valid) return;
  // No later run could find an index PostgreSQL named: drop it now.
  const bool dropped = step.index->name.empty() && autocommit("DROP INDEX " + built.found->name).ok();
  fail(file, index, invalid_index_failure(*step.index, *built.found, dropped, job));
}

QueryResult StepRunner::explain_failed_build(const Step& step, IndexCheck& check, QueryResult failure) {
  if (failure.connection_lost() || !step.index) return failure;
  const IndexLookup left = check.built();
  if (!left.found || left.found->valid) return failure;
  const bool dropped = step.index->name.empty() && autocommit("DROP INDEX " + left.found->name).ok();
  return with_leftover(std::move(failure), *step.index, *left.found, dropped);
}

QueryResult StepRunner::build_in_transaction(const Step& step) {
  IndexCheck check(session_, *step.index);
  const IndexLookup leftover = check.existing();
  if (!leftover.failure.ok()) return leftover.failure;
  if (leftover.found && !leftover.found->valid) {
    QueryResult dropped = session_.exec("DROP INDEX " + leftover.found->name);
    if (!dropped.ok()) return dropped;
    out_ << fmt::format("      dropping the INVALID index {} that a failed build left on table {}; building it again\n",
                        leftover.found->name, quote_key(step.index->table));
  }
  if (QueryResult listed = check.remember(); !listed.ok()) return listed;
  QueryResult created = session_.exec(step.sql);
  if (!created.ok()) return created;
  const IndexLookup built = check.built();
  if (!built.failure.ok()) return built.failure;
  // Rolled back with the rest of the file, so nothing is left to drop.
  if (built.found && !built.found->valid) return invalid_index_failure(*step.index, *built.found, false, std::nullopt);
  return created;
}

}  // namespace dsqlint
