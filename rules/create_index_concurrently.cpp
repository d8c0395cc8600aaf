#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index || !index->concurrent) return;
  const auto keyword = stmt.find_word("CONCURRENTLY");
  if (!keyword) return;
  // With ASYNC already written, CONCURRENTLY only has to go.
  const std::string replacement = stmt.has_async_keyword() ? "" : "ASYNC";
  out.report(stmt, StatementClass::Index,
             fmt::format("DSQL rejects CREATE INDEX CONCURRENTLY on table {}", display_name(index->relation)))
      .at(keyword->span)
      .help(
          "write CREATE INDEX ASYNC: it also builds without blocking writes, and apply waits for the index job "
          "before the next statement")
      .fix(Applicability::Safe, "replace CONCURRENTLY with ASYNC", {Edit{keyword->span, replacement}});
}

const RuleRegistrar kRule{{
    .id = "create-index-concurrently",
    .summary = "CREATE INDEX CONCURRENTLY",
    .klass = StatementClass::Index,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
