#include "lint/not_valid_rewrite.h"

#include "lint/drizzle_fk_idiom.h"
#include "lint/names.h"

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
