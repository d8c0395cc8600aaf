#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"
#include "lint/clause_tokens.h"

namespace dsqlint::rules {
namespace {

std::string_view clause_name(ConstrType type) {
  switch (type) {
    case CONSTR_DEFAULT: return "DEFAULT";
    case CONSTR_NOTNULL: return "NOT NULL";
    case CONSTR_CHECK: return "CHECK";
    case CONSTR_UNIQUE: return "UNIQUE";
    case CONSTR_PRIMARY: return "PRIMARY KEY";
    case CONSTR_FOREIGN: return "REFERENCES";
    case CONSTR_GENERATED: return "GENERATED ... STORED";
    case CONSTR_IDENTITY: return "GENERATED ... AS IDENTITY";
    case CONSTR_EXCLUSION: return "EXCLUDE";
    default: return "constraint attribute";
  }
}

/// The text of a constraint from its keyword on (without a leading CONSTRAINT name).
std::string body_text(const Statement& stmt, const ConstraintText& text, std::string_view keyword) {
  const auto word = stmt.find_word(keyword, text.span.begin);
  if (!word || word->span.begin >= text.span.end) return {};
  return std::string(stmt.file().slice(Span{word->span.begin, text.span.end}));
}

std::string default_name(const AlterTableStmt* alter, const ColumnDef* column, std::string_view suffix) {
  std::string name = fmt::format("{}_{}_{}", alter->relation->relname ? alter->relation->relname : "",
                                 column->colname, suffix);
  return name.size() > 63 ? name.substr(0, 62 - suffix.size()) + "_" + std::string(suffix) : name;
}

void check_column(const Statement& stmt, Context& ctx, Findings& out, const AlterTableStmt* alter,
                  const ColumnDef* column) {
  std::vector<const Constraint*> flagged;
  bool rebuild = false;
  const ListCell* cell;
  foreach (cell, column->constraints) {
    const auto* node = static_cast<const Node*>(lfirst(cell));
    if (!node || !IsA(node, Constraint)) continue;
    const auto* constraint = reinterpret_cast<const Constraint*>(node);
    if (constraint->contype == CONSTR_NULL) continue;
    flagged.push_back(constraint);
    switch (constraint->contype) {
      case CONSTR_DEFAULT:
      case CONSTR_CHECK:
      case CONSTR_FOREIGN:
        break;
      default:
        rebuild = true;  // NOT NULL, UNIQUE, PRIMARY KEY, GENERATED, identity, attributes
    }
  }
  if (flagged.empty()) return;
  std::string clauses;
  for (const Constraint* constraint : flagged) {
    const std::string_view name = clause_name(constraint->contype);
    if (clauses.find(name) == std::string::npos) clauses += (clauses.empty() ? "" : ", ") + std::string(name);
  }
  const std::string table = display_name(alter->relation);
  const std::string column_name = column->colname ? column->colname : "";
  const auto texts = column_constraint_texts(stmt, column);
  const ConstraintText* only = nullptr;
  if (flagged.size() == 1)
    for (const auto& text : texts)
      if (text.constraint == flagged.front()) only = &text;
  const Span where = only ? only->span : stmt.word_or_start("ADD");

  const auto recreate = [&](std::string_view why) {
    out.report(stmt, StatementClass::Recreation,
               fmt::format("DSQL's ADD COLUMN takes no {} for column {} of table {}, so apply rebuilds the table",
                           clauses, column_name, table))
        .at(where)
        .help(fmt::format("apply creates the table anew with the column and its {}, copies the rows in batches and "
                          "swaps it in{}",
                          clauses, why));
  };
  if (rebuild || !only) return recreate("");

  const Constraint* constraint = flagged.front();
  // An explicit NULL goes with the clause: DSQL's ADD COLUMN takes only a name and a type.
  std::vector<Edit> edits{Edit{only->remove, ""}};
  for (const auto& text : texts)
    if (text.constraint->contype == CONSTR_NULL) edits.push_back(Edit{text.remove, ""});
  const std::string target = quoted_name(alter->relation);
  if (constraint->contype == CONSTR_DEFAULT) {
    if (!ctx.target.supports(Feature::AlterColumnDefaults))
      return recreate(fmt::format("; DSQL from {} on can add the column bare and SET DEFAULT separately",
                                  feature_date(Feature::AlterColumnDefaults)));
    const auto keyword = stmt.find_word("DEFAULT", only->span.begin);
    const auto first = keyword ? token_at(stmt, keyword->span.end) : std::nullopt;
    if (!first || first->span.begin >= only->span.end) return recreate("");
    const std::string expr(stmt.file().slice(Span{first->span.begin, only->span.end}));
    out.report(stmt, StatementClass::Rewrite,
               fmt::format("DSQL's ADD COLUMN takes no DEFAULT for column {} of table {}: the default has to be set "
                           "separately, and existing rows keep NULL",
                           column_name, table))
        .at(where)
        .severity(Severity::Warning)
        .help("add the column bare, then ALTER COLUMN ... SET DEFAULT; unlike PostgreSQL, rows that exist already "
              "stay NULL, so backfill them with UPDATE in batches of at most 3,000 rows if they need the value")
        .fix(Applicability::Unsafe, "move the DEFAULT to a separate ALTER COLUMN ... SET DEFAULT (existing rows stay NULL)",
             edits,
             {fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}", target, quote_identifier(column_name), expr)});
    return;
  }

  // CHECK or REFERENCES alone: add the column bare, then the constraint NOT VALID.
  const bool foreign = constraint->contype == CONSTR_FOREIGN;
  if (!ctx.target.supports(Feature::NotValidConstraints) || (foreign && !ctx.target.supports(Feature::ForeignKeys)) ||
      constraint->is_no_inherit)
    return recreate("");
  const std::string body = body_text(stmt, *only, foreign ? "REFERENCES" : "CHECK");
  if (body.empty()) return recreate("");
  const std::string name =
      constraint->conname ? constraint->conname : default_name(alter, column, foreign ? "fkey" : "check");
  const std::string definition =
      foreign ? fmt::format("FOREIGN KEY ({}) {}", quote_identifier(column_name), body) : body;
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL's ADD COLUMN takes no {} for column {} of table {}: the constraint has to be added "
                         "separately, NOT VALID",
                         clauses, column_name, table))
      .at(where)
      .help("add the column bare, then ADD CONSTRAINT ... NOT VALID and validate it with ALTER TABLE ASYNC ... "
            "VALIDATE CONSTRAINT; apply waits for the job")
      .fix(Applicability::Safe, fmt::format("move the {} to ADD CONSTRAINT ... NOT VALID and an ASYNC validation", clauses),
           edits,
           {fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {} NOT VALID", target, quote_identifier(name), definition),
            fmt::format("ALTER TABLE ASYNC {} VALIDATE CONSTRAINT {}", target, quote_identifier(name))});
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || !alter->relation) return;
  for (const AlterTableCmd* command : alter_commands(alter)) {
    if (command->subtype != AT_AddColumn || !command->def || !IsA(command->def, ColumnDef)) continue;
    check_column(stmt, ctx, out, alter, castNode(ColumnDef, command->def));
  }
}

const RuleRegistrar kRule{{
    .id = "add-column-with-constraint",
    .summary = "ALTER TABLE ADD COLUMN with DEFAULT, NOT NULL, CHECK, UNIQUE, REFERENCES or GENERATED",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
