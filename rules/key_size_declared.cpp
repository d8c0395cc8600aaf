#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr int32_t kRejected = 2000;  // observed: DDL with a larger declared key fails
constexpr int32_t kDocumented = 1024;  // the documented key size

/// The declared bytes of an index's key, or -1 when a key part has no bound (text, an expression).
int32_t declared_size(const TableModel& table, const KeyShape& index) {
  int32_t total = 0;
  for (const std::string& name : index.columns) {
    const ColumnModel* column = table.column(name);
    if (!column || column->type->width < 0) return -1;
    total += column->type->width;
  }
  return total;
}

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  const NewIndexes& created = ctx.created;
  if (!created.table) return;
  for (const KeyShape& index : created.indexes) {
    const int32_t size = declared_size(*created.table, index);
    if (size <= kDocumented) continue;
    const std::string what = fmt::format("the key of {} on table {} declares {} bytes", describe_index(index),
                                         display_key(created.table->key()), size);
    if (size > kRejected) {
      out.report(change.span, StatementClass::Unsupported,
                 what + fmt::format(", and DSQL rejects keys declared over {} bytes", kRejected))
          .help("shorten the varchar lengths of the key columns, or key on a hash of the long values");
    } else {
      out.report(change.span, StatementClass::Ok,
                 what + fmt::format(", over the {} bytes DSQL documents for a key", kDocumented))
          .severity(Severity::Warning)
          .help("rows whose key is longer than 1 KiB may be rejected; shorten the key columns");
    }
  }
}

const RuleRegistrar kRule{{
    .id = "key-size-declared",
    .summary = "primary or index key whose declared column widths add up past DSQL's key size",
    .klass = StatementClass::Unsupported,
    // The kinds new_indexes() finds keys for (ctx.created).
    .changes = {SchemaChange::Kind::CreateTable, SchemaChange::Kind::CreateIndex, SchemaChange::Kind::AddConstraint},
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
