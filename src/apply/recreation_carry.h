#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "apply/database.h"
#include "plan/recreation_spec.h"

namespace dsqlint {

/// The steps of a rebuild that carry what depends on the table across the swap (spec's
/// own_keys, inbound_keys, views, grants; and the sequences the old table owns). Each looks
/// at the catalog first and does only what is not done yet, so a rerun after a crash at any
/// point finishes the work.
class CarriedSteps {
 public:
  /// Runs one DDL statement (retrying conflicts); nullopt when it failed (and was reported).
  using Ddl = std::function<std::optional<QueryResult>(const std::string& sql, std::string_view what)>;
  using Checkpoint = std::function<void(std::string_view phase)>;

  CarriedSteps(Session& session, const RecreationSpec& spec, Ddl ddl, Checkpoint checkpoint)
      : db_(session), spec_(spec), ddl_(std::move(ddl)), checkpoint_(std::move(checkpoint)) {}

  /// The new table's self-references and NOT VALID keys, added after the copy; before the swap.
  bool add_own_keys();
  /// Just before the swap: the views that read the table, and the other tables' keys.
  bool detach();
  /// Right after the swap: the keys again (NOT VALID, then validated), the views, the grants,
  /// then the sequences the old table's columns own (OWNED BY) given to the same columns of
  /// the swapped-in table: dropping the old table would drop them, values and all.
  bool reattach();

 private:
  /// Whether the constraint exists on the table, and whether it is validated.
  std::optional<bool> constraint_validated(const std::string& schema, const std::string& table, const std::string& name);
  bool view_exists(const std::string& schema, const std::string& name);
  bool add_key(const CarriedKey& key);
  bool validate_key(const CarriedKey& key);
  bool move_sequences();

  Session& db_;
  const RecreationSpec& spec_;
  Ddl ddl_;
  Checkpoint checkpoint_;
};

}  // namespace dsqlint
