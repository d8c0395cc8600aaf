#include <cstdlib>

#include <fmt/format.h>

#include "column_types.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

constexpr int64_t kMaxPrecision = 1000;
constexpr int64_t kMaxScale = 1000;

void check(const Statement& stmt, Context&, Findings& out) {
  for_each_declared_type(stmt, [&](const DeclaredType& declared) {
    if (base_type_name(declared.type) != "numeric" || in_user_schema(declared.type)) return;
    const uint32_t at = stmt.offset(declared.type->location);
    if (declared.type->typmods == NIL) {
      out.report(stmt, StatementClass::Ok,
                 fmt::format("DSQL stores a numeric without precision as numeric(18,6), so {} rounds to 6 decimal "
                             "places and holds at most 12 digits before the point",
                             owner_of(declared)))
          .at(Span{at, at})
          .severity(Severity::Warning)
          .help("declare the precision and scale the values need, e.g. numeric(38,10); PostgreSQL's unbounded "
                "numeric does not exist on DSQL");
      return;
    }
    const auto precision = type_modifier(declared.type, 0);
    const auto scale = type_modifier(declared.type, 1);
    const bool bad_precision = precision && (*precision < 1 || *precision > kMaxPrecision);
    const bool bad_scale = scale && std::llabs(*scale) > kMaxScale;
    if (!bad_precision && !bad_scale) return;
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects the numeric {} of {}: precision must be 1 to {} and scale -{} to {} (22023)",
                           scale ? fmt::format("({},{})", precision.value_or(0), *scale)
                                 : fmt::format("({})", precision.value_or(0)),
                           owner_of(declared), kMaxPrecision, kMaxScale, kMaxScale))
        .at(Span{at, at})
        .help("declare a precision of at most 1000 and a scale within ±1000");
  });
}

const RuleRegistrar kRule{{
    .id = "numeric-precision",
    .summary = "numeric without precision (becomes numeric(18,6)), or precision/scale beyond 1000",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_AlterTableStmt, T_CreateDomainStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
