#include "lint/state_helpers.h"

namespace dsqlint {

NewIndexes new_indexes(const SchemaChange& change, const Catalog& catalog) {
  NewIndexes out;
  if (change.kind == SchemaChange::Kind::CreateTable) {
    if (catalog.table(change.table)) return out;  // IF NOT EXISTS on a known table creates nothing
    out.table = &change.created;
    out.table_is_new = true;
    for (const IndexModel& index : change.created.indexes) out.indexes.push_back(&index);
    return out;
  }
  if (change.kind != SchemaChange::Kind::CreateIndex && change.kind != SchemaChange::Kind::AddIndexConstraint) return out;
  out.table = catalog.table(change.table);
  if (!out.table) return out;
  for (const IndexModel& existing : out.table->indexes)
    if (!change.index.name.empty() && existing.name == change.index.name) return NewIndexes{};  // already there
  out.indexes.push_back(&change.index);
  return out;
}

std::string describe_index(const IndexModel& index) {
  if (index.primary) return "the primary key";
  if (!index.name.empty()) return "index " + index.name;
  return index.unique ? "a unique constraint" : "an index";
}

std::string display_key(const std::string& key) {
  return key.starts_with("public.") ? key.substr(7) : key;
}

}  // namespace dsqlint
