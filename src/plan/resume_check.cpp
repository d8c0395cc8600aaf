#include "plan/resume_check.h"

#include "catalog/object_key.h"
#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

std::string regclass(std::string_view key) { return "to_regclass(" + quote_literal(quote_key(key)) + ")"; }

/// Whether the table (a to_regclass(...) expression) has the column now.
std::string column_exists(const std::string& table, const std::string& column) {
  return "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + table + " AND attname = " + quote_literal(column) +
         " AND NOT attisdropped)";
}

}  // namespace

BuiltIndex built_index(const SchemaChange& change) {
  if (change.kind == Kind::AddConstraint)  // ADD UNIQUE, rewritten to build its index first
    return {.table = change.table, .name = change.constraint.name, .unique = true, .columns = change.constraint.columns};
  return {.table = change.table, .name = change.index.name, .unique = change.index.unique,
          .columns = change.index.columns()};
}

std::string quoted_index_name(const BuiltIndex& index) {
  return index.name.empty() ? "" : quote_key(object_key(key_schema(index.table), index.name));
}

void add_resume_check(Step& step, const SchemaChange& change) {
  const std::string table = regclass(change.table);
  switch (change.kind) {
    case Kind::CreateTable:
      step.already_done_codes = {"42P07"};
      step.verify_sql = "SELECT " + table + " IS NOT NULL";
      return;
    case Kind::CreateIndex: {
      step.index = built_index(change);
      if (change.index.name.empty()) return;  // PostgreSQL names it: nothing to look for
      const std::string index = object_key(key_schema(change.table), change.index.name);
      step.already_done_codes = {"42P07", "42710"};
      step.verify_sql = "SELECT " + regclass(index) + " IS NOT NULL";
      return;
    }
    case Kind::AddColumn:
      step.already_done_codes = {"42701"};
      step.verify_sql = "SELECT " + column_exists(table, change.column.name);
      return;
    case Kind::AddConstraint: {
      const std::string& name = change.constraint.name;
      if (name.empty()) return;  // an unnamed constraint cannot be found again
      step.already_done_codes = {"42710", "42P07"};
      step.verify_sql = "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + table +
                        " AND conname = " + quote_literal(name) + ")";
      return;
    }
    case Kind::DropConstraint:
      step.already_done_codes = {"42704"};
      step.verify_sql = "SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + table +
                        " AND conname = " + quote_literal(change.name) + ")";
      return;
    case Kind::RenameConstraint:
      step.already_done_codes = {"42704"};
      step.verify_sql = "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + table +
                        " AND conname = " + quote_literal(change.new_name) + ")";
      return;
    case Kind::DropColumn:
      step.already_done_codes = {"42703"};
      step.verify_sql = "SELECT NOT " + column_exists(table, change.name);
      return;
    case Kind::RenameColumn:  // the old name gone and the new one there: this rename ran
      step.already_done_codes = {"42703"};
      step.verify_sql = "SELECT NOT " + column_exists(table, change.name) + " AND " + column_exists(table, change.new_name);
      return;
    case Kind::RenameTable: {
      const std::string renamed = regclass(object_key(key_schema(change.table), change.name));
      step.already_done_codes = {"42P01"};
      step.verify_sql = "SELECT " + table + " IS NULL AND " + renamed + " IS NOT NULL";
      return;
    }
    case Kind::DropTable:
      step.already_done_codes = {"42P01"};
      step.verify_sql = "SELECT " + table + " IS NULL";
      return;
    case Kind::DropIndex:
      step.already_done_codes = {"42P01", "42704"};
      step.verify_sql = "SELECT " + regclass(change.name) + " IS NULL";
      return;
    case Kind::CreateSequence:
      step.already_done_codes = {"42P07"};
      step.verify_sql = "SELECT " + table + " IS NOT NULL";
      return;
    case Kind::CreateSchema:
      step.already_done_codes = {"42P06"};
      step.verify_sql = "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = " + quote_literal(change.table) + ")";
      return;
    default:
      return;
  }
}

}  // namespace dsqlint
