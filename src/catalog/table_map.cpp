#include "catalog/table_map.h"

#include <functional>
#include <string>
#include <utility>

#include "catalog/object_key.h"
#include "catalog/schema.h"

namespace dsqlint {

namespace {

uint64_t hash_of(std::string_view key) { return std::hash<std::string_view>{}(key); }

/// Whether `key` is the key of `table`, read from the table without building it.
bool keyed(const TableModel& table, std::string_view key) { return is_object_key(key, table.schema, table.name); }

}  // namespace

TableMap::TableMap() = default;
TableMap::~TableMap() = default;
// A map moved from is empty, size included, and usable again.
TableMap::TableMap(TableMap&& other) noexcept
    : slots_(std::exchange(other.slots_, {})), size_(std::exchange(other.size_, 0)) {}

TableMap& TableMap::operator=(TableMap&& other) noexcept {
  slots_ = std::exchange(other.slots_, {});
  size_ = std::exchange(other.size_, 0);
  return *this;
}

size_t TableMap::slot_of(std::string_view key, uint64_t hash) const {
  size_t i = hash & mask();
  while (slots_[i].table && !(slots_[i].hash == hash && keyed(*slots_[i].table, key))) i = (i + 1) & mask();
  return i;
}

TableModel* TableMap::find(std::string_view key) const {
  if (size_ == 0) return nullptr;
  return slots_[slot_of(key, hash_of(key))].table.get();
}

TableModel& TableMap::insert(std::unique_ptr<TableModel> table) {
  if ((size_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 64 : slots_.size() * 2));
    for (Slot& slot : old) {
      if (!slot.table) continue;
      size_t i = slot.hash & mask();
      while (slots_[i].table) i = (i + 1) & mask();
      slots_[i] = std::move(slot);
    }
  }
  const std::string key = table->key();
  const uint64_t hash = hash_of(key);
  Slot& slot = slots_[slot_of(key, hash)];
  if (slot.table) return *slot.table;
  slot.hash = hash;
  slot.table = std::move(table);
  ++size_;
  return *slot.table;
}

std::unique_ptr<TableModel> TableMap::extract(std::string_view key) {
  if (size_ == 0) return nullptr;
  size_t gap = slot_of(key, hash_of(key));
  std::unique_ptr<TableModel> out = std::move(slots_[gap].table);
  if (!out) return nullptr;
  --size_;
  // Backward shift: each later table of the run whose home slot is not between the gap
  // and itself moves into the gap, so no lookup meets a free slot before its table.
  for (size_t j = (gap + 1) & mask(); slots_[j].table; j = (j + 1) & mask()) {
    const size_t home = slots_[j].hash & mask();
    if (((j - home) & mask()) >= ((j - gap) & mask())) {
      slots_[gap] = std::move(slots_[j]);
      gap = j;
    }
  }
  return out;
}

}  // namespace dsqlint
