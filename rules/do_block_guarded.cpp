#include <cctype>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// The first line of `sql`, cut short: enough to say which statement a message means.
std::string headline(const std::string& sql) {
  std::string line = sql.substr(0, sql.find('\n'));
  return line.size() > 60 ? line.substr(0, 57) + "..." : line;
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const GuardedBlock& block = guarded_block(stmt, ctx);
  if (!block.matches) return;
  // Tracked by its hash, a migration runs once: the unwrapped statement needs no guard.
  std::string guard;
  for (const char c : block.guard)
    if (!std::isspace(static_cast<unsigned char>(c)) || (!guard.empty() && guard.back() != ' ')) guard += c == '\n' ? ' ' : c;
  for (size_t at = guard.find("*/"); at != std::string::npos; at = guard.find("*/")) guard.replace(at, 2, "* /");
  const std::string unwrapped = fmt::format(
      "/* unwrapped by dsqlint fix from a DO block guarded by {}: DSQL runs no DO blocks, and a tracked migration "
      "runs once */\n{}",
      guard, block.sql);
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL runs no DO blocks; this one only runs {} guarded by {}",
                         headline(block.sql), block.run_if_sql.empty() ? block.guard : "an IF on the catalog"))
      .at(stmt.word_or_start("DO"))
      .help(block.run_if_sql.empty()
                ? "apply runs the statement itself (rewritten as DSQL needs it) and takes the errors the handler "
                  "swallows as done"
                : "apply runs the statement itself (rewritten as DSQL needs it), only when `" + block.run_if_sql +
                      "` says true")
      .fix(Applicability::Safe, "unwrap the DO block into the statement it guards", {Edit{stmt.span(), unwrapped}});
}

const RuleRegistrar kRule{{
    .id = "do-block-guarded",
    .summary = "DO block that only guards one statement (IF NOT EXISTS on the catalog, or EXCEPTION WHEN duplicate_object)",
    .klass = StatementClass::Rewrite,
    .nodes = {T_DoStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
