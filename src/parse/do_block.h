#pragma once
#include <string>
#include <vector>

#include "core/source_file.h"
#include "parse/parsed_file.h"

namespace dsqlint {

/// One SQL statement that a DO block executes, with its place in the file when known.
struct DoBlockSql {
  std::string text;
  uint32_t offset = 0;  ///< file offset of `text`, 0 when the body is not byte-for-byte in the file
};

/// What a DO block's body does, read by libpg_query's PL/pgSQL parser.
struct DoBlock {
  std::string language = "plpgsql";
  bool parsed = false;                   ///< the body parsed as PL/pgSQL
  std::string error;                     ///< why not, when it did not
  std::vector<DoBlockSql> sql;           ///< plain SQL statements, in order
  bool only_sql = true;                  ///< nothing but SQL statements (no IF, loops, RAISE ...)
  std::vector<std::string> exception_conditions;  ///< WHEN names, in order
  bool handlers_do_nothing = true;       ///< every handler is `null;`
  /// The block's body is one `IF <condition> THEN <sql> END IF` (no ELSE): the condition as
  /// SQL, and `sql` holds what THEN runs. Empty for any other body.
  std::string if_condition;
};

/// Reads the DO statement `statement` of `file`.
DoBlock read_do_block(ParsedFile& parsed, const SourceFile& file, const ParsedStatement& statement);

}  // namespace dsqlint
