#pragma once
#include <optional>
#include <string>

#include "parse/do_block.h"
#include "parse/pg.h"

namespace dsqlint {

class Statement;
struct Context;

/// Drizzle Kit's way of adding a foreign key idempotently:
///   DO $$ BEGIN ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ...;
///   EXCEPTION WHEN duplicate_object THEN null; END $$;
/// read from the DO block's PL/pgSQL parse tree.
struct DrizzleFkIdiom {
  bool matches = false;
  std::string reason;  ///< why a DO block is not the idiom (for the do-block rule)
  std::string alter_sql;  ///< the ALTER TABLE inside
  /// Where alter_sql is. When `in_file`, these are file offsets (a dollar-quoted body is
  /// the file's bytes); otherwise offsets into alter_sql itself. Node locations of
  /// `alter` use the same coordinates.
  Span alter_span;
  bool in_file = false;
  uint32_t base = 0;  ///< add to `alter`'s node locations to get alter_span's coordinates
  const AlterTableStmt* alter = nullptr;
  const Constraint* constraint = nullptr;
};

/// Reads the DO statement once per statement; both DO-block rules ask for it.
const DrizzleFkIdiom& drizzle_fk_idiom(const Statement& statement, Context& context);

/// A name for an unnamed foreign key in PostgreSQL's pattern, <table>_<columns>_fkey, at
/// most 63 bytes; rewrites name the constraint so its validation step can refer to it.
std::string default_fk_name(const AlterTableStmt* alter, const Constraint* constraint);

}  // namespace dsqlint
