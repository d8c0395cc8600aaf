#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* create = stmt.as<CreateStmt>();
  // PARTITION OF keeps its parent in inhRelations too; that is the partitioning rule's.
  if (!create || !create->relation || !create->inhRelations || create->partbound) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL has no table inheritance and rejects the INHERITS clause of table {}",
                         display_name(create->relation)))
      .at(stmt.word_or_start("INHERITS"))
      .help("declare the parent's columns in the table itself (CREATE TABLE ... (LIKE parent) copies them); queries "
            "on the parent will no longer see the child's rows, so use a view with UNION ALL if they must");
}

const RuleRegistrar kRule{{
    .id = "inherits",
    .summary = "CREATE TABLE ... INHERITS",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
