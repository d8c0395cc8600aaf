#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace dsqlint {

struct TableModel;

/// The catalog's tables by key ("schema.name"), each table keyed by its own schema and
/// name. Open addressing over (hash, table) slots: a lookup reads a slot and then the table
/// it wants anyway, where a node-based map also reads a node and the key's heap copy. With
/// a thousand tables those are cache misses, and most statements look a table up.
class TableMap {
 public:
  TableMap();
  ~TableMap();
  TableMap(TableMap&&) noexcept;
  TableMap& operator=(TableMap&&) noexcept;

  TableModel* find(std::string_view key) const;
  /// Adds a table under its key; when a table has that key already, that one stays.
  TableModel& insert(std::unique_ptr<TableModel> table);
  /// Takes a table out; null when none has the key.
  std::unique_ptr<TableModel> extract(std::string_view key);
  size_t size() const { return size_; }
  /// Calls `visit` with every table, in no particular order.
  template <typename Visit>
  void for_each(Visit visit) const {
    for (const Slot& slot : slots_)
      if (slot.table) visit(*slot.table);
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::unique_ptr<TableModel> table;  ///< null: free
  };
  size_t mask() const { return slots_.size() - 1; }
  /// Where a lookup for `key` stops: its table's slot, or the free slot that ends its run.
  size_t slot_of(std::string_view key, uint64_t hash) const;

  std::vector<Slot> slots_;  ///< a power of two in size, at most half full
  size_t size_ = 0;
};

}  // namespace dsqlint
