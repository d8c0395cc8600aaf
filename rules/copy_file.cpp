#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  if (!stmt.node() || nodeTag(stmt.node()) != T_CopyStmt) return;
  const auto* copy = reinterpret_cast<const CopyStmt*>(stmt.node());
  if (!copy->filename) return;  // STDIN / STDOUT
  const char* direction = copy->is_from ? "FROM" : "TO";
  const std::string source = copy->is_program ? fmt::format("PROGRAM '{}'", copy->filename)
                                              : fmt::format("'{}'", copy->filename);
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects COPY {} {}: it copies only {} the client", direction, source,
                         copy->is_from ? "FROM STDIN, from" : "TO STDOUT, to"))
      .at(stmt.word_or_start(direction))
      .help(copy->is_from ? "load the file from the client (psql \\copy, or the driver's COPY FROM STDIN) in batches of "
                            "at most 3,000 rows per transaction"
                          : "export through the client (psql \\copy, or COPY ... TO STDOUT)");
}

const RuleRegistrar kRule{{
    .id = "copy-file",
    .summary = "COPY ... FROM/TO a server file or PROGRAM",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CopyStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
