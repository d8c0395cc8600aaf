#include "catalog/table_map.h"

#include <cstring>
#include <string>
#include <utility>

#include "catalog/object_key.h"
#include "catalog/schema.h"

namespace dsqlint {

namespace {

uint64_t word_at(const char* bytes) {
  uint64_t word;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

constexpr uint64_t kQuoted = uint64_t{1} << 63;

/// A hash of a key, eight bytes at a step and inline: most statements look a table up, and
/// std::hash's out-of-line byte loop was a good part of each lookup. Its top bit says whether
/// the key is written quoted (its schema holds a dot or a quote, object_key.h), so a lookup
/// whose hash matches knows that without scanning the table's schema.
uint64_t hash_of(std::string_view key) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15;
  uint64_t hash = key.size() * kMultiplier;
  const auto mix = [&hash](uint64_t word) {
    hash = (hash ^ word) * kMultiplier;
    hash ^= hash >> 32;
  };
  if (key.size() < 8) {
    for (const char c : key) mix(static_cast<unsigned char>(c));
  } else {
    for (size_t i = 0; i + 8 < key.size(); i += 8) mix(word_at(key.data() + i));
    mix(word_at(key.data() + key.size() - 8));  // the last eight bytes, overlapping the others
  }
  // MurmurHash3's finalizer: every byte reaches the low bits that pick a slot (names that
  // differ only in their last digits must not crowd into one run of slots).
  hash ^= hash >> 33;
  hash *= 0xFF51AFD7ED558CCD;
  hash ^= hash >> 33;
  hash *= 0xC4CEB9FE1A85EC53;
  hash ^= hash >> 33;
  return key.starts_with('"') ? hash | kQuoted : hash & ~kQuoted;
}

/// Whether `key`, whose hash is the table's, is the key of `table`, read from the table
/// without building it.
bool keyed(const TableModel& table, std::string_view key, uint64_t hash) {
  if (hash & kQuoted) return is_object_key(key, table.schema, table.name);
  // Neither key is quoted: the table's is its schema, a dot and its name.
  const size_t dot = table.schema.size();
  return key.size() == dot + 1 + table.name.size() && key[dot] == '.' && key.ends_with(table.name) &&
         key.starts_with(table.schema);
}

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
  while (slots_[i].table && !(slots_[i].hash == hash && keyed(*slots_[i].table, key, hash))) i = (i + 1) & mask();
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
