#pragma once
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "core/boxed.h"
#include "core/span.h"

namespace dsqlint {

class Statement;

/// One thing a statement does to the schema, read from its parse tree into the model's
/// terms and kept without it, so the catalog can be replayed in apply order after files
/// were linted in parallel, and a rebuild can apply the same change to a table's copy.
struct SchemaChange {
  enum class Kind {
    CreateTable,         ///< `created` holds the table; `like` its LIKE sources; `replace` IF NOT EXISTS
    CreateIndex,         ///< `index`; `replace` IF NOT EXISTS
    AddConstraint,       ///< `constraint`; `name` the index of ... USING INDEX, if any
    ValidateConstraint,  ///< `name` is the constraint
    DropConstraint,      ///< `name`
    AddColumn,           ///< `column`; `constraints` its inline PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY
    DropColumn,          ///< `name`
    AlterColumnType,     ///< `name`; `column.type` and `column.collation` the new ones; `expression_sql` USING
    SetColumnDefault,    ///< `name`; `column.default_sql` (empty: DROP DEFAULT) and `column.sequences`
    SetIdentity,         ///< `name`; `column.identity` and `column.identity_options` (None: DROP IDENTITY)
    SetStorage,          ///< `name`; `column.storage`
    SetOwner,            ///< `name` the new owner as SQL: a role's quoted name, or CURRENT_USER ...
    DropExpression,      ///< `name`: a generated column becomes a plain one
    SetNotNull,          ///< `name` is the column
    DropNotNull,         ///< `name` is the column
    RenameTable,         ///< `name` is the new name (a table or a view)
    RenameColumn,        ///< `name` old, `new_name` new
    RenameIndex,         ///< `name` is the index key, `new_name` the new name
    RenameConstraint,    ///< `name` old, `new_name` new
    DropTable,
    DropIndex,  ///< `name` is the index key
    CreateSequence,  ///< `replace` IF NOT EXISTS
    DropSequence,
    CreateSchema,
    DropSchema,
    EnableRls,
    CreatePolicy,
    CreateStatistics,
    CreateView,    ///< `view`; `replace` for CREATE OR REPLACE
    DropView,
    CreateDomain,  ///< `table` is the domain's key; `column` its type, NOT NULL and default; `constraints` its checks
    DropDomain,
    CreateEnum,    ///< `table` is the type's key; `values`
    AddEnumValue,  ///< `values` holds the value, `name` the neighbour, `new_name` "before" or "after" (empty: at the end);
                   ///< `replace` for IF NOT EXISTS
    RenameEnumValue,  ///< `name` old value, `new_name` new value
    RenameType,       ///< `table` the type's key, `name` its new name
    DropType,
    Comment,       ///< on `table` (and column `name`, when set): `expression_sql` is the text, empty to remove
    CommentIndex,  ///< `name` is the index key; `expression_sql` the text, empty to remove
    CommentConstraint,  ///< on `table`: constraint `name`; `expression_sql` the text, empty to remove
    Grant,         ///< on `table`: `grant`
    Revoke,        ///< on `table`: `grant` (privileges and grantee); last: replay sizes a table by it
  };
  Kind kind = Kind::CreateTable;
  std::string table;  ///< key of the table concerned ("schema.name"), or of the sequence/schema/view
  std::string name;
  std::string new_name;
  /// Moved into the catalog by replay: read it before the change is applied. Boxed, as are
  /// `view` and `grant`: most changes have none, and every change is made, moved and freed.
  Boxed<TableModel> created;
  std::vector<std::pair<std::string, uint32_t>> like;  ///< CREATE TABLE (LIKE source INCLUDING ...): key, options
  ColumnModel column;
  std::vector<ConstraintModel> constraints;
  ConstraintModel constraint;
  IndexModel index;
  Boxed<ViewModel> view;
  Boxed<GrantModel> grant;
  std::vector<std::string> values;
  std::string expression_sql;
  bool replace = false;
  bool cascade = false;  ///< DROP TABLE/VIEW, DROP COLUMN ... CASCADE
  /// CreateTable: the statement is a CREATE TABLE naming its table without a schema (a
  /// table folded into it is then rendered so too); false when a DO block guards it.
  bool unqualified = false;
  Span span;  ///< what to point at
};

/// Everything a statement does to the schema, in the order it does it.
std::vector<SchemaChange> schema_changes(const Statement& statement);

}  // namespace dsqlint
