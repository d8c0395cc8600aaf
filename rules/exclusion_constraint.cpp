#include <fmt/format.h>

#include "lint/names.h"
#include "lint/not_valid_rewrite.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const Constraint* exclusion = nullptr;
  const RangeVar* relation = nullptr;
  if (const auto* create = stmt.as<CreateStmt>()) {
    relation = create->relation;
    for (const Constraint* constraint : list_nodes<Constraint>(create->tableElts, T_Constraint))
      if (constraint->contype == CONSTR_EXCLUSION && !exclusion) exclusion = constraint;
  } else if (const auto* alter = stmt.as<AlterTableStmt>()) {
    relation = alter->relation;
    if (const auto added = added_constraints(alter, CONSTR_EXCLUSION); !added.empty()) exclusion = added.front();
  }
  if (!exclusion || !relation) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL has no exclusion constraints and rejects the EXCLUDE constraint on table {}",
                         display_name(relation)))
      .at(stmt.word_or_start("EXCLUDE"))
      .help("enforce the rule in the application inside a transaction (DSQL's optimistic concurrency aborts one of "
            "two conflicting writers), or with a unique index when the exclusion only uses equality");
}

const RuleRegistrar kRule{{
    .id = "exclusion-constraint",
    .summary = "EXCLUDE constraint in CREATE TABLE or ALTER TABLE",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
