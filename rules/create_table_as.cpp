#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const IntoClause* into = nullptr;
  bool select_into = false;
  if (const auto* create_as = stmt.as<CreateTableAsStmt>(); create_as && create_as->objtype == OBJECT_TABLE)
    into = create_as->into;
  if (const auto* select = stmt.as<SelectStmt>(); select && select->intoClause) {
    into = select->intoClause;
    select_into = true;
  }
  if (!into || !into->rel) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects {} for table {}: it creates tables only from a column list",
                         select_into ? "SELECT ... INTO" : "CREATE TABLE ... AS", display_name(into->rel)))
      .at(select_into ? stmt.word_or_start("INTO") : stmt.word_or_start("AS"))
      .help("write CREATE TABLE with explicit columns and types, then fill it with INSERT ... SELECT in a separate "
            "transaction, in batches of at most 3,000 rows");
}

const RuleRegistrar kRule{{
    .id = "create-table-as",
    .summary = "CREATE TABLE ... AS SELECT, SELECT ... INTO",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateTableAsStmt, T_SelectStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
