#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/dependents.h"
#include "catalog/schema.h"
#include "core/result.h"

namespace dsqlint {

/// An index of the old table that the new table gets after the copy (a CREATE INDEX of
/// the history). It is built under a temporary name, because index names are unique per
/// schema and the old table still holds the real one, and renamed once the old table is gone.
///
/// Or the index of a UNIQUE constraint that the new table's CREATE TABLE cannot hold, as
/// PostgreSQL would not create it there (another key builds the same index: Prisma 6 adds a
/// primary key on the columns of its unique index). attach_sql makes the built index that
/// constraint under the constraint's temporary name, and the constraint's rename at the end
/// renames the index too.
struct RecreatedIndex {
  std::string temp_name;   ///< unquoted
  std::string final_name;  ///< unquoted: the name the index (or constraint) has on the old table
  std::string sql;         ///< CREATE [UNIQUE] INDEX [ASYNC] "temp" ON "schema"."new" ...
  std::string attach_sql;  ///< ALTER TABLE "schema"."new" ADD CONSTRAINT "temp" UNIQUE USING INDEX "temp"; or empty
};

/// A PRIMARY KEY or UNIQUE constraint that the new table is created with (or gets from an
/// index: RecreatedIndex::attach_sql) under a temporary name (its index name would clash
/// with the old table's), renamed at the end.
struct RenamedConstraint {
  std::string temp_name;   ///< unquoted
  std::string final_name;  ///< unquoted
};

/// A foreign key the rebuild adds with NOT VALID, and then validates unless it was NOT VALID:
/// another table's key that points at the rebuilt table (dropped just before the swap, added
/// right after it), or a key of the new table that cannot be in its CREATE TABLE (a
/// self-reference, which the copy would trip over, or a key that was NOT VALID).
struct CarriedKey {
  std::string schema;        ///< unquoted, of the table that holds it
  std::string table;         ///< unquoted: the table that holds it (the new table for the table's own)
  std::string name;          ///< unquoted
  std::string add_sql;       ///< ALTER TABLE ... ADD CONSTRAINT ... NOT VALID
  std::string validate_sql;  ///< ALTER TABLE [ASYNC] ... VALIDATE CONSTRAINT; empty: it stays NOT VALID
};

/// A view that reads the table, directly or through other views: dropped just before the
/// swap (the old table could not be dropped under it), created again right after it.
struct CarriedView {
  std::string schema;      ///< unquoted
  std::string name;        ///< unquoted
  std::string create_sql;  ///< CREATE VIEW
  std::vector<std::string> after_create;  ///< its GRANT and COMMENT statements
};

/// How to rebuild one table whose change DSQL cannot make in place (RECREATION): create
/// the new table, copy the rows in key order, build the indexes, swap by renames, drop
/// the old table. Every name is unquoted here; every SQL string is ready to run.
struct RecreationSpec {
  std::string schema;     ///< of the table, "public" when unqualified
  std::string table;      ///< the table being rebuilt
  std::string new_table;  ///< `<table>__mantle_new_<suffix>`, at most 63 bytes
  std::string old_table;  ///< `<table>__mantle_old_<suffix>`, at most 63 bytes
  std::string create_sql;  ///< CREATE TABLE for new_table with the changed definition
  /// The old table's columns as history knows them. A table with others was changed
  /// outside the migrations (or made LIKE a table they do not create): the new table would
  /// drop those columns and their values, so apply refuses to start the rebuild.
  std::vector<std::string> source_columns;
  std::vector<std::string> insert_columns;      ///< columns of the new table the copy fills
  std::vector<std::string> select_expressions;  ///< one per insert column, over the old table
  std::vector<std::string> key_columns;         ///< the old table's key: copy order and cursor
  /// ON CONFLICT target of the copy: the key when it is the new table's primary key too;
  /// any other duplicate then fails the copy loudly instead of losing a row.
  std::vector<std::string> conflict_columns;
  bool overriding_system_value = false;         ///< an identity column is GENERATED ALWAYS
  std::vector<std::string> identity_columns;    ///< restarted past the copied values
  std::vector<RecreatedIndex> indexes;
  std::vector<RenamedConstraint> constraints;
  bool dsql = false;  ///< CREATE INDEX ASYNC + sys.wait_for_job, else a plain CREATE INDEX
  std::vector<std::string> changes;  ///< what the statement changes, for `plan`
  std::vector<CarriedKey> own_keys;      ///< added to the new table after the copy
  std::vector<CarriedKey> inbound_keys;  ///< other tables' keys: dropped before the swap, added after
  std::vector<CarriedView> views;        ///< in creation order; dropped in the reverse one
  /// GRANT and COMMENT statements run again on the swapped-in table (and COMMENT ON the
  /// foreign keys added back to others), before its keys and indexes get their names back.
  std::vector<std::string> grants;
  /// The sequences the new table's column defaults take values from (nextval): column, and
  /// the sequence's catalog key. For `plan`: one OWNED BY a column of the old table would be
  /// dropped with it, so apply gives every sequence the old table owns (found in pg_depend,
  /// listed here or not) to the same column of the swapped-in table before dropping it.
  std::vector<std::pair<std::string, std::string>> default_sequences;
};

/// Builds the recreation of `before` (the table as history knows it before the
/// statement) for `alter_statement_sql`, one ALTER TABLE with any number of: ALTER
/// COLUMN TYPE [USING], SET/DROP NOT NULL, SET/DROP DEFAULT, DROP CONSTRAINT, ADD
/// CONSTRAINT (PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY) and ADD COLUMN. `suffix` makes
/// the helper names unique per step. An Error says why the table cannot be rebuilt (no
/// primary key to copy by, a change it cannot express), before anything runs.
Result<RecreationSpec> recreation_spec(const TableModel& before, std::string_view alter_statement_sql,
                                       std::string_view suffix, bool dsql, const TableDependents& dependents = {});

/// What apply will do, one line each, for `dsqlint plan`.
std::vector<std::string> describe(const RecreationSpec& spec);

/// "schema"."name", each part quoted.
std::string qualified_name(std::string_view schema, std::string_view name);

/// The name PostgreSQL gives an unnamed object (makeObjectName): name1_name2_label,
/// name1 and name2 shortened (at character boundaries) to fit 63 bytes. Empty name2: none.
std::string object_name(std::string_view name1, std::string_view name2, std::string_view label);

}  // namespace dsqlint
