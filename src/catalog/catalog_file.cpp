#include "catalog/catalog_file.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <set>
#include <unordered_map>
#include <vector>

namespace dsqlint {

namespace {

// 4: keys quote a schema whose name holds a dot (object_key.h); 5: grants keep their
// columns; 6: the contents of the migrations replayed; 7: table owners and serials'
// sequences; 8: constraints keep their comments. A cache of an older format is rebuilt.
constexpr std::string_view kMagic = "dsqlint-catalog/8\n";

/// Appends values: integers as little-endian varints, strings with their length first.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void number(uint64_t n) {
    do {
      out_.push_back(static_cast<char>((n & 0x7F) | (n > 0x7F ? 0x80 : 0)));
      n >>= 7;
    } while (n);
  }
  void text(std::string_view s) {
    number(s.size());
    out_.append(s);
  }
  void flag(bool b) { number(b ? 1 : 0); }
  void names(const std::vector<std::string>& list) {
    number(list.size());
    for (const std::string& s : list) text(s);
  }

 private:
  std::string& out_;
};

/// Reads what Writer wrote; any read past the end or out of range marks the bytes damaged.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool damaged() const { return damaged_; }
  bool at_end() const { return pos_ == in_.size(); }
  uint64_t number() {
    uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return fail();
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      if (shift == 63 && byte > 1) return fail();  // bits past the 64th: not what Writer wrote
      n |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return n;
    }
    return fail();
  }
  std::string text() {
    const uint64_t size = number();
    if (damaged_ || size > in_.size() - pos_) return fail(), std::string();
    std::string out(in_.substr(pos_, size));
    pos_ += size;
    return out;
  }
  bool flag() { return number() != 0; }
  char letter() { return static_cast<char>(number()); }
  /// A count of items about to be read, each at least one byte: bounded by what is left.
  size_t count() {
    const uint64_t n = number();
    if (n > in_.size() - pos_) return fail(), 0;
    return n;
  }
  /// A string's bytes in place, for a table kept packed.
  std::string_view view() {
    const uint64_t size = number();
    if (damaged_ || size > in_.size() - pos_) return fail(), std::string_view();
    const std::string_view out = in_.substr(pos_, size);
    pos_ += size;
    return out;
  }
  std::string_view rest() const { return in_.substr(pos_); }
  /// The next count, not consumed, as a reservation hint (bounded by what is left).
  size_t remaining_hint() const {
    Reader peek = *this;
    return peek.count();
  }
  std::vector<std::string> names() {
    std::vector<std::string> out(count());
    for (std::string& s : out) s = text();
    return out;
  }

 private:
  uint64_t fail() {
    damaged_ = true;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool damaged_ = false;
};

void put(Writer& w, const Origin& o) { w.text(o.path), w.number(o.statement), w.flag(o.stripped); }
Origin get_origin(Reader& r) {
  Origin o;
  o.path = r.text(), o.statement = static_cast<uint32_t>(r.number()), o.stripped = r.flag();
  return o;
}

void put(Writer& w, const ColumnType& t) { w.text(t.name), w.text(t.sql), w.number(static_cast<uint32_t>(t.width)); }
ColumnType get_type(Reader& r) {
  ColumnType t;
  t.name = r.text(), t.sql = r.text(), t.width = static_cast<int32_t>(static_cast<uint32_t>(r.number()));
  return t;
}

void put(Writer& w, const ColumnModel& c) {
  const ColumnExtras& x = *c.extra;
  w.text(c.name), put(w, *c.type), w.flag(c.not_null), w.text(c.default_sql), w.names(x.sequences);
  w.number(static_cast<uint8_t>(c.identity)), w.text(x.identity_options), w.text(x.generated_sql);
  w.text(x.collation), w.text(x.storage), w.text(x.comment), w.text(x.serial_sequence);
}
ColumnModel get_column(Reader& r) {
  ColumnModel c;
  ColumnExtras x;
  c.name = r.text(), c.type = get_type(r), c.not_null = r.flag(), c.default_sql = r.text(), x.sequences = r.names();
  c.identity = static_cast<Identity>(r.number() % 3), x.identity_options = r.text(), x.generated_sql = r.text();
  x.collation = r.text(), x.storage = r.text(), x.comment = r.text(), x.serial_sequence = r.text();
  if (!x.empty()) c.extra = std::move(x);
  return c;
}

void put(Writer& w, const ConstraintModel& c) {
  w.text(c.name), w.number(static_cast<uint8_t>(c.kind)), w.names(c.columns), w.names(c.include);
  w.flag(c.nulls_not_distinct), w.text(c.expression_sql);
  w.text(c.references->table), w.names(c.references->columns), w.number(static_cast<uint8_t>(c.references->match));
  w.number(static_cast<uint8_t>(c.references->on_update)), w.number(static_cast<uint8_t>(c.references->on_delete));
  w.names(c.references->delete_set_columns);
  w.flag(c.valid), w.flag(c.deferrable), w.flag(c.initially_deferred), w.flag(c.no_inherit);
  w.text(c.emulates), w.text(*c.comment);
}
ConstraintModel get_constraint(Reader& r) {
  ConstraintModel c;
  c.name = r.text(), c.kind = static_cast<ConstraintKind>(r.number() % 5), c.columns = r.names(), c.include = r.names();
  c.nulls_not_distinct = r.flag(), c.expression_sql = r.text();
  ForeignKeyModel fk;
  fk.table = r.text(), fk.columns = r.names(), fk.match = r.letter();
  fk.on_update = r.letter(), fk.on_delete = r.letter();
  fk.delete_set_columns = r.names();
  if (c.kind == ConstraintKind::ForeignKey) c.references = std::move(fk);
  c.valid = r.flag(), c.deferrable = r.flag(), c.initially_deferred = r.flag(), c.no_inherit = r.flag();
  c.emulates = r.text();
  if (std::string comment = r.text(); !comment.empty()) c.comment = std::move(comment);
  return c;
}

void put(Writer& w, const IndexModel& i) {
  w.text(i.name), w.number(i.keys.size());
  for (const IndexKeyModel& k : i.keys)
    w.text(k.column), w.text(k.extra->expression_sql), w.text(k.extra->collation), w.text(k.extra->opclass),
        w.number(k.ordering), w.number(k.nulls);
  const IndexExtras& x = *i.extra;
  w.names(x.include), w.text(x.predicate_sql), w.text(x.method), w.flag(i.unique), w.flag(i.nulls_not_distinct);
  w.text(x.comment);
}
IndexModel get_index(Reader& r) {
  IndexModel i;
  i.name = r.text();
  i.keys.resize(r.count());
  for (IndexKeyModel& k : i.keys) {
    IndexKeyExtras kx;
    k.column = r.text(), kx.expression_sql = r.text(), kx.collation = r.text(), kx.opclass = r.text(),
    k.ordering = r.letter(), k.nulls = r.letter();
    if (!kx.empty()) k.extra = std::move(kx);
  }
  IndexExtras x;
  x.include = r.names(), x.predicate_sql = r.text(), x.method = r.text(), i.unique = r.flag();
  i.nulls_not_distinct = r.flag(), x.comment = r.text();
  if (!x.empty()) i.extra = std::move(x);
  return i;
}

void put(Writer& w, const std::vector<GrantModel>& grants) {
  w.number(grants.size());
  for (const GrantModel& g : grants) w.text(g.privileges), w.text(g.grantee), w.flag(g.with_grant_option), w.names(g.columns);
}
std::vector<GrantModel> get_grants(Reader& r) {
  std::vector<GrantModel> grants(r.count());
  for (GrantModel& g : grants)
    g.privileges = r.text(), g.grantee = r.text(), g.with_grant_option = r.flag(), g.columns = r.names();
  return grants;
}

template <typename T, typename Put>
void put_list(Writer& w, const std::vector<T>& items, Put&& put_one) {
  w.number(items.size());
  for (const T& item : items) put_one(w, item);
}

template <typename T, typename Get>
std::vector<T> get_list(Reader& r, Get&& get_one) {
  std::vector<T> items(r.count());
  for (T& item : items) item = get_one(r);
  return items;
}

void put(Writer& w, const TableModel& t) {
  w.text(t.schema), w.text(t.name);
  put_list(w, t.columns, [](Writer& w, const ColumnModel& c) { put(w, c); });
  put_list(w, t.constraints, [](Writer& w, const ConstraintModel& c) { put(w, c); });
  put_list(w, t.indexes, [](Writer& w, const IndexModel& i) { put(w, i); });
  w.number(t.lifetime_columns), w.number(t.statistics), put(w, t.origin);
  w.flag(t.rls_stripped.has_value());
  if (t.rls_stripped) put(w, *t.rls_stripped);
  w.text(t.comment), put(w, t.grants), w.text(t.owner);
}
TableModel get_table(Reader& r) {
  TableModel t;
  t.schema = r.text(), t.name = r.text();
  t.columns = get_list<ColumnModel>(r, get_column);
  t.constraints = get_list<ConstraintModel>(r, get_constraint);
  t.indexes = get_list<IndexModel>(r, get_index);
  t.lifetime_columns = static_cast<unsigned>(r.number()), t.statistics = static_cast<unsigned>(r.number());
  t.origin = get_origin(r);
  if (r.flag()) t.rls_stripped = get_origin(r);
  t.comment = r.text(), t.grants = get_grants(r), t.owner = r.text();
  return t;
}

void put(Writer& w, const ViewModel& v) {
  w.text(v.schema), w.text(v.name), w.text(v.query_sql), w.names(v.column_names);
  w.names(std::vector<std::string>(v.reads.begin(), v.reads.end())), put(w, v.origin), w.text(v.comment), put(w, v.grants);
}
ViewModel get_view(Reader& r) {
  ViewModel v;
  v.schema = r.text(), v.name = r.text(), v.query_sql = r.text(), v.column_names = r.names();
  const std::vector<std::string> reads = r.names();
  v.reads.insert(reads.begin(), reads.end());
  v.origin = get_origin(r), v.comment = r.text(), v.grants = get_grants(r);
  return v;
}

void put(Writer& w, const DomainModel& d) {
  w.text(d.schema), w.text(d.name), put(w, d.type), w.flag(d.not_null), w.text(d.default_sql);
  put_list(w, d.checks, [](Writer& w, const ConstraintModel& c) { put(w, c); });
  put(w, d.origin);
}
DomainModel get_domain(Reader& r) {
  DomainModel d;
  d.schema = r.text(), d.name = r.text(), d.type = get_type(r), d.not_null = r.flag(), d.default_sql = r.text();
  d.checks = get_list<ConstraintModel>(r, get_constraint), d.origin = get_origin(r);
  return d;
}

void put(Writer& w, const EmulatedTypeModel& t) { w.text(t.schema), w.text(t.name), w.names(t.values), put(w, t.origin); }
EmulatedTypeModel get_emulated(Reader& r) {
  EmulatedTypeModel t;
  t.schema = r.text(), t.name = r.text(), t.values = r.names(), t.origin = get_origin(r);
  return t;
}

/// In key order, whatever the map's own order: the same catalog is the same bytes.
template <typename Map, typename Put>
void put_map(Writer& w, const Map& map, Put&& put_one) {
  std::vector<const typename Map::value_type*> entries;
  entries.reserve(map.size());
  for (const auto& entry : map) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  w.number(map.size());
  for (const auto* entry : entries) w.text(entry->first), put_one(w, entry->second);
}

template <typename Map, typename Get>
void get_map(Reader& r, Map& map, Get&& get_one) {
  for (size_t n = r.count(); n > 0 && !r.damaged(); --n) {
    std::string key = r.text();
    map.emplace(std::move(key), get_one(r));
  }
}

/// A reverse index: each key with its set (or its one value), in key order.
void put_index(Writer& w, const std::unordered_map<std::string, std::set<std::string>>& index) {
  put_map(w, index, [](Writer& w, const std::set<std::string>& set) {
    w.number(set.size());
    for (const std::string& s : set) w.text(s);
  });
}
void get_index(Reader& r, std::unordered_map<std::string, std::set<std::string>>& index) {
  index.reserve(r.remaining_hint());
  get_map(r, index, [](Reader& r) {
    std::set<std::string> set;
    for (size_t n = r.count(); n > 0 && !r.damaged(); --n) set.insert(set.end(), r.text());
    return set;
  });
}

/// The checksum that tells damaged bytes (a flipped bit inside a table read only when a
/// statement looks it up) from a catalog this build wrote. Not cryptographic: the files
/// are the user's own; it guards against damage, not against an attacker.
uint64_t checksum(std::string_view body) { return std::hash<std::string_view>{}(body); }

}  // namespace

TableModel decode_table(std::string_view bytes) {
  Reader r(bytes);
  return get_table(r);  // checked as part of the whole file's checksum: never damaged here
}

std::string encode_catalog(const Catalog& catalog, std::string_view stamp) {
  std::string body;
  Writer w(body);
  // Tables are each length-prefixed, so a load can keep them packed.
  std::vector<std::pair<std::string, std::string>> tables;
  tables.reserve(catalog.table_count());
  catalog.tables_.for_each([&tables](const TableModel& table) {
    std::string bytes;
    Writer tw(bytes);
    put(tw, table);
    tables.emplace_back(table.key(), std::move(bytes));
  });
  for (const auto& [key, bytes] : catalog.packed_) tables.emplace_back(key, bytes);
  std::sort(tables.begin(), tables.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  w.number(tables.size());
  for (const auto& [key, bytes] : tables) w.text(key), w.text(bytes);
  put_map(w, catalog.views, [](Writer& w, const ViewModel& v) { put(w, v); });
  for (const auto* origins : {&catalog.sequences, &catalog.schemas, &catalog.missing})
    put_map(w, *origins, [](Writer& w, const Origin& o) { put(w, o); });
  put_map(w, catalog.domains, [](Writer& w, const DomainModel& d) { put(w, d); });
  put_map(w, catalog.types, [](Writer& w, const EmulatedTypeModel& t) { put(w, t); });
  put_map(w, catalog.index_owner, [](Writer& w, const std::string& table) { w.text(table); });
  put_map(w, catalog.migration_contents, [](Writer& w, const std::vector<std::string>& paths) { w.names(paths); });
  for (const auto* index : {&catalog.referenced_by, &catalog.read_by, &catalog.enum_users}) put_index(w, *index);

  std::string out(kMagic);
  Writer head(out);
  head.text(stamp);
  head.number(checksum(body));
  return out + body;
}

std::optional<Catalog> decode_catalog(std::string bytes, std::string_view stamp) {
  if (!std::string_view(bytes).starts_with(kMagic)) return std::nullopt;
  // The tables stay bytes, in the buffer the catalog now owns, until looked up.
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  Reader head(std::string_view(*owned).substr(kMagic.size()));
  if (head.text() != stamp) return std::nullopt;
  const uint64_t sum = head.number();
  if (head.damaged() || checksum(head.rest()) != sum) return std::nullopt;
  Catalog catalog;
  catalog.bytes_ = std::move(owned);
  Reader r(head.rest());
  const size_t tables = r.count();
  catalog.packed_.reserve(tables);
  for (size_t n = tables; n > 0 && !r.damaged(); --n) {
    std::string key = r.text();
    catalog.packed_.emplace(std::move(key), r.view());
  }
  get_map(r, catalog.views, get_view);
  for (auto* origins : {&catalog.sequences, &catalog.schemas, &catalog.missing}) get_map(r, *origins, get_origin);
  get_map(r, catalog.domains, get_domain);
  get_map(r, catalog.types, get_emulated);
  catalog.index_owner.reserve(r.remaining_hint());
  get_map(r, catalog.index_owner, [](Reader& r) { return r.text(); });
  get_map(r, catalog.migration_contents, [](Reader& r) { return r.names(); });
  for (auto* index : {&catalog.referenced_by, &catalog.read_by, &catalog.enum_users}) get_index(r, *index);
  if (r.damaged() || !r.at_end() || catalog.packed_.size() != tables) return std::nullopt;
  return catalog;
}

}  // namespace dsqlint
