#include <fmt/format.h>

#include "expression_walk.h"
#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index || !index->whereClause) return;
  const std::string table = display_name(index->relation);
  if (!ctx.target.supports(Feature::PartialIndexes)) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL as of {} has no partial indexes and rejects the WHERE clause of the index on table {}",
                           ctx.target.name, table))
        .at(stmt.word_or_start("WHERE"))
        .help(fmt::format("index all rows (for a UNIQUE index this makes uniqueness apply to every row, so check the "
                          "data first), or target DSQL from {} on",
                          feature_date(Feature::PartialIndexes)));
    return;
  }
  const NonImmutableCall call = first_non_immutable_call(index->whereClause);
  if (!call.node) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects the partial index on table {}: its WHERE clause calls {}, which is not "
                         "immutable (42P17)",
                         table, call.name))
      .at(Span{stmt.offset(call.location), stmt.offset(call.location)})
      .help("a partial index's predicate must give the same answer forever: compare with a constant (WHERE "
            "created_at > '2026-01-01') or with another column, not with the clock");
}

const RuleRegistrar kRule{{
    .id = "index-partial",
    .summary = "partial index (WHERE): before 2026-09-15, or with a predicate that is not immutable",
    .klass = StatementClass::Unsupported,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
