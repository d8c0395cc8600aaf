#include "plan/recreation_alter.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/source_file.h"
#include "lint/clause_tokens.h"
#include "lint/rule_helpers.h"
#include "lint/schema_changes.h"
#include "plan/sql_quote.h"

namespace dsqlint::recreation {

namespace {

/// The first top-level word `keyword` in stmt's text [from, end).
std::optional<Token> top_level_word(const Statement& stmt, uint32_t from, uint32_t end, std::string_view keyword) {
  int depth = 0;
  for (const Token& token : tokens_in(stmt, from, end)) {
    depth += token.kind == TokenKind::LParen ? 1 : token.kind == TokenKind::RParen ? -1 : 0;
    if (depth == 0 && token_is_word(stmt, token, keyword)) return token;
  }
  return std::nullopt;
}

Result<ColumnDraft*> altered_column(TableDraft& draft, const AlterTableCmd* cmd) {
  ColumnDraft* column = cmd->name ? draft.column(cmd->name) : nullptr;
  if (!column) return Error{"column " + std::string(cmd->name ? cmd->name : "?") + " is not in table " + draft.table +
                            " as the migrations define it"};
  if (column->source.empty()) return Error{"column " + column->name + " is added and altered by the same statement"};
  return column;
}

Result<bool> alter_type(TableDraft& draft, const Statement& stmt, const AlterTableCmd* cmd, Span clause) {
  auto column = altered_column(draft, cmd);
  if (!column) return column.error();
  const auto* def = castNode(ColumnDef, cmd->def);
  if (!def->typeName || def->typeName->location < 0) return Error{"cannot read the new type of column " + (*column)->name};
  const uint32_t type_begin = stmt.offset(def->typeName->location);
  const auto using_word = top_level_word(stmt, type_begin, clause.end, "USING");
  const uint32_t type_end = using_word ? using_word->span.begin : clause.end;
  uint32_t cast_end = type_end;
  if (def->collClause && def->collClause->location >= 0) cast_end = std::min(cast_end, stmt.offset(def->collClause->location));
  (*column)->type_sql = trimmed(stmt.file().slice(Span{type_begin, type_end}));
  (*column)->collate.clear();  // PostgreSQL: the new type's default collation unless COLLATE is given
  const std::string expression = using_word ? trimmed(stmt.file().slice(Span{using_word->span.end, clause.end})) : "";
  (*column)->source = using_word ? "(" + expression + ")"
                                 : quote_identifier((*column)->name) + "::" + trimmed(stmt.file().slice(Span{type_begin, cast_end}));
  draft.changes.push_back("column " + (*column)->name + ": type " + (*column)->type_sql +
                          (using_word ? " using " + expression : ""));
  return true;
}

Result<bool> alter_not_null(TableDraft& draft, const AlterTableCmd* cmd) {
  auto column = altered_column(draft, cmd);
  if (!column) return column.error();
  ColumnDraft& c = **column;
  if (cmd->subtype == AT_SetNotNull) {
    c.remove(CONSTR_NULL);
    if (!c.has(CONSTR_NOTNULL)) c.clauses.push_back(Clause{.type = CONSTR_NOTNULL, .body = "NOT NULL"});
    draft.changes.push_back("column " + c.name + ": set not null");
    return true;
  }
  if (draft.in_primary_key(c.name) || c.identity)
    return Error{"column " + c.name + " is in the primary key or an identity column: PostgreSQL refuses DROP NOT NULL"};
  c.remove(CONSTR_NOTNULL);
  draft.changes.push_back("column " + c.name + ": drop not null");
  return true;
}

Result<bool> alter_default(TableDraft& draft, const Statement& stmt, const AlterTableCmd* cmd, Span clause) {
  auto column = altered_column(draft, cmd);
  if (!column) return column.error();
  ColumnDraft& c = **column;
  if (c.identity) return Error{"column " + c.name + " is an identity column and takes no default"};
  c.remove(CONSTR_DEFAULT);
  if (!cmd->def) {
    draft.changes.push_back("column " + c.name + ": drop default");
    return true;
  }
  const auto keyword = top_level_word(stmt, clause.begin, clause.end, "DEFAULT");
  if (!keyword) return Error{"cannot read the new default of column " + c.name};
  const std::string expression = trimmed(stmt.file().slice(Span{keyword->span.end, clause.end}));
  c.clauses.push_back(Clause{.type = CONSTR_DEFAULT, .body = "DEFAULT " + expression});
  draft.changes.push_back("column " + c.name + ": default " + expression);
  return true;
}

Result<bool> drop_constraint(TableDraft& draft, const AlterTableCmd* cmd) {
  const std::string name = cmd->name ? cmd->name : "";
  const auto named = [&](const Clause& clause) { return !clause.name.empty() && clause.name == name; };
  // PostgreSQL keeps the NOT NULL a dropped primary key implied.
  std::vector<std::string> keep_not_null;
  for (const ColumnDraft& column : draft.columns)
    for (const Clause& clause : column.clauses)
      if (named(clause) && clause.type == CONSTR_PRIMARY) keep_not_null.push_back(column.name);
  for (const Clause& clause : draft.constraints)
    if (named(clause) && clause.type == CONSTR_PRIMARY) keep_not_null = clause.columns;
  size_t dropped = std::erase_if(draft.constraints, named);
  for (ColumnDraft& column : draft.columns) dropped += std::erase_if(column.clauses, named);
  for (const std::string& key : keep_not_null)
    if (ColumnDraft* column = draft.column(key); column && !column->has(CONSTR_NOTNULL))
      column->clauses.push_back(Clause{.type = CONSTR_NOTNULL, .body = "NOT NULL"});
  if (dropped == 0 && !cmd->missing_ok)
    return Error{"constraint " + name + " is not in table " + draft.table + " as the migrations define it"};
  if (dropped > 0) draft.changes.push_back("drop constraint " + name);
  return true;
}

Result<bool> add_constraint(TableDraft& draft, const AlterTableCmd* cmd, size_t& next) {
  const auto* constraint = castNode(Constraint, cmd->def);
  if (constraint->contype == CONSTR_EXCLUSION) return Error{"EXCLUDE constraints cannot be part of a rebuild"};
  if (next >= draft.added_constraints.size()) return Error{"cannot read the added constraint"};
  Clause clause = std::move(draft.added_constraints[next++]);
  if (clause.type == CONSTR_PRIMARY && draft.has_primary_key())
    return Error{"table " + draft.table + " has a primary key already"};
  name_clause(clause, draft);
  draft.changes.push_back("add constraint " + clause.name + " " + clause.body);
  draft.constraints.push_back(std::move(clause));
  return true;
}

Result<bool> add_column(TableDraft& draft, const AlterTableCmd* cmd, size_t& next) {
  if (next >= draft.added_columns.size()) return Error{"cannot read the added column"};
  ColumnDraft column = std::move(draft.added_columns[next++]);
  if (draft.column(column.name)) {
    if (cmd->missing_ok) return true;
    return Error{"column " + column.name + " of table " + draft.table + " exists already"};
  }
  column.source.clear();  // rows get the column's default, as ADD COLUMN gives them
  for (Clause& clause : column.clauses) name_clause(clause, draft);
  draft.changes.push_back("add column " + column.name);
  draft.columns.push_back(std::move(column));
  return true;
}

Result<bool> apply_command(TableDraft& draft, const Statement& stmt, const AlterTableCmd* cmd, Span clause,
                           size_t& next_column, size_t& next_constraint) {
  switch (cmd->subtype) {
    case AT_AlterColumnType: return alter_type(draft, stmt, cmd, clause);
    case AT_SetNotNull:
    case AT_DropNotNull: return alter_not_null(draft, cmd);
    case AT_ColumnDefault: return alter_default(draft, stmt, cmd, clause);
    case AT_DropConstraint: return drop_constraint(draft, cmd);
    case AT_AddConstraint: return add_constraint(draft, cmd, next_constraint);
    case AT_AddColumn: return add_column(draft, cmd, next_column);
    default:
      return Error{fmt::format("\"{}\" cannot be part of a rebuild", trimmed(stmt.file().slice(clause)))};
  }
}

/// The ADD COLUMN / ADD CONSTRAINT texts of the ALTER, in order, read with the table.
std::vector<std::string> added_texts(const Statement& stmt, const std::vector<const AlterTableCmd*>& commands,
                                     const std::vector<Span>& clauses) {
  std::vector<std::string> out;
  for (size_t i = 0; i < commands.size(); ++i) {
    int location = -1;
    if (commands[i]->subtype == AT_AddColumn) location = castNode(ColumnDef, commands[i]->def)->location;
    else if (commands[i]->subtype == AT_AddConstraint) location = castNode(Constraint, commands[i]->def)->location;
    else continue;
    const uint32_t begin = location < 0 ? clauses[i].end : stmt.offset(location);
    out.push_back(trimmed(stmt.file().slice(Span{std::max(begin, clauses[i].begin), clauses[i].end})));
  }
  return out;
}

}  // namespace

Result<TableDraft> altered_table(const TableModel& before, std::string_view alter_statement_sql) {
  const SourceFile file = make_source("statement", std::string(alter_statement_sql));
  const ParsedFile parsed = parse_file(file);
  if (parsed.statements.size() != 1 || parsed.statements[0].kind != SyntaxKind::Postgres)
    return Error{"the statement does not read as one ALTER TABLE"};
  const Statement stmt(parsed.statements[0], file, 1);
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || !alter->relation) return Error{"only ALTER TABLE rebuilds a table"};
  const std::vector<const AlterTableCmd*> commands = alter_commands(alter);
  const std::vector<Span> clauses = alter_subcommand_spans(stmt, alter);
  if (clauses.size() != commands.size()) return Error{"cannot tell the subcommands of the ALTER TABLE apart"};
  auto draft = read_table(before, added_texts(stmt, commands, clauses));
  if (!draft) return draft.error();
  size_t next_column = 0, next_constraint = 0;
  for (size_t i = 0; i < commands.size(); ++i)
    if (auto done = apply_command(*draft, stmt, commands[i], clauses[i], next_column, next_constraint); !done)
      return done.error();
  return draft;
}

}  // namespace dsqlint::recreation
