#pragma once
#include <string>
#include <utility>
#include <vector>

#include "catalog/schema.h"

namespace dsqlint {

/// What depends on a table: what a rebuild must carry across its swap. Found through the
/// catalog's reverse indexes.
struct TableDependents {
  /// Foreign keys of other tables that point at it: the referencing table's key and the key.
  std::vector<std::pair<std::string, ConstraintModel>> keys;
  /// Views that read it, directly or through other views, in an order they can be created in.
  std::vector<ViewModel> views;

  bool empty() const { return keys.empty() && views.empty(); }
};

TableDependents dependents_of(const Catalog& catalog, const std::string& table);

}  // namespace dsqlint
