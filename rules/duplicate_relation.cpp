#include <fmt/format.h>

#include "catalog/object_key.h"
#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

using Kind = SchemaChange::Kind;

/// What holds `key` in the schema's one namespace of relations, as history made it; empty when nothing does.
std::string holder(const Catalog& catalog, const std::string& key) {
  if (catalog.table(key)) return "table";
  if (catalog.views.count(key)) return "view";
  if (catalog.index_owner.count(key)) return "index";
  if (catalog.sequences.count(key)) return "sequence";
  return "";
}

/// The relation the change makes or renames to; empty when it names none (PostgreSQL names the index).
std::string made(const SchemaChange& change) {
  switch (change.kind) {
    case Kind::CreateTable:
    case Kind::CreateSequence:
    case Kind::CreateView: return change.table;
    case Kind::CreateIndex: return change.index.name.empty() ? "" : object_key(key_schema(change.table), change.index.name);
    case Kind::RenameTable: return object_key(key_schema(change.table), change.name);
    case Kind::RenameIndex: return object_key(key_schema(change.name), change.new_name);
    default: return "";
  }
}

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  if (guarded(ctx.statement)) return;
  if (change.replace && change.kind != Kind::CreateView) return;  // IF NOT EXISTS: before a key is built
  const std::string key = made(change);
  if (key.empty()) return;
  if (change.kind == Kind::RenameTable && key == change.table) return;
  if (change.kind == Kind::RenameIndex && key == change.name) return;
  const std::string kind = holder(ctx.catalog, key);
  if (kind.empty() || (kind == "view" && change.kind == Kind::CreateView && change.replace)) return;
  out.report(change.span, StatementClass::Unsupported,
             fmt::format("{} {} exists already, and the tables, views, indexes and sequences of a schema share its "
                         "names (42P07 duplicate_table on PostgreSQL and DSQL)",
                         kind, display_key(key)))
      .help("when two branches of the migrations both made it, keep one; otherwise choose another name, or write IF "
            "NOT EXISTS when it may exist");
}

const RuleRegistrar kRule{{
    .id = "duplicate-relation",
    .summary = "CREATE or RENAME TO a name a table, view, index or sequence of the schema has already",
    .klass = StatementClass::Unsupported,
    .changes = {Kind::CreateTable, Kind::CreateSequence, Kind::CreateView, Kind::CreateIndex, Kind::RenameTable,
                Kind::RenameIndex},
    .targets = Targets::All,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
