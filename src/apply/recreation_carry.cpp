#include "apply/recreation_carry.h"

#include <algorithm>

#include "plan/sql_quote.h"

namespace dsqlint {

std::optional<bool> CarriedSteps::constraint_validated(const std::string& schema, const std::string& table,
                                                       const std::string& name) {
  const QueryResult answer = db_.exec_params(
      "SELECT c.convalidated FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
      "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname = $2 "
      "AND c.conname = $3",
      {schema, table, name});
  if (answer.rows.empty()) return std::nullopt;
  return answer.scalar() == "t";
}

bool CarriedSteps::view_exists(const std::string& schema, const std::string& name) {
  return db_.exec_params("SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = 'v'",
                         {schema, name}).rows.size() == 1;
}

bool CarriedSteps::add_key(const CarriedKey& key) {
  if (constraint_validated(key.schema, key.table, key.name)) return true;
  return ddl_(key.add_sql, "adding constraint " + key.name + " to " + qualified_name(key.schema, key.table)).has_value();
}

bool CarriedSteps::validate_key(const CarriedKey& key) {
  if (key.validate_sql.empty() || constraint_validated(key.schema, key.table, key.name) != false) return true;
  const std::string what = "validating constraint " + key.name + " of " + qualified_name(key.schema, key.table);
  const auto answer = ddl_(key.validate_sql, what);
  if (!answer) return false;
  // DSQL validates in a job: its id comes back, and the key is valid once the job is done.
  if (spec_.dsql && answer->scalar() &&
      !ddl_("CALL sys.wait_for_job(" + quote_literal(*answer->scalar()) + ")", "waiting for " + what))
    return false;
  return true;
}

bool CarriedSteps::add_own_keys() {
  if (spec_.own_keys.empty()) return true;
  for (const CarriedKey& key : spec_.own_keys)
    if (!add_key(key)) return false;
  checkpoint_("own_keys_added");
  for (const CarriedKey& key : spec_.own_keys)
    if (!validate_key(key)) return false;
  checkpoint_("own_keys_validated");
  return true;
}

bool CarriedSteps::detach() {
  for (auto view = spec_.views.rbegin(); view != spec_.views.rend(); ++view)
    if (view_exists(view->schema, view->name) &&
        !ddl_("DROP VIEW " + qualified_name(view->schema, view->name), "dropping view " + view->name))
      return false;
  if (!spec_.views.empty()) checkpoint_("views_dropped");
  for (const CarriedKey& key : spec_.inbound_keys)
    if (constraint_validated(key.schema, key.table, key.name) &&
        !ddl_("ALTER TABLE " + qualified_name(key.schema, key.table) + " DROP CONSTRAINT " + quote_identifier(key.name),
              "dropping foreign key " + key.name + " of " + qualified_name(key.schema, key.table)))
      return false;
  if (!spec_.inbound_keys.empty()) checkpoint_("keys_dropped");
  return true;
}

bool CarriedSteps::reattach() {
  for (const CarriedKey& key : spec_.inbound_keys)
    if (!add_key(key)) return false;
  if (!spec_.inbound_keys.empty()) checkpoint_("keys_added");
  for (const CarriedKey& key : spec_.inbound_keys)
    if (!validate_key(key)) return false;
  if (!spec_.inbound_keys.empty()) checkpoint_("keys_validated");
  for (const CarriedView& view : spec_.views) {
    if (view_exists(view.schema, view.name)) continue;
    if (!ddl_(view.create_sql, "creating view " + view.name)) return false;
    for (const std::string& sql : view.after_create)
      if (!ddl_(sql, "granting on view " + view.name)) return false;
  }
  if (!spec_.views.empty()) checkpoint_("views_created");
  for (const std::string& sql : spec_.grants)
    if (!ddl_(sql, "granting on " + qualified_name(spec_.schema, spec_.table))) return false;
  if (!spec_.grants.empty()) checkpoint_("granted");
  return move_sequences();
}

bool CarriedSteps::move_sequences() {
  // On DSQL, only when history says a default draws from a sequence: that DSQL answers
  // this pg_depend query is not verified on a real cluster, and a rebuild of a table
  // without sequences (nearly all) must not come to depend on it.
  if (spec_.dsql && spec_.default_sequences.empty()) return true;
  // Read from the catalog, not from history: a serial column's sequence, or one that only
  // the application's nextval uses, would go with the old table just the same.
  const auto owned = ddl_(
      "SELECT sn.nspname, s.relname, a.attname FROM pg_catalog.pg_depend d "
      "JOIN pg_catalog.pg_class s ON s.oid = d.objid JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace "
      "JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
      "JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
      "WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass "
      "AND d.deptype = 'a' AND s.relkind = 'S' AND n.nspname = " + quote_literal(spec_.schema) +
          " AND t.relname = " + quote_literal(spec_.old_table) + " ORDER BY 1, 2",
      "reading the sequences that " + qualified_name(spec_.schema, spec_.old_table) + " owns");
  if (!owned) return false;
  int moved = 0;
  for (const Row& row : owned->rows) {
    // A serial column is an identity column on the new table, with a sequence of its own.
    const std::string name = row[2].value_or("");
    if (std::find(spec_.identity_columns.begin(), spec_.identity_columns.end(), name) != spec_.identity_columns.end())
      continue;
    const std::string sequence = qualified_name(row[0].value_or(""), row[1].value_or(""));
    const std::string column = qualified_name(spec_.schema, spec_.table) + "." + quote_identifier(name);
    if (!ddl_("ALTER SEQUENCE " + sequence + " OWNED BY " + column, "giving sequence " + sequence + " to " + column))
      return false;
    ++moved;
  }
  if (moved > 0) checkpoint_("sequences_moved");
  return true;
}

}  // namespace dsqlint
