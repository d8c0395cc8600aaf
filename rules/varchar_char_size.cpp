#include <fmt/format.h>

#include "column_types.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

constexpr int64_t kMaxVarchar = 65535;
constexpr int64_t kMaxChar = 4096;

void check(const Statement& stmt, Context&, Findings& out) {
  for_each_declared_type(stmt, [&](const DeclaredType& declared) {
    const std::string_view name = base_type_name(declared.type);
    const bool varchar = name == "varchar";
    if (!varchar && name != "bpchar") return;
    const auto size = type_modifier(declared.type, 0);
    const int64_t limit = varchar ? kMaxVarchar : kMaxChar;
    if (!size || *size <= limit) return;
    const uint32_t at = stmt.offset(declared.type->location);
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects {}({}) for {}: a declared {} size is at most {}", varchar ? "varchar" : "char",
                           *size, owner_of(declared), varchar ? "varchar" : "char", limit))
        .at(Span{at, at})
        .help(fmt::format("use text (up to 1 MiB per value), or {}({}) or less", varchar ? "varchar" : "char", limit));
  });
}

const RuleRegistrar kRule{{
    .id = "varchar-char-size",
    .summary = "varchar(n) over 65,535 or char(n) over 4,096",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_AlterTableStmt, T_CreateDomainStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
