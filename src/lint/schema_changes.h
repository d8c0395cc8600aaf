#pragma once
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "core/span.h"

struct AlterTableStmt;  // PostgreSQL parse node (parse/pg.h)

namespace dsqlint {

class Statement;

/// One thing a statement does to the schema, read from its parse tree and kept without
/// it, so the catalog can be replayed in apply order after files were linted in parallel.
struct SchemaChange {
  enum class Kind {
    CreateTable,         ///< `table` holds the whole definition
    CreateIndex,         ///< CREATE INDEX; `index`
    AddIndexConstraint,  ///< ALTER TABLE ADD PRIMARY KEY / UNIQUE; `index`
    AddConstraint,       ///< ALTER TABLE ADD CHECK / FOREIGN KEY; `name` is the constraint
    ValidateConstraint,  ///< `name` is the constraint
    DropConstraint,      ///< `name`
    AddColumn,           ///< `column`; `created.indexes` its inline PRIMARY KEY / UNIQUE
    DropColumn,          ///< `name`
    AlterColumnType,     ///< `column` holds the name and the new type; `clause` its COLLATE clause, if any
    SetColumnDefault,    ///< `column` holds the name and the sequences of the new default;
                         ///< `clause` the default as written, empty for DROP DEFAULT
    SetNotNull,          ///< `name` is the column
    DropNotNull,         ///< `name` is the column
    RenameTable,         ///< `name` is the new name
    RenameColumn,        ///< `name` old, `new_name` new
    RenameIndex,         ///< `name` is the index key, `new_name` the new name
    RenameConstraint,    ///< `name` old, `new_name` new
    DropTable,
    DropIndex,  ///< `name` is the index key
    CreateSequence,
    DropSequence,
    CreateSchema,
    DropSchema,
    EnableRls,
    CreatePolicy,
    CreateStatistics,
  };
  Kind kind = Kind::CreateTable;
  std::string table;  ///< key of the table concerned ("schema.name"), or of the sequence/schema
  std::string name;
  std::string new_name;
  TableModel created;
  ColumnModel column;
  IndexModel index;
  std::string clause;  ///< text the change writes into a definition (see the kinds above)
  Span span;  ///< what to point at
};

/// Everything a statement does to the schema, in the order it does it.
std::vector<SchemaChange> schema_changes(const Statement& statement);

/// The text of each subcommand of an ALTER TABLE (after the table name, split at
/// top-level commas), in order; as many as the statement has subcommands when readable.
std::vector<Span> alter_subcommand_spans(const Statement& statement, const AlterTableStmt* alter);

/// "schema.name" for a relation name as PostgreSQL resolves it with the default search path.
std::string relation_key(const char* schema, const char* name);

}  // namespace dsqlint
