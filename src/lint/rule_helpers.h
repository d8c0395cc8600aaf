#pragma once
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "lint/statement.h"

namespace dsqlint {

/// The elements of a parse-tree list that carry `tag`, cast to T; other elements are
/// skipped (a CREATE TABLE element list mixes ColumnDef, Constraint and LIKE clauses).
/// A view of the list, not a copy: rules ask for the same lists again and again.
template <typename T>
class NodesOf {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = const T*;
    using difference_type = std::ptrdiff_t;
    using pointer = const T* const*;
    using reference = const T*;

    iterator() = default;
    iterator(const List* list, int index, NodeTag tag) : list_(list), index_(index), tag_(tag) { skip(); }
    const T* operator*() const { return static_cast<const T*>(list_->elements[index_].ptr_value); }
    iterator& operator++() {
      ++index_;
      skip();
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const iterator& other) const { return index_ == other.index_; }

   private:
    void skip() {
      while (index_ < list_length(list_)) {
        const auto* node = static_cast<const Node*>(list_->elements[index_].ptr_value);
        if (node && nodeTag(node) == tag_) return;
        ++index_;
      }
    }

    const List* list_ = nullptr;
    int index_ = 0;
    NodeTag tag_ = T_Invalid;
  };

  NodesOf(const List* list, NodeTag tag) : list_(list), tag_(tag) {}
  iterator begin() const { return iterator(list_, 0, tag_); }
  iterator end() const { return iterator(list_, list_length(list_), tag_); }
  size_t size() const { return static_cast<size_t>(std::distance(begin(), end())); }
  bool empty() const { return begin() == end(); }
  std::vector<const T*> to_vector() const { return {begin(), end()}; }

 private:
  const List* list_;
  NodeTag tag_;
};

template <typename T>
NodesOf<T> list_nodes(const List* list, NodeTag tag) {
  return NodesOf<T>(list, tag);
}

/// The column definitions of a CREATE TABLE, in order.
NodesOf<ColumnDef> column_defs(const CreateStmt* create);

/// The subcommands of an ALTER TABLE, in order.
NodesOf<AlterTableCmd> alter_commands(const AlterTableStmt* alter);

/// The columns an ALTER TABLE changes with subcommands of `subtype` (ALTER COLUMN c ...).
std::vector<std::string> altered_columns(const AlterTableStmt* alter, AlterTableType subtype);

/// The first constraint of `type` among a column's inline constraints, or null.
const Constraint* column_constraint(const ColumnDef* column, ConstrType type);

/// The option named `name` (lower case, as the grammar stores it) in a DefElem list.
const DefElem* find_option(const List* options, std::string_view name);

/// A numeric option value (CACHE 20, CACHE 9999999999), when it is a number.
std::optional<int64_t> option_integer(const DefElem* option);

/// A word or string option value (LANGUAGE plpgsql), lower-cased; empty when absent.
std::string option_word(const DefElem* option);

/// SERIAL, BIGSERIAL, SMALLSERIAL and serial2/4/8: PostgreSQL's shorthand for an
/// integer column with an owned sequence (the name is matched exactly, as PostgreSQL does).
bool is_serial_type(const TypeName* type);

/// smallint/int2 and integer/int4: integer types narrower than bigint.
bool is_narrow_integer_type(const TypeName* type);

/// The first significant token at or after `offset` within the statement.
std::optional<Token> token_at(const Statement& stmt, uint32_t offset);

/// The bytes of a type name as written: one word, or a dotted qualified name.
/// Empty (at the statement start) when the type has no location.
Span type_span(const Statement& stmt, const TypeName* type);

/// The bytes of a numeric option value after its keyword (the `20` of `CACHE 20`,
/// a leading sign included); nullopt when the text is not a number.
std::optional<Span> number_after_keyword(const Statement& stmt, const DefElem* option);

/// The edit that adds CACHE 1 to an identity constraint: " (CACHE 1)" after IDENTITY
/// when it has no option list, or " CACHE 1" before the list's closing parenthesis.
std::optional<Edit> add_identity_cache(const Statement& stmt, const Constraint* identity);

/// An identity column declared by a statement: in CREATE TABLE, or added to an
/// existing column by ALTER TABLE ... ALTER COLUMN c ADD GENERATED ... AS IDENTITY.
struct IdentityColumn {
  const Constraint* identity = nullptr;  ///< CONSTR_IDENTITY; its options are the sequence options
  const ColumnDef* column = nullptr;     ///< the definition with its type; null for ADD GENERATED
  std::string name;                      ///< the column
  const RangeVar* table = nullptr;
};

std::vector<IdentityColumn> identity_columns(const Statement& stmt);

/// GENERATED ... AS IDENTITY of an identity constraint, for pointing at it.
Span identity_span(const Statement& stmt, const Constraint* identity);

/// A list of sequence options a statement sets, and what it belongs to for messages.
struct SequenceOptions {
  const List* options = nullptr;
  std::string owner;  ///< "sequence s" or "identity column c of table t"
};

/// Every sequence option list of CREATE/ALTER SEQUENCE, identity columns in CREATE
/// TABLE, ADD GENERATED ... AS IDENTITY and ALTER COLUMN ... SET <sequence option>.
std::vector<SequenceOptions> sequence_options(const Statement& stmt);

/// A qualified name list (List of String) as people write it: schema.name, unquoted.
std::string dotted_name(const List* names);

/// The objects of DROP POLICY/TRIGGER/RULE, each a name on a table: "p on table t, q on table t".
std::string dropped_objects_on_tables(const DropStmt* drop);

/// "columns a, b" / "column a": for messages that name columns.
std::string column_list(const std::vector<std::string>& names);

}  // namespace dsqlint
