#pragma once
#include <functional>
#include <optional>
#include <string>

#include "catalog/schema.h"

// SQL rendered from the schema model: node trees built from the model's data and printed by
// PostgreSQL's deparser (parse/deparse.h). Nothing is spliced into kept text.
namespace dsqlint {

struct TableRendering {
  std::string name;  ///< the table to create; the model's name when empty
  /// The name each constraint is created with; its own name when not set.
  std::function<std::string(const ConstraintModel&)> constraint_name;
  /// Which constraints the CREATE TABLE holds; all when not set.
  std::function<bool(const ConstraintModel&)> include;
  bool if_not_exists = false;
  bool unqualified = false;  ///< name the table without its schema, as the file wrote it
};

/// CREATE TABLE "schema"."name" (...) with the table's columns and constraints; nullopt when
/// a kept expression or type no longer parses (the model is then wrong: nothing is run).
std::optional<std::string> render_create_table(const TableModel& table, const TableRendering& rendering = {});

/// CREATE [UNIQUE] INDEX [ASYNC] "name" ON "schema"."table" ...; nullopt when it cannot be rendered.
std::optional<std::string> render_create_index(const IndexModel& index, const std::string& schema,
                                               const std::string& table, const std::string& name, bool async);

/// ALTER TABLE "schema"."table" ADD CONSTRAINT "name" ... [NOT VALID].
std::optional<std::string> render_add_constraint(const ConstraintModel& constraint, const std::string& schema,
                                                 const std::string& table, bool not_valid);

/// ALTER TABLE "schema"."table" ADD CONSTRAINT "name" UNIQUE USING INDEX "index": a valid
/// unique index becomes the key (DSQL's only way to add one), taking the constraint's name.
std::optional<std::string> render_add_key_using_index(const ConstraintModel& constraint, const std::string& schema,
                                                      const std::string& table, const std::string& index);

/// CREATE VIEW "schema"."name" [(columns)] AS <query>.
std::optional<std::string> render_create_view(const ViewModel& view);

/// ALTER TABLE [ASYNC] "schema"."table" VALIDATE CONSTRAINT "name" (ASYNC: DSQL's form).
std::optional<std::string> render_validate_constraint(const std::string& schema, const std::string& table,
                                                      const std::string& name, bool async);

/// ALTER TABLE "schema"."table" DROP CONSTRAINT "name".
std::optional<std::string> render_drop_constraint(const std::string& schema, const std::string& table,
                                                  const std::string& name);

/// GRANT privileges ON "schema"."relation" TO grantee [WITH GRANT OPTION].
std::optional<std::string> render_grant(const GrantModel& grant, const std::string& schema, const std::string& relation);

/// COMMENT ON TABLE|VIEW|COLUMN ... IS '...'; `column` empty for the relation itself.
std::optional<std::string> render_comment(const std::string& schema, const std::string& relation, bool view,
                                          const std::string& column, const std::string& text);

/// COMMENT ON INDEX "schema"."index" IS '...'.
std::optional<std::string> render_index_comment(const std::string& schema, const std::string& index,
                                                const std::string& text);

/// COMMENT ON CONSTRAINT "constraint" ON "schema"."table" IS '...'.
std::optional<std::string> render_constraint_comment(const std::string& schema, const std::string& table,
                                                     const std::string& constraint, const std::string& text);

}  // namespace dsqlint
