#include "catalog/dependents.h"

#include <algorithm>
#include <map>

namespace dsqlint {

namespace {

/// The views reading `key`, transitively, each with the length of the longest chain of
/// views between it and `key`: creating them by that depth creates every view after the
/// views it reads.
void collect_views(const Catalog& catalog, const std::string& key, int depth, std::map<std::string, int>& found) {
  const auto readers = catalog.read_by.find(key);
  if (readers == catalog.read_by.end()) return;
  for (const std::string& view : readers->second) {
    auto [it, fresh] = found.emplace(view, depth);
    if (!fresh && it->second >= depth) continue;
    it->second = std::max(it->second, depth);
    if (depth < 64) collect_views(catalog, view, depth + 1, found);  // a bound against cycles
  }
}

}  // namespace

TableDependents dependents_of(const Catalog& catalog, const std::string& table) {
  TableDependents out;
  if (const auto referencing = catalog.referenced_by.find(table); referencing != catalog.referenced_by.end())
    for (const std::string& other : referencing->second) {
      if (other == table) continue;  // a self-reference belongs to the table's own definition
      const TableModel* holder = catalog.table(other);
      if (!holder) continue;
      for (const ConstraintModel& c : holder->constraints)
        if (c.kind == ConstraintKind::ForeignKey && c.references->table == table) out.keys.emplace_back(other, c);
    }
  std::map<std::string, int> found;
  collect_views(catalog, table, 0, found);
  std::vector<std::pair<int, std::string>> ordered;
  for (const auto& [view, depth] : found) ordered.emplace_back(depth, view);
  std::sort(ordered.begin(), ordered.end());
  for (const auto& [depth, view] : ordered)
    if (const auto it = catalog.views.find(view); it != catalog.views.end()) out.views.push_back(it->second);
  return out;
}

}  // namespace dsqlint
