#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr char kUnlogged = 'u';  // RELPERSISTENCE_UNLOGGED in catalog/pg_class.h

void check(const Statement& stmt, Context&, Findings& out) {
  const RangeVar* relation = nullptr;
  if (const auto* create = stmt.as<CreateStmt>()) relation = create->relation;
  if (const auto* create_as = stmt.as<CreateTableAsStmt>(); create_as && create_as->into)
    relation = create_as->into->rel;
  if (const auto* select = stmt.as<SelectStmt>(); select && select->intoClause) relation = select->intoClause->rel;
  if (!relation || relation->relpersistence != kUnlogged) return;
  const auto keyword = stmt.find_word("UNLOGGED");
  if (!keyword) return;
  const auto next = token_at(stmt, keyword->span.end);
  if (!next) return;
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL does not accept UNLOGGED for table {}: every DSQL table is durable",
                         display_name(relation)))
      .at(keyword->span)
      .severity(Severity::Warning)
      .help("delete UNLOGGED; the table becomes an ordinary durable table, which DSQL's storage makes anyway")
      .fix(Applicability::Safe, "delete UNLOGGED", {Edit{Span{keyword->span.begin, next->span.begin}, ""}});
}

const RuleRegistrar kRule{{
    .id = "unlogged-table",
    .summary = "CREATE UNLOGGED TABLE",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateStmt, T_CreateTableAsStmt, T_SelectStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
