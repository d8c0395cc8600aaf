#include "apply/recreation.h"

#include <algorithm>
#include <fmt/format.h>

#include <optional>

#include "apply/recreation_carry.h"
#include "apply/recreation_copy.h"
#include "apply/recreation_guard.h"
#include "apply/recreation_identity.h"
#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
  return out;
}

/// Where the tables are, for every failure message.
enum class Stage { Before, Copying, Copied, Swapping, Swapped, Done };

class Recreation {
 public:
  Recreation(Session& session, const RecreationSpec& spec, const RecreationContext& context)
      : db_(session), spec_(spec), ctx_(context),
        table_(qualified_name(spec.schema, spec.table)),
        new_(qualified_name(spec.schema, spec.new_table)),
        old_(qualified_name(spec.schema, spec.old_table)),
        transactions_(session, context),
        carried_(session, spec, [this](const std::string& sql, std::string_view what) { return ddl_answer(sql, what); },
                 [this](std::string_view phase) { checkpoint(phase); }) {}

  RecreationResult run();

 private:
  bool observe(bool& table, bool& fresh, bool& old);
  bool read_step();
  bool swapped() const { return is_swapped_cursor(cursor_); }
  bool restart_copy();
  bool known_columns();
  bool create();
  bool copy();
  bool verify(const std::string& source, const std::string& target, std::string_view phase);
  bool restart_identities();
  /// Whether the copy fills `column` from the old table (else the statement adds it).
  bool copied(const std::string& column) const {
    return std::find(spec_.insert_columns.begin(), spec_.insert_columns.end(), column) != spec_.insert_columns.end();
  }
  std::optional<std::string> kept_position(const std::string& column);
  const SequenceNames& old_sequences();
  bool record_swap();
  bool build_indexes();
  bool build_index(const RecreatedIndex& index);
  bool attach_index(const RecreatedIndex& index);
  bool constraint_exists(const std::string& table, const std::string& name);
  std::optional<bool> index_valid(const std::string& name);
  bool swap();
  bool drop_old();
  bool carries_temp_names();
  void restore_names();

  bool write_cursor(const std::optional<std::string>& cursor, bool reset, std::string_view what);
  std::optional<QueryResult> ddl_answer(const std::string& sql, std::string_view what);
  bool ddl(const std::string& sql, std::string_view what) { return ddl_answer(sql, what).has_value(); }
  bool relation_exists(const std::string& name);
  bool fail(std::string what, const QueryResult& answer = {});
  bool refuse(std::string what);
  void checkpoint(std::string_view phase) {
    if (ctx_.checkpoint) ctx_.checkpoint(phase);
  }
  std::string state() const;
  std::string stage_text() const;
  std::string resume_text() const;

  Session& db_;
  const RecreationSpec& spec_;
  const RecreationContext& ctx_;
  const std::string table_, new_, old_;
  RecreationResult result_;
  Stage stage_ = Stage::Before;
  std::optional<std::string> cursor_;  ///< the step's
  std::optional<SequenceNames> old_sequences_;
  StepTransactions transactions_;
  CarriedSteps carried_;
};

std::string Recreation::state() const {
  std::vector<std::string> carried;
  if (!spec_.views.empty()) carried.push_back("the views that read it");
  if (!spec_.inbound_keys.empty()) carried.push_back("the foreign keys of other tables that point at it");
  const bool detached = stage_ != Stage::Before && stage_ != Stage::Copying;
  if (!detached || carried.empty()) return stage_text();
  return stage_text() + "; " + join(carried, " and ") + " may be dropped until apply runs again and puts them back";
}

std::string Recreation::stage_text() const {
  switch (stage_) {
    case Stage::Before: return table_ + " is untouched and holds every row";
    case Stage::Copying:
      return table_ + " is untouched and holds every row, and " + new_ + " holds a partial copy whose progress is in " +
             "__mantle_migration_steps";
    case Stage::Copied: return table_ + " is untouched and holds every row, and " + new_ + " holds a copy; nothing is swapped";
    case Stage::Swapping:
      return table_ + " is renamed to " + old_ + " (every row is there) and " + new_ +
             " (a verified copy) is not yet renamed to " + table_ + ", so no table has that name";
    case Stage::Swapped:
      return "the swap is done: " + table_ + " is the rebuilt table and holds every row, and " + old_ +
             " (the old table) still exists";
    case Stage::Done: return "the rebuild is done";
  }
  return "";
}

std::string Recreation::resume_text() const {
  switch (stage_) {
    case Stage::Before: return "starts the rebuild";
    case Stage::Copying: return "resumes the copy where it stopped and finishes the rebuild";
    case Stage::Copied: return "checks the copy, builds its indexes, swaps the tables and finishes the rebuild";
    case Stage::Swapping: return "renames " + new_ + " to " + table_ + " and finishes the rebuild";
    case Stage::Swapped:
      return "carries over to " + table_ + " what it lacks (foreign keys, views, grants, owned sequences), then drops " +
             old_ + " after verifying the row counts again";
    case Stage::Done: return "finds the rebuild done";
  }
  return "";
}

bool Recreation::fail(std::string what, const QueryResult& answer) {
  result_.sqlstate = answer.sqlstate;
  result_.error = std::move(what) + (answer.ok() ? "" : ": " + answer.sqlstate + " " + answer.message);
  result_.state = state();
  result_.partly_done = stage_ != Stage::Before;
  result_.resume = resume_text();
  return false;
}

bool Recreation::refuse(std::string what) {
  result_.error = std::move(what);
  return false;
}

std::optional<QueryResult> Recreation::ddl_answer(const std::string& sql, std::string_view what) {
  RetryCount count;
  QueryResult answer = with_retry([&] { return db_.exec(sql); }, ctx_.retry, count);
  result_.retries += count.conflicts;
  if (!answer.ok()) return fail(std::string(what) + " failed", answer), std::nullopt;
  return answer;
}

bool Recreation::relation_exists(const std::string& name) {
  return db_.exec_params("SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname = $1 AND c.relname = $2", {spec_.schema, name}).rows.size() == 1;
}

bool Recreation::write_cursor(const std::optional<std::string>& cursor, bool reset, std::string_view what) {
  const QueryResult answer = transactions_.run([&] { return transactions_.save_progress(cursor, 0, reset); });
  if (!transactions_.aborted().empty()) return fail(transactions_.aborted());
  if (!answer.ok()) return fail(std::string(what) + " failed", answer);
  cursor_ = cursor;
  return true;
}

bool Recreation::observe(bool& table, bool& fresh, bool& old) {
  const QueryResult answer = db_.exec_params(
      "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relname IN ($2, $3, $4) AND c.relkind IN ('r', 'p')",
      {spec_.schema, spec_.table, spec_.new_table, spec_.old_table});
  if (!answer.ok()) return fail("cannot read which tables exist", answer);
  table = fresh = old = false;
  for (const Row& row : answer.rows) {
    table = table || row[0] == spec_.table;
    fresh = fresh || row[0] == spec_.new_table;
    old = old || row[0] == spec_.old_table;
  }
  return true;
}

bool Recreation::read_step() {
  const QueryResult answer = db_.exec_params(
      "SELECT cursor, rows_done FROM __mantle_migration_steps WHERE migration_sha256 = $1 AND step_index = $2",
      {ctx_.migration_sha256, std::to_string(ctx_.step_index)});
  if (!answer.ok()) return fail("cannot read the step's progress", answer);
  if (answer.rows.size() != 1)
    return refuse("the step's row in __mantle_migration_steps is missing; nothing was changed");
  cursor_ = answer.rows[0][0];
  result_.rows_done = std::stol(answer.rows[0][1].value_or("0"));
  return true;
}

RecreationResult Recreation::run() {
  bool table = false, fresh = false, old = false;
  if (!observe(table, fresh, old) || !read_step()) return result_;
  if (!table && !fresh && old) {
    refuse("table " + table_ + " is missing and only " + old_ + " exists, holding its rows: dsqlint drops nothing " +
           "and does not guess; rename it back with ALTER TABLE " + old_ + " RENAME TO " + quote_identifier(spec_.table) +
           ", then run apply again");
    return result_;
  }
  if (!table && !(fresh && old)) {
    refuse(fresh ? "table " + table_ + " is missing while " + new_ + " (a copy that may be partial) exists: dsqlint "
                   "drops nothing; restore " + table_ + " and run apply again"
                 : "table " + table_ + " does not exist");
    return result_;
  }
  if ((table && fresh && old) || (table && fresh && swapped())) {
    refuse(table_ + " and " + new_ + " both exist after the swap began, which no rebuild leaves behind: inspect " +
           table_ + ", " + new_ + " and " + old_ + ", drop what is not needed, and run apply again");
    return result_;
  }
  if (table && !old && !swapped() && !known_columns()) return result_;
  bool ok = true;
  if (table && !fresh && !old && swapped()) {
    result_.resumed_at = "done";
    ok = carried_.reattach();  // observed: nothing to do when the rebuild finished
  } else if (table && !old) {
    result_.resumed_at = fresh && cursor_ ? "copy" : "start";
    if (fresh && cursor_) stage_ = Stage::Copying;
    if (fresh && !cursor_) ok = ddl("DROP TABLE " + new_, "dropping the unused " + new_);  // the copy had not started
    if (!fresh && cursor_) ok = restart_copy();
    ok = ok && (stage_ == Stage::Copying || create()) && copy() && verify(table_, new_, "verified") &&
         restart_identities() && build_indexes() && carried_.add_own_keys() && carried_.detach() &&
         ddl("ALTER TABLE " + table_ + " RENAME TO " + quote_identifier(spec_.old_table), "renaming " + table_);
    if (ok) stage_ = Stage::Swapping, checkpoint("renamed_old");
    ok = ok && swap() && carried_.reattach() && drop_old();
  } else if (fresh) {
    result_.resumed_at = "swap";
    stage_ = Stage::Swapping;
    ok = carried_.add_own_keys() && carried_.detach() && swap() && carried_.reattach() && drop_old();
  } else {
    result_.resumed_at = "drop";
    stage_ = Stage::Swapped;
    ok = carried_.reattach() && drop_old();
  }
  if (ok) stage_ = Stage::Done, restore_names(), checkpoint("finished");
  return result_;
}

/// Before the swap, the table must have the columns history gives it, or the new table
/// would lose some: checked on every run, as a hand may change the table between two.
bool Recreation::known_columns() {
  const auto mismatch = unknown_columns(db_, spec_);
  if (!mismatch) return fail(mismatch.error().message);
  if (*mismatch) return refuse(**mismatch);
  return true;
}

bool Recreation::create() {
  if (!ddl(spec_.create_sql, "creating " + new_)) return false;
  stage_ = Stage::Copying;
  checkpoint("created");
  return true;
}

bool Recreation::restart_copy() {
  // The new table vanished after the copy began, and the original is untouched: copy afresh.
  result_.warnings.push_back(new_ + " was gone although its copy had begun; the copy starts over");
  result_.rows_done = 0;
  return write_cursor(std::nullopt, true, "resetting the step's cursor");
}

bool Recreation::copy() {
  stage_ = Stage::Copying;
  if (auto failure = copy_rows(db_, spec_, ctx_, transactions_, cursor_, result_)) return fail(failure->what, failure->answer);
  stage_ = Stage::Copied;
  checkpoint("copied");
  return true;
}

bool Recreation::verify(const std::string& source, const std::string& target, std::string_view phase) {
  const QueryResult counts = db_.exec("SELECT (SELECT count(*) FROM " + source + "), (SELECT count(*) FROM " + target + ")");
  if (!counts.ok() || counts.rows.size() != 1) return fail("counting the rows of " + source + " and " + target + " failed", counts);
  const std::string a = counts.rows[0][0].value_or("?"), b = counts.rows[0][1].value_or("?");
  if (a != b)
    return fail(source + " has " + a + " rows but " + target + " has " + b +
                ", so nothing more is done: rows were written or deleted during the copy, or the new definition made "
                "two keys equal. Stop writes to the table; to copy afresh run UPDATE __mantle_migration_steps SET cursor "
                "= NULL, rows_done = 0 WHERE migration_sha256 = " + quote_literal(ctx_.migration_sha256) +
                " AND step_index = " + std::to_string(ctx_.step_index) + ", then apply again");
  if (!phase.empty()) checkpoint(phase);
  return true;
}

bool Recreation::restart_identities() {
  for (const std::string& column : spec_.identity_columns) {
    if (!copied(column)) continue;  // added by the statement: its sequence numbered the rows the copy made
    // Where the old sequence stands, as PostgreSQL keeps it, unless a copied value is past it.
    const QueryResult next = db_.exec_params(
        "SELECT greatest($1::bigint, max(" + quote_identifier(column) + ") + 1) FROM " + new_, {kept_position(column)});
    if (!next.ok()) return fail("reading the highest value of identity column " + column + " failed", next);
    if (next.scalar() && !ddl("ALTER TABLE " + new_ + " ALTER COLUMN " + quote_identifier(column) + " RESTART WITH " +
                                  *next.scalar(), "restarting identity column " + column))
      return false;
  }
  return true;
}

std::optional<std::string> Recreation::kept_position(const std::string& column) {
  const Result<std::string> next = identity_next_value(db_, spec_.schema, spec_.table, column);
  if (next) return *next;
  result_.warnings.push_back("identity column " + column + " of " + table_ + " continues after its highest copied " +
                             "value, not where its sequence stood (" + next.error().message +
                             "): ids of deleted rows may be issued again");
  return std::nullopt;
}

std::optional<bool> Recreation::index_valid(const std::string& name) {
  const QueryResult answer = db_.exec_params(
      "SELECT i.indisvalid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
      {spec_.schema, name});
  if (answer.rows.empty()) return std::nullopt;
  return answer.scalar() == "t";
}

bool Recreation::build_indexes() {
  for (const RecreatedIndex& index : spec_.indexes)
    if (!build_index(index) || !attach_index(index)) return false;
  checkpoint("indexed");
  return true;
}

bool Recreation::build_index(const RecreatedIndex& index) {
  const std::string name = qualified_name(spec_.schema, index.temp_name);
  const std::optional<bool> valid = index_valid(index.temp_name);
  if (valid == true) return true;
  if (valid == false && !ddl("DROP INDEX " + name, "dropping the invalid index " + name)) return false;
  const auto created = ddl_answer(index.sql, "building index " + name);
  if (!created) return false;
  if (spec_.dsql && created->scalar() &&
      !ddl("CALL sys.wait_for_job(" + quote_literal(*created->scalar()) + ")", "waiting for the build of " + name))
    return false;
  if (index_valid(index.temp_name) != true) return fail("index " + name + " was built but is not valid");
  if (!index.attach_sql.empty()) checkpoint("unique_index_built");
  return true;
}

bool Recreation::attach_index(const RecreatedIndex& index) {
  // Attaching keeps the index's name, so a constraint of that name means it is done.
  if (index.attach_sql.empty() || constraint_exists(spec_.new_table, index.temp_name)) return true;
  if (!ddl(index.attach_sql, "making index " + index.temp_name + " the UNIQUE constraint " + index.temp_name)) return false;
  checkpoint("unique_attached");
  return true;
}

bool Recreation::constraint_exists(const std::string& table, const std::string& name) {
  return db_.exec_params("SELECT 1 FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
                         "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 "
                         "AND t.relname = $2 AND c.conname = $3", {spec_.schema, table, name}).rows.size() == 1;
}

bool Recreation::swap() {
  if (!ddl("ALTER TABLE " + new_ + " RENAME TO " + quote_identifier(spec_.table), "renaming " + new_)) return false;
  stage_ = Stage::Swapped;
  checkpoint("renamed_new");
  return record_swap();
}

const SequenceNames& Recreation::old_sequences() {
  if (old_sequences_) return *old_sequences_;
  old_sequences_ = swapped_sequence_names(cursor_);  // an earlier run's, should this read fail
  for (const std::string& column : spec_.identity_columns) {
    if (!copied(column)) continue;  // added by the statement: the old table has no sequence for it
    auto name = identity_sequence_name(db_, spec_.schema, spec_.old_table, column);
    if (name) (*old_sequences_)[column] = *name;
    if (!name && !old_sequences_->contains(column))
      result_.warnings.push_back("identity column " + column + " of " + table_ + " gets a sequence named after the " +
                                 "table, not the old table's sequence name (" + name.error().message +
                                 "): setval or nextval on the old name fails");
  }
  return *old_sequences_;
}

bool Recreation::record_swap() {
  // Before the old table, and with it the names of its sequences, is dropped.
  const std::string cursor = swapped_cursor(old_sequences());
  return cursor_ == cursor || write_cursor(cursor, false, "recording the swap");
}

bool Recreation::carries_temp_names() {
  std::vector<std::optional<std::string>> params{spec_.schema, spec_.table};
  std::vector<std::string> placeholders;
  for (const RenamedConstraint& constraint : spec_.constraints) params.emplace_back(constraint.temp_name);
  for (const RecreatedIndex& index : spec_.indexes) params.emplace_back(index.temp_name);
  for (size_t i = 3; i <= params.size(); ++i) placeholders.push_back(fmt::format("${}", i));
  if (placeholders.empty()) return false;
  return !db_.exec_params(
              "SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
              "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
              "WHERE n.nspname = $1 AND t.relname = $2 AND c.relname IN (" + join(placeholders, ", ") + ")",
              params).rows.empty();
}

bool Recreation::drop_old() {
  // The swapped-in table is ours (it carries our temporary index names) or holds as many rows.
  if (!carries_temp_names() && !verify(table_, old_, "")) return false;
  if (!record_swap()) return false;
  if (!ddl("DROP TABLE " + old_, "dropping " + old_)) return false;
  checkpoint("dropped");
  return true;
}

void Recreation::restore_names() {
  const auto rename = [&](const std::string& temp, const std::string& final_name, const std::string& sql) {
    if (!relation_exists(temp)) return;
    RetryCount count;
    const QueryResult answer = with_retry([&] { return db_.exec(sql); }, ctx_.retry, count);
    result_.retries += count.conflicts;
    if (!answer.ok())
      result_.warnings.push_back(final_name + " keeps its temporary name " + temp + " (" + answer.sqlstate + " " +
                                 answer.message + "); rename it by hand");
  };
  for (const RenamedConstraint& c : spec_.constraints)
    rename(c.temp_name, c.final_name, "ALTER TABLE " + table_ + " RENAME CONSTRAINT " + quote_identifier(c.temp_name) +
                                          " TO " + quote_identifier(c.final_name));
  for (const RecreatedIndex& index : spec_.indexes)
    if (index.attach_sql.empty())  // an attached index was renamed with its constraint
      rename(index.temp_name, index.final_name, "ALTER INDEX " + qualified_name(spec_.schema, index.temp_name) +
                                                    " RENAME TO " + quote_identifier(index.final_name));
  // Named after the new table when created; the old table's names were recorded at the swap.
  const SequenceNames old_names = swapped_sequence_names(cursor_);
  for (const std::string& column : spec_.identity_columns) {
    const auto sequence = identity_sequence_name(db_, spec_.schema, spec_.table, column);
    const auto old = old_names.find(column);
    const std::string final_name = old != old_names.end() ? old->second : object_name(spec_.table, column, "seq");
    if (!sequence)
      result_.warnings.push_back("the sequence of identity column " + column + " of " + table_ + " may keep its " +
                                 "temporary name (" + sequence.error().message + "); rename it to " + final_name +
                                 " by hand");
    if (sequence && *sequence != final_name)
      rename(*sequence, final_name, "ALTER SEQUENCE " + qualified_name(spec_.schema, *sequence) + " RENAME TO " +
                                        quote_identifier(final_name));
  }
}

}  // namespace

RecreationResult run_recreation(Session& session, const RecreationSpec& spec, const RecreationContext& context) {
  return Recreation(session, spec, context).run();
}

}  // namespace dsqlint
