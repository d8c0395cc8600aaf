#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/schema.h"
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

/// Folds what a file does to a table it created, while nothing has written rows to it, into
/// that CREATE TABLE (rendered from the catalog): ADD PRIMARY KEY, SET NOT NULL, ADD COLUMN
/// with a default ... run on an empty table become part of its definition instead of a
/// rebuild. Replay calls it for each statement of the file, in order, on DSQL targets.
class TableFolding {
 public:
  TableFolding(FileResult& file, const TargetProfile& target) : file_(file), target_(target) {}

  /// Before the statement's changes reach the catalog: folds it into an earlier CREATE TABLE
  /// of the file when it can (class REWRITE, nothing to run), else closes the folds of the
  /// tables it touches or writes rows to.
  void before_apply(StatementResult& statement, const Catalog& catalog);

  /// After they did: opens a fold for a table it created, and renders again the CREATE TABLE
  /// it folded into, from the catalog.
  void after_apply(const StatementResult& statement, Catalog& catalog);

 private:
  /// A table created by the file, still empty: its CREATE TABLE and what folded into it.
  struct Window {
    size_t create = 0;  ///< position of the CREATE TABLE in file_.statements
    std::vector<uint32_t> folded;
  };

  /// The tables the statement's changes touch, each once; they point into the statement and
  /// the catalog, so they stay valid until either changes. Kept in `touched_` (asked for
  /// most statements while a fold is open: no allocation each time).
  const std::vector<const std::string*>& touched(const StatementResult& statement, const Catalog& catalog);
  /// Whether the statement folds into the table's CREATE TABLE; keeps the folded steps.
  bool foldable(const StatementResult& statement, const std::string& table, const Window& window,
                const Catalog& catalog);
  /// The CREATE TABLE for `table` as the catalog holds it, written as `create` names it, in
  /// the steps apply runs; nullopt when it would not run on the target as it is.
  std::optional<std::vector<std::string>> folded_sql(const TableModel& table, const StatementResult& create) const;
  /// A view created on the table (PostgreSQL expands its * then) or a table created LIKE it
  /// sees the table as created: a later change folded in would change what they see, so the
  /// table's fold ends.
  void end_read_folds(const StatementResult& statement);
  /// A statement touching one table only: joins the table's open fold, or ends it.
  void join_or_end(StatementResult& statement, const Catalog& catalog, const std::string& table);
  void note_empty(StatementResult& statement, const std::string& table);
  /// DROP INDEX of an index that a fold made a UNIQUE constraint: drops the constraint.
  void drop_folded_index(StatementResult& statement, const Catalog& catalog);
  void fold(StatementResult& statement, const std::string& table, Window& window);
  void update_create(const std::string& table, const Window& window, const Catalog& catalog);

  FileResult& file_;
  const TargetProfile& target_;
  /// Looked up and erased for most statements, never walked: hashed, not ordered.
  std::unordered_map<std::string, Window> open_;
  std::string opening_;  ///< the table the current statement creates
  std::string folding_;  ///< the table the current statement folded into
  std::optional<std::vector<std::string>> folded_steps_;  ///< its CREATE TABLE, found by foldable
  std::vector<const std::string*> touched_;
};

}  // namespace dsqlint
