#include <string>

#include "core/compiled_format.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/clause_tokens.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* index = stmt.as<IndexStmt>();
  if (!index || !index->accessMethod) return;
  const auto clause = index_using_clause(stmt);
  if (!clause) return;  // the grammar's default method, not written
  const std::string method = index->accessMethod;
  const Span at{clause->using_word.span.begin, clause->method.span.end};
  const std::string table = display_name(index->relation);
  if (method == "btree") {
    // Part of running the index the DSQL way, like ASYNC: counted and reported as INDEX.
    out.report(stmt, StatementClass::Index,
               compiled_format(
                   FMT_COMPILE("DSQL rejects the USING btree clause of an index on table {}: it has no USING clause"),
                   table))
        .at(at)
        .help("delete USING btree; DSQL's one index method is already B-tree-like")
        .fix(Applicability::Safe, "delete USING btree", {Edit{Span{at.begin, clause->next_begin}, ""}});
    return;
  }
  out.report(stmt, StatementClass::Unsupported,
             compiled_format(
                 FMT_COMPILE("DSQL has no {} index method for the index on table {}: it offers only B-tree-like indexes"),
                 method, table))
      .at(at)
      .help(compiled_format(FMT_COMPILE("a B-tree index does not answer the queries a {} index serves (containment, "
                                        "ranges, full text); redesign the access path, e.g. a lookup table or a "
                                        "computed column with a B-tree index, then delete USING {}"),
                            method, method));
}

const RuleRegistrar kRule{{
    .id = "index-using-method",
    .summary = "CREATE INDEX ... USING btree/hash/gin/gist/brin/spgist",
    .klass = StatementClass::Index,
    .nodes = {T_IndexStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
