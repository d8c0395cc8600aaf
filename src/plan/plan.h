#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dsqlint {

struct RecreationSpec;  // plan/recreation_spec.h

/// Where apply runs: decides the target profile the statements are classified for, and
/// how transactions are cut.
enum class Provider { AuroraDsql, AuroraServerlessV2, Neon, Postgres, DsqlLocal };

/// What one step of a migration does.
enum class StepKind {
  Run,         ///< run `sql` as it is (the statement, or one step of its rewrite)
  IndexAsync,  ///< CREATE INDEX ASYNC, then wait for the job and check the index is valid (`index`)
  Recreate,    ///< rebuild a table: `recreation`
  Skip,        ///< STRIP: not run, reported on every apply and by status
  Folded,      ///< folded into an earlier CREATE TABLE of the file: nothing to run, recorded as done
  Emulated,    ///< an enum's CREATE/ALTER/DROP TYPE on DSQL: the model and other statements do it
  Precheck,    ///< a read-only query whose rows stop apply before the statement changes anything
  Refuse,      ///< UNSUPPORTED: nothing of the folder runs
};

/// The index a step builds (a CREATE INDEX, or the first step of a rewrite that builds
/// one). A failed build leaves it INVALID, and CREATE INDEX ... IF NOT EXISTS would accept
/// that leftover: apply drops an INVALID index of this name on this table before the step
/// and checks, after it (and after its job), that the index is valid.
struct BuiltIndex {
  std::string table;  ///< catalog key "schema.name" of the indexed table
  std::string name;   ///< unquoted, in the table's schema; empty when PostgreSQL chooses it
  bool unique = false;
  std::vector<std::string> columns;  ///< key columns in order, "" for an expression
};

/// One unit apply runs and tracks; on DSQL each is its own transaction.
struct Step {
  uint32_t statement = 0;  ///< 1-based statement of the file it comes from
  StepKind kind = StepKind::Run;
  std::string sql;   ///< what runs (for Skip/Refuse: the statement as written)
  bool ddl = false;  ///< schema change (one per transaction on DSQL) rather than data
  std::string note;  ///< why it is rewritten, skipped or refused
  std::string_view rule;  ///< Refuse: the rule that refuses it (a registered id)
  std::shared_ptr<const RecreationSpec> recreation;
  /// Resuming after an unknown outcome: these SQLSTATEs mean "already done" when
  /// `verify_sql` (one boolean) then says the statement's effect is in the catalog.
  std::vector<std::string> already_done_codes;
  std::string verify_sql;
  std::optional<BuiltIndex> index;  ///< the index the step builds, if it builds one
  /// A guarded DO block's IF, on the first step of its statement: the statement runs only
  /// when this query says true; otherwise all its steps are recorded as done.
  std::string run_if_sql;
  /// SQLSTATEs the DO block's handler swallowed: raised by a step, its statement is done.
  std::vector<std::string> handled_codes;
  /// A batch of a data change: run in a transaction of its own again and again until it
  /// changes no row (idempotent by its WHERE).
  bool repeat_until_none = false;
};

/// One migration file: its identity and its steps in order.
struct FilePlan {
  std::string path;        ///< as given (for messages)
  std::string name;        ///< path within the folder, the tracking key besides the hash
  std::string sha256;      ///< of the content with a BOM removed and CRLF/CR turned into LF
  std::string raw_sha256;  ///< of the bytes as read
  std::vector<Step> steps;
  /// Plain PostgreSQL and nothing non-transactional: the whole file and its tracking row
  /// commit together.
  bool one_transaction = false;
};

struct Plan {
  Provider provider = Provider::Postgres;
  std::vector<FilePlan> files;
};

}  // namespace dsqlint
