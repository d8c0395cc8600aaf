#pragma once
#include <string>

#include "catalog/schema.h"

// What replaying an ALTER does to the definition texts of a table in the catalog, so
// that they read as the table PostgreSQL has afterwards and a later rebuild copies it
// faithfully. Each edit parses the text it changes (lint/definition_text.h) and
// rewrites only the clause concerned; the rest stays as written.
namespace dsqlint {

/// Writes into each unnamed PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK clause of `table`
/// the name PostgreSQL gave it ("CONSTRAINT name ..."), and into the index model of a
/// key, so that a later rename or drop cannot change what the others are called. The
/// names are the ones a rebuild would give (recreation::read_table): same function, same order.
void freeze_constraint_names(TableModel& table);

/// Whether a column definition has a constraint clause that PostgreSQL would name.
bool has_unnamed_constraint(const std::string& column_definition);

/// SET NOT NULL (`not_null`) or DROP NOT NULL on `column`.
void set_not_null(TableModel& table, const std::string& column, bool not_null);

/// SET DEFAULT `expression` on `column`, or DROP DEFAULT when the expression is empty.
void set_default(TableModel& table, const std::string& column, const std::string& expression);

/// ALTER COLUMN TYPE: the column named `after.name` gets the type of `after`, and the
/// collation `collate` ("COLLATE x"; empty: the new type's default, as in PostgreSQL).
void set_type(TableModel& table, const ColumnModel& after, const std::string& collate);

/// DROP CONSTRAINT `name`: a clause or key of the table, named so or so named by
/// PostgreSQL. The columns of a dropped primary key stay NOT NULL, as in PostgreSQL 15.
/// Returns the key dropped, if it was one (drop_references).
std::vector<IndexModel> drop_constraint(TableModel& table, const std::string& name);

/// The foreign keys of `table` that depend on the key `key` of the table with key
/// `target` (on every key of it when null: the table was dropped): PostgreSQL drops them
/// with it (CASCADE), or refuses.
void drop_references(TableModel& table, const std::string& target, const IndexModel* key);

/// Writes into an unnamed CREATE INDEX of `table` the name PostgreSQL gives it as it is
/// created, so that a later rename of the table or a column does not change it.
void name_index(TableModel& table, IndexModel& index);

/// ALTER INDEX RENAME: the index, or the key constraint whose index it is.
void rename_index(TableModel& table, const std::string& from, const std::string& to);

/// RENAME CONSTRAINT (a key's index takes the new name too).
void rename_constraint(TableModel& table, const std::string& from, const std::string& to);

/// RENAME COLUMN: its definition, and every clause and index of the table that names it.
void rename_column(TableModel& table, const std::string& from, const std::string& to);

/// DROP COLUMN: the column, and the constraints and indexes of the table that use it.
/// Returns the keys that went with it (drop_references).
std::vector<IndexModel> drop_column(TableModel& table, const std::string& column);

/// RENAME TO: the table and its CREATE INDEX statements take the new name; the names
/// PostgreSQL gave its constraints stay.
void rename_table(TableModel& table, const std::string& to);

/// A column of the table with key `target` was renamed: `table`'s foreign keys that
/// reference it by name follow.
void rename_referenced_column(TableModel& table, const std::string& target, const std::string& from,
                              const std::string& to);

/// The table with key `target` was renamed to `to`: `table`'s foreign keys follow.
void rename_referenced_table(TableModel& table, const std::string& target, const std::string& to);

}  // namespace dsqlint
