#pragma once
#include <optional>
#include <string>
#include <vector>

#include "apply/database.h"
#include "plan/plan.h"

namespace dsqlint {

/// One index of the step's table, as pg_index shows it.
struct FoundIndex {
  std::string name;    ///< quoted and schema-qualified, for DROP INDEX and messages
  bool valid = false;  ///< indisvalid and indisready: built, and used by queries
};

/// A catalog read: `found` when the index is there, `failure` when the read itself failed.
struct IndexLookup {
  std::optional<FoundIndex> found;
  QueryResult failure;
};

/// Reads the catalog around one step that builds an index (plan.h BuiltIndex). Before the
/// build: is an index of the step's name on its table INVALID, the leftover of a failed
/// build that CREATE INDEX ... IF NOT EXISTS would accept? After it: is the index the step
/// built valid? It only reads; the step runner drops and fails.
class IndexCheck {
 public:
  IndexCheck(Session& session, const BuiltIndex& index) : session_(session), index_(index) {}

  /// The index of the step's name on its table; never found for an unnamed index.
  IndexLookup existing();
  /// Remembers the table's indexes, so that an index PostgreSQL names is found after the
  /// build as the one that is new. Nothing to do for a named index.
  QueryResult remember();
  /// The index the step built: by its name, or else the one new since remember().
  IndexLookup built();

 private:
  /// Every index of the table: unquoted name, validity, schema.
  QueryResult table_indexes();
  FoundIndex found(const Row& row) const;

  Session& session_;
  const BuiltIndex& index_;
  std::vector<std::string> before_;  ///< unquoted names of the table's indexes before the build
};

/// The failure of a step whose index is INVALID once built (SQLSTATE 55000, PostgreSQL's
/// own for "index is not valid"): names index and table and says what becomes of it.
/// `job` is the DSQL index job that built it; `dropped` says apply dropped it already.
QueryResult invalid_index_failure(const BuiltIndex& index, const FoundIndex& found, bool dropped,
                                  const std::optional<std::string>& job);

/// `failure` of the build statement, told that the build left `found` INVALID behind.
QueryResult with_leftover(QueryResult failure, const BuiltIndex& index, const FoundIndex& found, bool dropped);

/// What to do before the rerun when a step that builds `index` failed with `failure`: for
/// a unique index, remove the duplicates (with the query that finds them); empty when the
/// failure is not the build's.
std::string index_remedy(const BuiltIndex& index, const QueryResult& failure);

}  // namespace dsqlint
