#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr size_t kMaxSchemas = 10;  // user schemas: public and sys do not count

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (change.kind != SchemaChange::Kind::CreateSchema || change.table == "public" || change.table == "sys") return;
  const size_t live = ctx.catalog.schemas.size();
  if (ctx.catalog.schemas.contains(change.table) || live < kMaxSchemas) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("schema {} would be user schema number {}, and DSQL allows at most {}", change.table, live + 1,
                         kMaxSchemas))
      .help("put these tables in an existing schema, or drop a schema that is no longer used");
}

const RuleRegistrar kRule{{
    .id = "schema-quota",
    .summary = "more than 10 user schemas, counted over the whole history",
    .klass = StatementClass::Unsupported,
    .changes = {SchemaChange::Kind::CreateSchema},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
