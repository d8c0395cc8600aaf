#pragma once
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "parse/pg.h"

// Parse nodes read into the schema model (catalog/schema.h): names folded, expressions and
// types deparsed, nothing kept of the statement's text.
namespace dsqlint {

/// "schema.name" for a relation name as PostgreSQL resolves it with the default search path.
std::string relation_key(const char* schema, const char* name);
std::string relation_key(const RangeVar* relation);
/// A qualified name list (schema, name) as a key.
std::string names_key(const List* names);

TypeRef column_type(const TypeName* type);

/// A COLLATE clause's collation as SQL ("\"C\"", "pg_catalog.\"default\""); empty for none.
std::string collation_sql(const CollateClause* collate);

/// A column definition of `table`; its PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY and EXCLUDE
/// clauses go to `constraints`, about the column. Expressions are kept without the table's
/// name in them (parse/references.h own_expression_sql); `table` null: as written.
ColumnModel column_model(const ColumnDef* def, std::vector<ConstraintModel>& constraints, const RangeVar* table);
/// column_model() into `column`, a fresh one: a table's columns are read in place, as a
/// column model is large to move.
void read_column(const ColumnDef* def, std::vector<ConstraintModel>& constraints, const RangeVar* table,
                 ColumnModel& column);

/// A constraint of `table`, or of its column `column`. `created`: in CREATE TABLE, where
/// PostgreSQL takes NOT VALID as valid (the table is empty).
ConstraintModel constraint_model(const Constraint* constraint, const char* column, bool created,
                                 const RangeVar* table);

/// Applies a DEFERRABLE / INITIALLY ... clause that follows a column constraint.
bool apply_constraint_attribute(const Constraint* attribute, ConstraintModel& previous);

IndexModel index_model(const IndexStmt* index);

ViewModel view_model(const ViewStmt* view);

/// Sequences a default expression takes values from: nextval('s'), possibly cast.
std::vector<std::string> nextval_sequences(const Node* expression);

/// String nodes of a list, in order.
std::vector<std::string> string_list(const List* list);

}  // namespace dsqlint
