#include <fmt/format.h>

#include "lint/names.h"
#include "lint/not_valid_rewrite.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || !alter->relation) return;
  const auto keys = added_constraints(alter, CONSTR_PRIMARY);
  if (keys.empty()) return;
  out.report(stmt, StatementClass::Recreation,
             fmt::format("DSQL cannot add a primary key to existing table {}: primary keys are declared only in "
                         "CREATE TABLE, so apply rebuilds the table",
                         display_name(alter->relation)))
      .at(Span{stmt.offset(keys.front()->location), stmt.span().end})
      .help("apply creates the table anew with the primary key, copies the rows in batches and swaps it in; "
            "duplicate or NULL key values stop the copy before anything is swapped. If lookups are all you need, "
            "a CREATE UNIQUE INDEX ASYNC keeps the table");
}

const RuleRegistrar kRule{{
    .id = "alter-add-primary-key",
    .summary = "ALTER TABLE ADD PRIMARY KEY",
    .klass = StatementClass::Recreation,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
