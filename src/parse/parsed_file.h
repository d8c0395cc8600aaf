#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/source_file.h"
#include "core/span.h"

struct Node;               // PostgreSQL parse node (parse/pg.h)
struct MemoryContextData;  // libpg_query's per-parse memory

namespace dsqlint {

/// How a statement was read.
enum class SyntaxKind {
  Postgres,      ///< parsed by libpg_query; `node` is set
  AwsIamGrant,   ///< DSQL's AWS IAM GRANT role TO 'arn'
  AwsIamRevoke,  ///< DSQL's AWS IAM REVOKE role FROM 'arn'
  PsqlMeta,      ///< a psql meta-command line (\set, \i ...), not SQL
  SyntaxError,   ///< did not parse; `error` says why
};

/// One statement of a file: where it is and what libpg_query made of it.
struct ParsedStatement {
  SyntaxKind kind = SyntaxKind::Postgres;
  Span span;               ///< first token to the end of the last token (no ';')
  Node* node = nullptr;    ///< RawStmt's statement, owned by the ParsedFile
  uint32_t base = 0;       ///< add to node `location` fields to get file offsets
  std::optional<Span> async_keyword;  ///< the DSQL ASYNC keyword read before parsing
  std::string error;       ///< syntax error message (SyntaxError, malformed AWS IAM)
  uint32_t error_offset = 0;
  std::string role;        ///< AWS IAM: the database role
  std::vector<std::string> arns;  ///< AWS IAM: the IAM principals
};

/// All statements of one file, in source order, and the parse memory they point into.
/// Not copyable; nodes live until the ParsedFile is destroyed, on the thread that parsed.
class ParsedFile {
 public:
  ParsedFile();
  ~ParsedFile();
  ParsedFile(ParsedFile&& other) noexcept;
  ParsedFile& operator=(ParsedFile&&) = delete;
  ParsedFile(const ParsedFile&) = delete;

  std::vector<ParsedStatement> statements;

  /// Starts a fresh parse memory; needed after a libpg_query call that manages its own
  /// (pg_query_parse_plpgsql leaves the thread outside any dsqlint memory).
  void renew_memory();

 private:
  std::vector<MemoryContextData*> memory_;
};

/// Splits and parses a file: Drizzle's `--> statement-breakpoint` ends a statement, psql
/// meta-commands and DSQL-only syntax are read before libpg_query sees the text, and a
/// syntax error stays local to its statement.
ParsedFile parse_file(const SourceFile& file);

/// The parser, as `dsqlint --version` names it: "libpg_query 16-5.1.0 (PostgreSQL 16.1)".
std::string parser_version();

/// Parses one more piece of SQL (e.g. the body of a DO block) into `file`'s memory.
/// `base` is the file offset the text starts at, or 0 when it has no place in the file.
std::optional<ParsedStatement> parse_fragment(ParsedFile& file, const std::string& sql, uint32_t base);

}  // namespace dsqlint
