#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

// How PostgreSQL names what a migration leaves unnamed, so that history calls a constraint
// what the server calls it: the catalog when it replays DROP CONSTRAINT, and a rebuild
// when it creates the table anew.
namespace dsqlint {

/// The kinds of constraint PostgreSQL names by itself, by their label ("pkey", "key" ...).
enum class ConstraintLabel { PrimaryKey, Unique, ForeignKey, Check };

/// The name PostgreSQL gives an unnamed object (makeObjectName): name1_name2_label, name1
/// and name2 shortened (at character boundaries) to fit 63 bytes. Empty name2: none.
std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label);

/// The name PostgreSQL gives an unnamed constraint of `table` (ChooseConstraintName): after
/// `columns` (the key columns, a unique constraint's INCLUDE columns too, or the
/// foreign-key columns; for a check the one column it mentions, none
/// when it mentions several; none for a primary key), numbered past the names in `used`,
/// to which the name is added.
std::string choose_constraint_name(std::string_view table, ConstraintLabel label,
                                   const std::vector<std::string>& columns, std::set<std::string>& used);

/// The name PostgreSQL gives an unnamed index (ChooseIndexName): after the names of its
/// columns (a key's column, or what its expression is called), told apart by numbers
/// when they repeat, numbered past the names in `used`, to which the name is added.
std::string choose_index_name(std::string_view table, const std::vector<std::string>& columns, std::set<std::string>& used);

/// The columns among `columns` that the words of `text` name, each once, in order: what a
/// CHECK constraint is named after. Read from the words, so a function sharing a column's
/// name counts too.
std::vector<std::string> mentioned_columns(std::string_view text, const std::vector<std::string>& columns);

/// An identifier token as PostgreSQL reads it: a quoted one without its quotes (doubled
/// quotes made single), an unquoted one folded to lower case.
std::string identifier_name(std::string_view written);

}  // namespace dsqlint
