#include <string>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

std::string type_of(const List* names) { return dotted_name(names); }

void check(const Statement& stmt, Context&, Findings& out) {
  std::string what;
  if (const auto* e = stmt.as<CreateEnumStmt>()) what = fmt::format("the enum type {}", type_of(e->typeName));
  else if (const auto* c = stmt.as<CompositeTypeStmt>(); c && c->typevar)
    what = fmt::format("the composite type {}", display_name(c->typevar));
  else if (const auto* r = stmt.as<CreateRangeStmt>()) what = fmt::format("the range type {}", type_of(r->typeName));
  else if (const auto* d = stmt.as<DefineStmt>(); d && d->kind == OBJECT_TYPE)
    what = fmt::format("the type {}", type_of(d->defnames));
  else if (const auto* a = stmt.as<AlterEnumStmt>()) what = fmt::format("ALTER TYPE {}", type_of(a->typeName));
  else if (const auto* t = stmt.as<AlterTypeStmt>()) what = fmt::format("ALTER TYPE {}", type_of(t->typeName));
  else if (const auto* at = stmt.as<AlterTableStmt>(); at && at->objtype == OBJECT_TYPE && at->relation)
    what = fmt::format("ALTER TYPE {}", display_name(at->relation));
  else if (const auto* rn = stmt.as<RenameStmt>();
           rn && (rn->renameType == OBJECT_TYPE || (rn->renameType == OBJECT_ATTRIBUTE && rn->relationType == OBJECT_TYPE)))
    what = "ALTER TYPE ... RENAME";
  else if (const auto* drop = stmt.as<DropStmt>(); drop && drop->removeType == OBJECT_TYPE)
    what = "DROP TYPE";
  if (what.empty()) return;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL has no user-defined types and rejects {}", what))
      .at(stmt.word_or_start("TYPE"))
      .help("for an enum, use a text column with CHECK (col IN ('a', 'b')), or CREATE DOMAIN ... AS text CHECK "
            "(VALUE IN (...)), which DSQL supports; for a composite type, use separate columns or jsonb");
}

const RuleRegistrar kRule{{
    .id = "create-type",
    .summary = "CREATE TYPE (composite, range, base), and ALTER/DROP TYPE of a type that is not an emulated enum",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateEnumStmt, T_CompositeTypeStmt, T_CreateRangeStmt, T_DefineStmt, T_AlterEnumStmt,
              T_AlterTypeStmt, T_AlterTableStmt, T_RenameStmt, T_DropStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
