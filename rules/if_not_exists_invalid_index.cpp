#include "core/compiled_format.h"
#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index || !index->if_not_exists) return;
  const std::string name = index->idxname ? index->idxname : "?";
  out.report(stmt, StatementClass::Ok,
             compiled_format(
                 FMT_COMPILE("DSQL's CREATE INDEX ASYNC IF NOT EXISTS {} also accepts an index of that name whose earlier "
                             "build failed and left it INVALID"),
                 name))
      .at(stmt.word_or_start("EXISTS"))
      .help(compiled_format(
                FMT_COMPILE("apply drops {0} first when a failed build left it INVALID, and checks pg_index.indisvalid "
                            "after the build; when running the migration by other means, DROP INDEX {0} if indisvalid is "
                            "false"),
                name));
}

const RuleRegistrar kRule{{
    .id = "if-not-exists-invalid-index",
    .summary = "CREATE INDEX ... IF NOT EXISTS, which keeps an INVALID index from a failed build",
    .klass = StatementClass::Ok,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
