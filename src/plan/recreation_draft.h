#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/schema.h"
#include "core/result.h"
#include "lint/statement.h"

// The table a recreation builds, as SQL text in parts: read from what history recorded,
// edited by the ALTER's subcommands (plan/recreation_alter.h), rendered by
// plan/recreation_spec.cpp.
namespace dsqlint::recreation {

/// One constraint clause of a column or of the table.
struct Clause {
  ConstrType type = CONSTR_NULL;
  std::string name;  ///< as written, or the name PostgreSQL gives it; empty for NULL, DEFAULT ...
  bool named = false;
  std::string body;  ///< the clause without "CONSTRAINT name"
  std::vector<std::string> columns;  ///< PRIMARY KEY / UNIQUE keys (and INCLUDE), FOREIGN KEY columns, CHECK references
  std::string temp_name;             ///< PRIMARY KEY / UNIQUE on the new table
};

/// One column: its parts as written, and how the copy fills it.
struct ColumnDraft {
  std::string name, type_sql, collate;
  std::vector<Clause> clauses;
  std::string source;  ///< the copy's expression over the old table; empty for an added column
  bool generated = false, identity = false, identity_always = false;

  bool has(ConstrType type) const {
    for (const Clause& clause : clauses)
      if (clause.type == type) return true;
    return false;
  }
  void remove(ConstrType type) { std::erase_if(clauses, [&](const Clause& c) { return c.type == type; }); }
};

/// The table being rebuilt.
struct TableDraft {
  std::string schema, table;
  std::vector<ColumnDraft> columns;
  std::vector<Clause> constraints;
  std::vector<std::string> index_definitions;  ///< CREATE INDEX statements as written
  std::vector<ColumnDraft> added_columns;      ///< ADD COLUMN, parsed, in subcommand order
  std::vector<Clause> added_constraints;       ///< ADD CONSTRAINT, parsed, in subcommand order
  std::set<std::string> used_names;            ///< constraint and index names given so far
  std::vector<std::string> changes;            ///< what the subcommands did, for `plan`

  ColumnDraft* column(std::string_view name);
  bool in_primary_key(const std::string& name) const;
  bool has_primary_key() const;
};

/// Reads `before` by parsing its column definitions, constraints and index constraints
/// as one CREATE TABLE, together with `added`, the ALTER's ADD COLUMN and ADD CONSTRAINT
/// texts (kept aside in added_columns / added_constraints until their subcommand runs).
/// Unnamed constraints get the names PostgreSQL gave them.
Result<TableDraft> read_table(const TableModel& before, const std::vector<std::string>& added);

/// Names an unnamed constraint as PostgreSQL would (ChooseConstraintName), so DROP
/// CONSTRAINT finds it and the new table keeps the name.
void name_clause(Clause& clause, TableDraft& draft);

/// Text without surrounding whitespace.
std::string trimmed(std::string_view text);
/// Parts joined by `separator`, each quoted as an identifier when `quote`.
std::string joined(const std::vector<std::string>& parts, std::string_view separator, bool quote = false);
/// The significant tokens of stmt's text in [begin, end).
std::vector<Token> tokens_in(const Statement& stmt, uint32_t begin, uint32_t end);
/// The index of the first token after the (possibly qualified) name that `tokens` start with.
size_t after_name(const std::vector<Token>& tokens);

}  // namespace dsqlint::recreation
