#include "lint/not_valid_rewrite.h"

#include "lint/drizzle_fk_idiom.h"
#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint {

namespace {

std::string check_name(const AlterTableStmt* alter) {
  std::string name = std::string(alter->relation && alter->relation->relname ? alter->relation->relname : "") + "_check";
  return name.size() > 63 ? name.substr(0, 57) + "_check" : name;
}

}  // namespace

NotValidRewrite not_valid_rewrite(const AlterTableStmt* alter, const Constraint* constraint, uint32_t base,
                                  uint32_t statement_end) {
  NotValidRewrite out;
  std::string name = constraint->conname ? constraint->conname : "";
  if (name.empty()) {
    name = constraint->contype == CONSTR_FOREIGN ? default_fk_name(alter, constraint) : check_name(alter);
    const uint32_t at = base + static_cast<uint32_t>(std::max(constraint->location, 0));
    out.edits.push_back(Edit{Span{at, at}, "CONSTRAINT " + quote_identifier(name) + " "});
  }
  if (!constraint->skip_validation) out.edits.push_back(Edit{Span{statement_end, statement_end}, " NOT VALID"});
  out.validate = "ALTER TABLE ASYNC " + quoted_name(alter->relation) + " VALIDATE CONSTRAINT " + quote_identifier(name);
  return out;
}

void report_not_valid(const Statement& stmt, const AlterTableStmt* alter, const Constraint* constraint,
                      std::string_view what, std::string_view clause, Span at, Findings& out) {
  const std::string table = display_name(alter->relation);
  if (list_length(alter->cmds) != 1) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL adds {} to existing table {} only NOT VALID, in an ALTER TABLE of its own", what, table))
        .at(at)
        .help(fmt::format("split the statement: one ALTER TABLE ... {}, then ALTER TABLE ASYNC ... VALIDATE CONSTRAINT",
                          clause));
    return;
  }
  const NotValidRewrite rewrite = not_valid_rewrite(alter, constraint, stmt.parsed().base, stmt.span().end);
  out.report(stmt, StatementClass::Rewrite, fmt::format("DSQL rejects {} added to table {} without NOT VALID", what, table))
      .at(at)
      .help("add it NOT VALID, then validate it with ALTER TABLE ASYNC ... VALIDATE CONSTRAINT; apply waits for the job")
      .fix(Applicability::Safe, "add NOT VALID and an ASYNC validation", rewrite.edits, {rewrite.validate});
}

std::vector<const Constraint*> added_constraints(const AlterTableStmt* alter, ConstrType type) {
  std::vector<const Constraint*> out;
  ListCell* cell;
  foreach (cell, alter->cmds) {
    const auto* command = lfirst_node(AlterTableCmd, cell);
    if (command->subtype != AT_AddConstraint || !command->def || !IsA(command->def, Constraint)) continue;
    const auto* constraint = castNode(Constraint, command->def);
    if (constraint->contype == type) out.push_back(constraint);
  }
  return out;
}

}  // namespace dsqlint
