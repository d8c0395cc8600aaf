#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "catalog/dependents.h"
#include "core/boxed.h"
#include "core/source_file.h"
#include "lint/schema_changes.h"
#include "lint/statement_category.h"

namespace dsqlint {

/// What few statements have: kept out of line, as every pass over a file's results (lint,
/// replay, report, freeing) walks all of them.
struct StatementExtras {
  /// RECREATION: the other tables' foreign keys and the views that depend on the table.
  TableDependents dependents;
  /// A DO block that guarded this statement (lint/guarded_block.h): apply runs the statement
  /// only when `run_if_sql` (when set) says true, and takes `handled_codes` as done.
  std::string run_if_sql;
  std::vector<std::string> handled_codes;
  std::string guarded_sql;  ///< the statement the DO block guards, as written in it
  /// RECREATION: the ALTER TABLE the rebuild carries out, when it is not the statement as
  /// written (an emulated enum's column becomes text with its CHECK).
  std::string recreation_sql;
  /// Read-only checks apply runs before anything of the statement (and after the last
  /// statement before it that writes rows): a query whose rows, if any, stop apply.
  struct Precheck {
    std::string sql;      ///< SELECT value, count(*) ...: each row is a value that would fail
    std::string message;  ///< what the rows mean, printed with them
  };
  std::vector<Precheck> prechecks;
  /// The steps of `rewritten` that change rows in batches (UPDATE ... LIMIT 3000 through a
  /// key): apply repeats each, a transaction per batch, until it changes no row.
  std::vector<size_t> batched;
  /// The tables a statement that copies rows from a query reads (lint/statement_category.h):
  /// a later change of one cannot be folded into its CREATE TABLE.
  std::vector<std::string> reads;
};

/// One statement's verdict: its class, what apply would run, and why.
struct StatementResult {
  using Precheck = StatementExtras::Precheck;

  uint32_t index = 0;  ///< 1-based
  Span span;
  StatementClass klass = StatementClass::Ok;
  /// The SQL apply would run, in order, when it differs from the statement; empty when
  /// it runs the statement as written (`runs_as_written`) or runs nothing.
  std::vector<std::string> rewritten;
  bool runs_as_written = false;
  std::vector<Finding> findings;
  bool parse_error = false;
  StatementCategory category = StatementCategory::Other;  ///< DDL, DML ... for transaction cuts
  bool outside_transaction = false;  ///< see runs_outside_transaction()
  /// What it does to the schema: for replaying the catalog, and for apply to verify a
  /// statement's effect through the server's catalog when resuming.
  std::vector<SchemaChange> changes;
  /// RECREATION: the table as the catalog knew it before this statement, to rebuild from.
  /// Held apart (and never changed once set): few statements have one, and every pass over
  /// a file's results (lint, replay, report, freeing) walks all of them.
  std::shared_ptr<const TableModel> table_definition;
  /// Folded into the CREATE TABLE of statement `folded_into` (1-based) of the file, which
  /// creates the table with its change while it is empty: the statement runs as nothing.
  uint32_t folded_into = 0;
  /// The table whose rows the statement writes ("schema.name"), "*" when it cannot tell (a
  /// DO block, a CALL), empty when it writes none.
  std::string writes;
  /// Emulated on DSQL (lint/enum_emulation.h): what it does lives in the model and in the
  /// statements that use the type; the statement itself runs nothing.
  bool emulated = false;
  /// CREATE INDEX on a table created earlier in the same file: still empty, so its job
  /// finishes at once.
  bool table_is_new = false;
  /// A DO block's guard, enum emulation's batches and checks, a RECREATION's dependents.
  Boxed<StatementExtras> extra;
};

/// A problem with a file as a whole, or with one statement's syntax.
struct FileError {
  std::string kind;  ///< "parse", "io" or "encoding"
  std::string message;
  std::optional<Span> span;  ///< where, when the problem has a place
};

/// Everything check found in one file. Keeps the source, so reporters can turn byte
/// offsets into lines and columns and quote statements.
struct FileResult {
  SourceFile source;
  LineIndex lines{std::string_view()};
  std::vector<StatementResult> statements;
  std::vector<FileError> errors;

  Position position(uint32_t offset) const { return lines.position(source.text, offset); }
  std::pair<Position, Position> range(Span span) const { return lines.range(source.text, span.begin, span.end); }
};

/// Counts per class over many files (the summary line and JSON "summary").
struct Summary {
  size_t total = 0, ok = 0, index = 0, rewrite = 0, strip = 0, recreation = 0, unsupported = 0;
  size_t parse_errors = 0;

  void add(const FileResult& file);
};

}  // namespace dsqlint
