#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context& ctx, Findings& out) {
  // Without sequences, sequence-cache-missing reports CREATE SEQUENCE as unsupported.
  if (!ctx.target.supports(Feature::Sequences)) return;
  for (const SequenceOptions& list : sequence_options(stmt)) {
    const DefElem* as = find_option(list.options, "as");
    if (!as || !as->arg || !IsA(as->arg, TypeName)) continue;
    const auto* type = castNode(TypeName, as->arg);
    if (!is_narrow_integer_type(type)) continue;
    const Span span = type_span(stmt, type);
    out.report(stmt, StatementClass::Rewrite,
               fmt::format("DSQL rejects {} AS {}: sequences must be bigint", list.owner, stmt.file().slice(span)))
        .at(span)
        .help("write AS bigint, or leave AS out; apply runs it as bigint")
        .fix(Applicability::Unsafe, "use AS bigint", {Edit{span, "bigint"}});
  }
}

const RuleRegistrar kRule{{
    .id = "sequence-type",
    .summary = "CREATE/ALTER SEQUENCE ... AS integer or smallint",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateSeqStmt, T_AlterSeqStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
