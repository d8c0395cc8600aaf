#pragma once
#include <string>
#include <vector>

#include "parse/do_block.h"
#include "parse/parsed_file.h"

namespace dsqlint {

/// A DO block that only makes one statement idempotent, in the shapes Drizzle Kit and
/// hand-written migrations use:
///   BEGIN <sql>; EXCEPTION WHEN duplicate_object [OR ...] THEN null; END
///   IF [NOT] EXISTS (SELECT ... FROM pg_type | pg_constraint | pg_indexes | pg_class |
///                    information_schema.* ...) THEN <sql>; END IF;
/// DSQL runs no DO blocks; apply runs the statement itself behind the same guard.
struct GuardedBlock {
  bool matches = false;
  std::string reason;  ///< why the block is not one of these shapes
  std::string sql;     ///< the guarded statement
  uint32_t offset = 0;  ///< file offset of `sql`, 0 when the body is not the file's bytes
  /// IF shape: `SELECT <condition>`, which apply evaluates first; false skips the statement.
  std::string run_if_sql;
  /// EXCEPTION shape: the SQLSTATEs the handler swallows; apply treats them as done.
  std::vector<std::string> handled_codes;
  std::string guard;  ///< the guard for messages: "IF NOT EXISTS (...)", "EXCEPTION WHEN duplicate_object"
};

/// Reads `block` as a guarded statement; `arena` holds the parse of the IF condition.
GuardedBlock read_guarded_block(const DoBlock& block, ParsedFile& arena);

class Statement;
struct Context;

/// The DO statement `statement` read once per statement (the rules and the linter ask).
/// Drizzle's foreign-key idiom is not one: do-block-foreign-key rewrites it.
const GuardedBlock& guarded_block(const Statement& statement, Context& context);

}  // namespace dsqlint
