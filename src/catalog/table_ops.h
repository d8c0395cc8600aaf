#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog/schema.h"

// What one statement does to one table, as PostgreSQL does it: the catalog's replay and a
// rebuild's new definition (plan/recreation_spec.h) both change a table through these.
// Each touches only the table; the catalog follows other tables' foreign keys and views.
namespace dsqlint {

/// Names every unnamed constraint and index of a table being created, as PostgreSQL does:
/// past the names written, in definition order.
void name_new_table(TableModel& table);

/// Leaves out of a table being created what PostgreSQL's CREATE TABLE leaves out without a
/// word: each UNIQUE that another key of it builds the index for (see created_instead); that
/// key takes its name if it has none. Before LIKE's keys join: PostgreSQL adds those later.
void drop_keys_created_instead(TableModel& table);

/// Whether PostgreSQL builds one index for both key constraints (transformIndexConstraints
/// compares them so): the same columns in the same order, INCLUDE, NULLS NOT DISTINCT and
/// deferrability.
bool same_key_index(const ConstraintModel& a, const ConstraintModel& b);

/// The key constraint that a CREATE TABLE holding all of `table`'s constraints creates in
/// place of UNIQUE `key` (one of them, or one to follow them), which it then does not create:
/// the primary key, else the first earlier UNIQUE with the same index. Null when `key` is
/// created. ALTER TABLE ... ADD keeps both, so a table may well have such a pair.
const ConstraintModel* created_instead(const TableModel& table, const ConstraintModel& key);

/// ADD COLUMN with its inline constraints (named as PostgreSQL names them). False when a
/// column of that name exists.
bool add_column(TableModel& table, ColumnModel column, std::vector<ConstraintModel> constraints);

/// DROP COLUMN: the column, and the constraints and indexes that use it. Returns the key
/// constraints that went with it (the foreign keys that point at them go too).
std::vector<ConstraintModel> drop_column(TableModel& table, const std::string& column);
/// Whether dropping `column` would drop a foreign key, a key or an index: a named object
/// the catalog's reverse indexes hold. CHECKs are not asked about (they hold no such name).
bool column_in_key_or_index(const TableModel& table, const std::string& column);

/// Before a rename of the table or a column: each serial column's sequence keeps the name
/// it was made with (<table>_<column>_seq), as in PostgreSQL (ColumnExtras::serial_sequence).
void keep_serial_sequence_names(TableModel& table);

/// RENAME COLUMN: the column, and every key, index and expression of the table naming it.
void rename_column(TableModel& table, const std::string& from, const std::string& to);

/// serial, bigserial, smallserial and their aliases: an integer column with a sequence.
bool is_serial(std::string_view type);
/// Whether a type (the model's name) is one an identity column may have: smallint, integer, bigint.
inline bool is_integer_type(std::string_view type) { return type == "int2" || type == "int4" || type == "int8"; }

/// bigint, the one width of DSQL's identity columns (a serial's, once apply made it one).
inline ColumnType bigint_type() { return ColumnType{.name = "int8", .sql = "bigint", .width = 8}; }

/// ALTER COLUMN TYPE: the new type, and the collation given (empty: the type's default). A
/// serial column changed to another integer type keeps its sequence, so it stays a serial
/// (of that width).
void set_type(TableModel& table, const std::string& column, TypeRef type, const std::string& collation);

/// SET DEFAULT, or DROP DEFAULT when `default_sql` is empty. A serial column that loses its
/// default is the integer it was made of (serial: integer).
void set_default(TableModel& table, const std::string& column, const std::string& default_sql,
                 const std::vector<std::string>& sequences);

/// SET NOT NULL (`not_null`) or DROP NOT NULL.
void set_not_null(TableModel& table, const std::string& column, bool not_null);

/// ADD CONSTRAINT, named as PostgreSQL names it when unnamed. A key's columns become NOT
/// NULL for a primary key. Returns the name it has.
std::string add_constraint(TableModel& table, ConstraintModel constraint);

/// DROP CONSTRAINT: the constraint; the columns of a dropped primary key stay NOT NULL, as
/// in PostgreSQL. Returns it when it was there.
std::optional<ConstraintModel> drop_constraint(TableModel& table, const std::string& name);

void rename_constraint(TableModel& table, const std::string& from, const std::string& to);
void validate_constraint(TableModel& table, const std::string& name);

/// CREATE INDEX, named as PostgreSQL names it when unnamed. Returns the name it has.
std::string add_index(TableModel& table, IndexModel index);

/// DROP INDEX: an index, or nothing when the name is a key constraint's (PostgreSQL refuses).
bool drop_index(TableModel& table, const std::string& name);

/// ALTER INDEX RENAME: the index, or the key constraint whose index it is.
void rename_index(TableModel& table, const std::string& from, const std::string& to);

/// COMMENT ON INDEX: the index's comment (empty text removes it). False when the table
/// has no index of that name (a key constraint's index is not modelled as one).
bool set_index_comment(TableModel& table, const std::string& index, const std::string& text);

/// COMMENT ON CONSTRAINT ... ON table: the constraint's comment (empty text removes it).
bool set_constraint_comment(TableModel& table, const std::string& constraint, const std::string& text);

/// Removes the table's foreign keys that point at `target`: every one when `key` is null
/// (the table went), else those that rely on key constraint `key` of it.
void drop_references(TableModel& table, const std::string& target, const ConstraintModel* key);

/// A column of `target` was renamed: the table's foreign keys naming it follow.
void rename_referenced_column(TableModel& table, const std::string& target, const std::string& from,
                              const std::string& to);

/// The table `target` was renamed to key `to`: the table's foreign keys follow.
void rename_referenced_table(TableModel& table, const std::string& target, const std::string& to);

}  // namespace dsqlint
