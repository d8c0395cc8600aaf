#include "lint/state_helpers.h"

namespace dsqlint {

NewIndexes new_indexes(const SchemaChange& change, const Catalog& catalog) {
  using Kind = SchemaChange::Kind;
  NewIndexes out;
  if (change.kind == Kind::CreateTable) {
    if (catalog.table(change.table)) return out;  // IF NOT EXISTS on a known table creates nothing
    out.table = &*change.created;
    out.table_is_new = true;
    out.indexes = change.created->keys();
    return out;
  }
  const bool index = change.kind == Kind::CreateIndex;
  const bool key = change.kind == Kind::AddConstraint && change.constraint.is_key() && change.name.empty();
  if (!index && !key) return out;  // ... USING INDEX turns an index into a key: nothing new
  out.table = catalog.table(change.table);
  if (!out.table) return out;
  const std::string& name = index ? change.index.name : change.constraint.name;
  if (!name.empty() && (out.table->index(name) || out.table->constraint(name))) return NewIndexes{};  // already there
  if (index) out.indexes.push_back({change.index.name, change.index.columns(), change.index.unique, false});
  else out.indexes.push_back({change.constraint.name, change.constraint.columns, true,
                              change.constraint.kind == ConstraintKind::PrimaryKey});
  return out;
}

std::string describe_index(const KeyShape& index) {
  if (index.primary) return "the primary key";
  if (!index.name.empty()) return "index " + index.name;
  return index.unique ? "a unique constraint" : "an index";
}

std::string display_key(const std::string& key) {
  return key.starts_with("public.") ? key.substr(7) : key;
}

}  // namespace dsqlint
