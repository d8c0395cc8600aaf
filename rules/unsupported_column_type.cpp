#include <array>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "column_types.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// A PostgreSQL or extension type that is not in DSQL's list of column types, and what to
/// use instead.
struct KnownType {
  std::string_view name;
  std::string_view instead;
};

constexpr std::string_view kText = "text (validate the format in the application or with a CHECK)";
constexpr std::string_view kGeometry = "numeric columns for the coordinates, or jsonb";
constexpr std::string_view kRange = "two columns for the bounds, with a CHECK (lower <= upper)";
constexpr std::string_view kNone = "a design without it: DSQL has no full-text search or vector types";

constexpr std::array kUnsupported{
    KnownType{"inet", kText},         KnownType{"cidr", kText},          KnownType{"macaddr", kText},
    KnownType{"macaddr8", kText},     KnownType{"money", "numeric(19,4) with the currency in its own column"},
    KnownType{"xml", kText},          KnownType{"tsvector", kNone},      KnownType{"tsquery", kNone},
    KnownType{"point", kGeometry},    KnownType{"line", kGeometry},      KnownType{"lseg", kGeometry},
    KnownType{"box", kGeometry},      KnownType{"path", kGeometry},      KnownType{"polygon", kGeometry},
    KnownType{"circle", kGeometry},   KnownType{"bit", "bytea, or text of 0s and 1s"},
    KnownType{"varbit", "bytea, or text of 0s and 1s"},                  KnownType{"int4range", kRange},
    KnownType{"int8range", kRange},   KnownType{"numrange", kRange},     KnownType{"tsrange", kRange},
    KnownType{"tstzrange", kRange},   KnownType{"daterange", kRange},    KnownType{"int4multirange", kRange},
    KnownType{"int8multirange", kRange}, KnownType{"nummultirange", kRange}, KnownType{"tsmultirange", kRange},
    KnownType{"tstzmultirange", kRange}, KnownType{"datemultirange", kRange}, KnownType{"oid", "bigint"},
    KnownType{"regclass", "text"},    KnownType{"regtype", "text"},      KnownType{"regproc", "text"},
    KnownType{"regrole", "text"},     KnownType{"regnamespace", "text"}, KnownType{"pg_lsn", "text"},
    KnownType{"txid_snapshot", "text"}, KnownType{"pg_snapshot", "text"}, KnownType{"xid", "bigint"},
    KnownType{"xid8", "bigint"},      KnownType{"jsonpath", "text"},     KnownType{"hstore", "jsonb"},
    KnownType{"citext", "text, compared through lower() (with an expression index on lower(col))"},
    KnownType{"ltree", "text"},       KnownType{"geometry", kGeometry},  KnownType{"geography", kGeometry},
    KnownType{"vector", kNone},       KnownType{"halfvec", kNone},       KnownType{"sparsevec", kNone},
};

/// Spreads the fifty names well enough for a lookup asked for every column, at a fraction
/// of the cost of hashing every byte.
struct NameHash {
  size_t operator()(std::string_view name) const {
    return name.empty() ? 0 : name.size() * 961 + static_cast<unsigned char>(name.front()) * 31 +
                                  static_cast<unsigned char>(name.back());
  }
};

const KnownType* find_unsupported(std::string_view name) {
  // Asked for every column: a hash lookup, not a scan of fifty names.
  static const auto by_name = [] {
    std::unordered_map<std::string_view, const KnownType*, NameHash> out;
    for (const KnownType& type : kUnsupported) out.emplace(type.name, &type);
    return out;
  }();
  const auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  for_each_declared_type(stmt, [&](const DeclaredType& declared) {
    if (declared.type->arrayBounds != NIL) return;  // array-column
    const std::string_view name = base_type_name(declared.type);
    if (name.empty() || (in_user_schema(declared.type) && name != "citext" && name != "hstore")) return;
    const uint32_t at = stmt.offset(declared.type->location);
    const bool json = name == "json" || name == "jsonb";
    if (json) {
      const Feature feature = name == "json" ? Feature::Json : Feature::Jsonb;
      if (ctx.target.supports(feature)) return;
      out.report(stmt, StatementClass::Unsupported,
                 fmt::format("DSQL as of {} has no {} column type, which {} uses", ctx.target.name, name,
                             owner_of(declared)))
          .at(Span{at, at})
          .help(fmt::format("store the document as text and parse it in the application, or target DSQL from {} on",
                            feature_date(feature)));
      return;
    }
    const KnownType* known = find_unsupported(name);
    if (!known) return;
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL has no {} column type, which {} uses", name, owner_of(declared)))
        .at(Span{at, at})
        .help(fmt::format("use {}", known->instead));
  });
}

const RuleRegistrar kRule{{
    .id = "unsupported-column-type",
    .summary = "column type outside DSQL's list (inet, cidr, money, xml, tsvector, geometry, ranges ...)",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_AlterTableStmt, T_CreateDomainStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
