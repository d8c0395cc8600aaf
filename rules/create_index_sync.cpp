#include "core/compiled_format.h"
#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index || index->concurrent || stmt.has_async_keyword()) return;
  const auto keyword = stmt.find_word("INDEX");
  if (!keyword) return;
  out.report(stmt, StatementClass::Index,
             compiled_format(
                 FMT_COMPILE("DSQL rejects CREATE INDEX without ASYNC on table {}"), display_name(index->relation)))
      .at(Span{stmt.span().begin, keyword->span.end})
      .help("write CREATE INDEX ASYNC; apply runs it so and waits for the index job before the next statement")
      .fix(Applicability::Safe, "add ASYNC", {Edit{Span{keyword->span.end, keyword->span.end}, " ASYNC"}});
}

const RuleRegistrar kRule{{
    .id = "create-index-sync",
    .summary = "CREATE INDEX without ASYNC",
    .klass = StatementClass::Index,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
