#include "catalog/schema.h"

#include <algorithm>
#include <functional>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "catalog/catalog_file.h"

namespace dsqlint {

namespace {

struct TypeHash {
  size_t operator()(const ColumnType& type) const {
    const std::hash<std::string> hash;
    return hash(type.sql) * 31 + hash(type.name) + static_cast<size_t>(type.width);
  }
};
struct SameType {
  bool operator()(const ColumnType& a, const ColumnType& b) const {
    return a.sql == b.sql && a.name == b.name && a.width == b.width;
  }
};

}  // namespace

const ColumnType TypeRef::kUnknown{};

TypeRef::TypeRef(const ColumnType& type) {
  // Threads lint files at once; a set's elements stay where they are as it grows. Never
  // freed: catalogs that point into it live to the end.
  static std::mutex mutex;
  static auto* const types = new std::unordered_set<ColumnType, TypeHash, SameType>;
  std::lock_guard lock(mutex);
  type_ = &*types->insert(type).first;
}

std::string describe(const Origin& origin) {
  return "statement " + std::to_string(origin.statement) + " of " + origin.path;
}

std::vector<std::string> IndexModel::columns() const {
  std::vector<std::string> out;
  for (const IndexKeyModel& key : keys) out.push_back(key.column);
  return out;
}

const ColumnModel* TableModel::column(std::string_view column_name) const {
  for (const ColumnModel& c : columns)
    if (c.name == column_name) return &c;
  return nullptr;
}

ColumnModel* TableModel::column(std::string_view column_name) {
  for (ColumnModel& c : columns)
    if (c.name == column_name) return &c;
  return nullptr;
}

const ConstraintModel* TableModel::constraint(std::string_view constraint_name) const {
  for (const ConstraintModel& c : constraints)
    if (c.name == constraint_name) return &c;
  return nullptr;
}

const ConstraintModel* TableModel::primary_key() const {
  for (const ConstraintModel& c : constraints)
    if (c.kind == ConstraintKind::PrimaryKey) return &c;
  return nullptr;
}

const IndexModel* TableModel::index(std::string_view index_name) const {
  for (const IndexModel& i : indexes)
    if (i.name == index_name) return &i;
  return nullptr;
}

std::vector<KeyShape> TableModel::keys() const {
  std::vector<KeyShape> out;
  for (const ConstraintModel& c : constraints)
    if (c.is_key()) out.push_back({c.name, c.columns, true, c.kind == ConstraintKind::PrimaryKey});
  for (const IndexModel& i : indexes) out.push_back({i.name, i.columns(), i.unique, false});
  return out;
}

size_t TableModel::key_count() const {
  return indexes.size() + static_cast<size_t>(std::count_if(constraints.begin(), constraints.end(),
                                                            [](const ConstraintModel& c) { return c.is_key(); }));
}

std::set<std::string> TableModel::used_names() const {
  std::set<std::string> used;
  for (const ConstraintModel& c : constraints) used.insert(c.name);
  for (const IndexModel& i : indexes) used.insert(i.name);
  return used;
}

const TableModel* Catalog::table(const std::string& key) const {
  if (last_.valid && last_.key == key) return last_.table;
  const TableModel* found = find_table(key);
  last_.key = key, last_.table = found, last_.valid = true;
  return found;
}

const TableModel* Catalog::find_table(const std::string& key) const {
  if (const TableModel* found = tables_.find(key)) return found;
  if (packed_.empty()) return nullptr;  // a replayed catalog: hashing the key again finds nothing
  const auto packed = packed_.find(key);
  if (packed == packed_.end()) return nullptr;
  auto unpacked = std::make_unique<TableModel>(decode_table(packed->second));
  packed_.erase(packed);
  if (unpacked->key() != key) return nullptr;  // not what was stored under the key: no table
  return &tables_.insert(std::move(unpacked));
}

TableModel* Catalog::table(const std::string& key) {
  return const_cast<TableModel*>(std::as_const(*this).table(key));
}

TableModel& Catalog::add_table(TableModel&& table) {
  last_.valid = false;  // it may have found no table under this key
  return tables_.insert(std::make_unique<TableModel>(std::move(table)));
}

std::unique_ptr<TableModel> Catalog::take_table(const std::string& key) {
  last_.valid = false;  // it may point at the table taken
  // One lookup for a table held as a model; a packed one is unpacked into the map first.
  std::unique_ptr<TableModel> taken = tables_.extract(key);
  if (!taken && find_table(key)) taken = tables_.extract(key);
  return taken;
}

TableModel* Catalog::table_of_index(const std::string& index_key) {
  const auto it = index_owner.find(index_key);
  return it == index_owner.end() ? nullptr : table(it->second);
}

}  // namespace dsqlint
