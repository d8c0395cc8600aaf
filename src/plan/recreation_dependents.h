#pragma once
#include <string>

#include "catalog/dependents.h"
#include "catalog/schema.h"
#include "core/result.h"
#include "plan/recreation_spec.h"

// What a rebuild carries across its swap besides the rows: the new table's keys that cannot
// be in its CREATE TABLE, the other tables' keys that point at it, the views that read it,
// and its grants and comments.
namespace dsqlint::recreation {

/// A constraint of the new table that cannot be in its CREATE TABLE: a self-referencing
/// foreign key (the copy inserts rows before the rows they point at), or a foreign key or
/// CHECK that was NOT VALID (old rows may break it). It is added after the copy, NOT VALID,
/// and validated when it was valid.
bool added_after_copy(const ConstraintModel& constraint, const std::string& table_key);

/// Fills spec's own_keys, inbound_keys, views and grants for `table` (as rebuilt).
Result<bool> carry_dependents(RecreationSpec& spec, const TableModel& table, const TableDependents& dependents);

}  // namespace dsqlint::recreation
