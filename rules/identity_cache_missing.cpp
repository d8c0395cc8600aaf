#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

// On targets without sequences this rule alone reports identity columns, so each
// column gets one finding; the other identity rules stay quiet there.
void check(const Statement& stmt, Context& ctx, Findings& out) {
  for (const IdentityColumn& column : identity_columns(stmt)) {
    const std::string where = fmt::format("identity column {} of table {}", column.name, display_name(column.table));
    const Span at = identity_span(stmt, column.identity);
    if (!ctx.target.supports(Feature::Sequences)) {
      out.report(stmt, StatementClass::Unsupported,
                 fmt::format("DSQL before {} has no identity columns, so it rejects {}",
                             feature_date(Feature::Sequences), where))
          .at(at)
          .help("use a uuid key with DEFAULT gen_random_uuid(), or target a DSQL date that has identity columns");
      continue;
    }
    if (find_option(column.identity->options, "cache")) continue;
    const auto edit = add_identity_cache(stmt, column.identity);
    auto finding =
        out.report(stmt, StatementClass::Rewrite, fmt::format("DSQL rejects {} without an explicit CACHE", where))
            .at(at)
            .help(
                "add CACHE 1 to the identity options (or CACHE 65536 or more for throughput, with "
                "large gaps between sessions); apply runs it with CACHE 1");
    if (edit) finding.fix(Applicability::Safe, "add CACHE 1", {*edit});
  }
}

const RuleRegistrar kRule{{
    .id = "identity-cache-missing",
    .summary = "identity column without CACHE",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateStmt, T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
