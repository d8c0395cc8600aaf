#include "catalog/schema.h"

namespace dsqlint {

std::string describe(const Origin& origin) {
  return "statement " + std::to_string(origin.statement) + " of " + origin.path;
}

const ColumnModel* TableModel::column(std::string_view column_name) const {
  for (const ColumnModel& c : columns)
    if (c.name == column_name) return &c;
  return nullptr;
}

const IndexModel* TableModel::primary_key() const {
  for (const IndexModel& index : indexes)
    if (index.primary) return &index;
  return nullptr;
}

const TableModel* Catalog::table(const std::string& key) const {
  const auto it = tables.find(key);
  return it == tables.end() ? nullptr : &it->second;
}

TableModel* Catalog::table(const std::string& key) {
  const auto it = tables.find(key);
  return it == tables.end() ? nullptr : &it->second;
}

TableModel* Catalog::table_of_index(const std::string& index_key) {
  const auto dot = index_key.find('.');
  const std::string schema = index_key.substr(0, dot), name = index_key.substr(dot + 1);
  for (auto& [key, table] : tables)
    if (table.schema == schema)
      for (const IndexModel& index : table.indexes)
        if (index.name == name) return &table;
  return nullptr;
}

}  // namespace dsqlint
