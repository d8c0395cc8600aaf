#pragma once
#include <memory>
#include <string>
#include <vector>

namespace dsqlint {

struct RecreationSpec;  // plan/recreation_spec.h

/// Where apply runs: decides the target profile the statements are classified for, and
/// how transactions are cut.
enum class Provider { AuroraDsql, AuroraServerlessV2, Neon, Postgres, DsqlLocal };

/// What one step of a migration does.
enum class StepKind {
  Run,         ///< run `sql` as it is (the statement, or one step of its rewrite)
  IndexAsync,  ///< CREATE INDEX ASYNC, then wait for the job and check the index is valid
  Recreate,    ///< rebuild a table: `recreation`
  Skip,        ///< STRIP: not run, reported on every apply and by status
  Refuse,      ///< UNSUPPORTED: nothing of the folder runs
};

/// One unit apply runs and tracks; on DSQL each is its own transaction.
struct Step {
  uint32_t statement = 0;  ///< 1-based statement of the file it comes from
  StepKind kind = StepKind::Run;
  std::string sql;   ///< what runs (for Skip/Refuse: the statement as written)
  bool ddl = false;  ///< schema change (one per transaction on DSQL) rather than data
  std::string note;  ///< why it is rewritten, skipped or refused
  std::shared_ptr<const RecreationSpec> recreation;
  /// Resuming after an unknown outcome: these SQLSTATEs mean "already done" when
  /// `verify_sql` (one boolean) then says the statement's effect is in the catalog.
  std::vector<std::string> already_done_codes;
  std::string verify_sql;
  std::string index_name;  ///< IndexAsync: the index, schema-qualified and quoted, to check valid
};

/// One migration file: its identity and its steps in order.
struct FilePlan {
  std::string path;        ///< as given (for messages)
  std::string name;        ///< file name, the tracking key besides the hash
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
