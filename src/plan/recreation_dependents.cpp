#include "plan/recreation_dependents.h"

#include "catalog/object_key.h"
#include "catalog/render.h"

namespace dsqlint::recreation {

namespace {

std::pair<std::string, std::string> split_key(const std::string& key) {
  return {key_schema(key), std::string(key_name(key))};
}

Result<CarriedKey> carried_key(ConstraintModel key, const std::string& schema, const std::string& table, bool dsql) {
  const bool valid = key.valid;
  auto add = render_add_constraint(key, schema, table, true);
  auto validate = render_validate_constraint(schema, table, key.name, dsql);
  if (!add || !validate) return Error{"the constraint " + key.name + " of " + table + " does not render"};
  return CarriedKey{schema, table, key.name, std::move(*add), valid ? std::move(*validate) : ""};
}

/// The name an index or key constraint has when the comments are given: its temporary one,
/// as these are renamed only once the old table (which holds the real names) is dropped. A
/// comment belongs to the object, so it keeps it through that rename.
template <class Renamed>
const std::string& name_when_commented(const std::vector<Renamed>& renamed, const std::string& name) {
  for (const Renamed& r : renamed)
    if (r.final_name == name) return r.temp_name;
  return name;
}

/// COMMENT ON CONSTRAINT and COMMENT ON INDEX for the rebuilt table's keys, checks and indexes,
/// and for the other tables' foreign keys that are added back after the swap.
void carry_member_comments(RecreationSpec& spec, const TableModel& table, const TableDependents& dependents) {
  const auto add = [&](std::optional<std::string> sql) {
    if (sql) spec.grants.push_back(std::move(*sql));
  };
  for (const ConstraintModel& c : table.constraints)
    if (!c.comment->empty())
      add(render_constraint_comment(spec.schema, spec.table, name_when_commented(spec.constraints, c.name), *c.comment));
  for (const IndexModel& index : table.indexes)
    if (!index.extra->comment.empty())
      add(render_index_comment(spec.schema, name_when_commented(spec.indexes, index.name), index.extra->comment));
  for (const auto& [holder, c] : dependents.keys)
    if (!c.comment->empty()) {
      const auto [schema, name] = split_key(holder);
      add(render_constraint_comment(schema, name, c.name, *c.comment));
    }
}

}  // namespace

bool added_after_copy(const ConstraintModel& c, const std::string& table_key) {
  if (c.kind == ConstraintKind::Check) return !c.valid;
  return c.kind == ConstraintKind::ForeignKey && (c.references->table == table_key || !c.valid);
}

Result<bool> carry_dependents(RecreationSpec& spec, const TableModel& table, const TableDependents& dependents) {
  const std::string key = table.key();
  for (ConstraintModel c : table.constraints) {
    if (!added_after_copy(c, key)) continue;
    if (c.references->table == key) c.references.edit().table = object_key(spec.schema, spec.new_table);  // its own rows
    auto carried = carried_key(std::move(c), spec.schema, spec.new_table, spec.dsql);
    if (!carried) return carried.error();
    spec.own_keys.push_back(std::move(*carried));
  }
  for (const auto& [holder, c] : dependents.keys) {
    const auto [schema, name] = split_key(holder);
    auto carried = carried_key(c, schema, name, spec.dsql);
    if (!carried) return carried.error();
    spec.inbound_keys.push_back(std::move(*carried));
  }
  for (const ViewModel& view : dependents.views) {
    auto create = render_create_view(view);
    if (!create) return Error{"the view " + view.name + " that reads " + table.name + " does not render"};
    CarriedView carried{view.schema, view.name, std::move(*create), {}};
    for (const GrantModel& grant : view.grants)
      if (auto sql = render_grant(grant, view.schema, view.name)) carried.after_create.push_back(std::move(*sql));
    if (!view.comment.empty())
      if (auto sql = render_comment(view.schema, view.name, true, "", view.comment)) carried.after_create.push_back(*sql);
    spec.views.push_back(std::move(carried));
  }
  if (!table.owner.empty())  // first: an owner's grants to others are given as the owner's
    spec.grants.push_back("ALTER TABLE " + qualified_name(spec.schema, spec.table) + " OWNER TO " + table.owner);
  for (const GrantModel& grant : table.grants)
    if (auto sql = render_grant(grant, spec.schema, spec.table)) spec.grants.push_back(std::move(*sql));
  if (!table.comment.empty())
    if (auto sql = render_comment(spec.schema, spec.table, false, "", table.comment)) spec.grants.push_back(*sql);
  for (const ColumnModel& column : table.columns)
    if (!column.extra->comment.empty())
      if (auto sql = render_comment(spec.schema, spec.table, false, column.name, column.extra->comment))
        spec.grants.push_back(std::move(*sql));
  carry_member_comments(spec, table, dependents);
  return true;
}

}  // namespace dsqlint::recreation
