#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  if (drizzle_fk_idiom(stmt, ctx).matches) return;  // do-block-foreign-key rewrites it
  const GuardedBlock& guarded = guarded_block(stmt, ctx);
  if (guarded.matches) return;  // do-block-guarded unwraps it
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL cannot run this DO block: DO needs PL/pgSQL, which DSQL does not have, and {}",
                         guarded.reason))
      .at(stmt.word_or_start("DO"))
      .help("write the statements as plain SQL, one per statement; move conditional logic into the application");
}

const RuleRegistrar kRule{{
    .id = "do-block",
    .summary = "DO block (PL/pgSQL)",
    .klass = StatementClass::Unsupported,
    .nodes = {T_DoStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
