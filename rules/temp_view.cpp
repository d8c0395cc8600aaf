#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr char kTemporary = 't';  // RELPERSISTENCE_TEMP in catalog/pg_class.h

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* view = stmt.as<ViewStmt>();
  if (!view || !view->view || view->view->relpersistence != kTemporary) return;
  auto keyword = stmt.find_word("TEMPORARY");
  if (!keyword) keyword = stmt.find_word("TEMP");
  if (!keyword) return;
  const auto next = token_at(stmt, keyword->span.end);
  if (!next) return;
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL has no temporary views, so view {} is created as an ordinary view that every session "
                         "sees and that outlives the migration",
                         display_name(view->view)))
      .at(keyword->span)
      .help("delete TEMP, and DROP VIEW at the end of the migration if the view was only needed there")
      .fix(Applicability::Unsafe, "delete TEMP (the view becomes permanent)",
           {Edit{Span{keyword->span.begin, next->span.begin}, ""}});
}

const RuleRegistrar kRule{{
    .id = "temp-view",
    .summary = "CREATE TEMP/TEMPORARY VIEW",
    .klass = StatementClass::Rewrite,
    .nodes = {T_ViewStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
