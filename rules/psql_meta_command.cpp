#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const std::string_view text = stmt.text();
  const std::string_view command = text.substr(0, text.find_first_of(" \t"));
  const bool include = command == "\\i" || command == "\\ir" || command == "\\include" || command == "\\include_relative";
  out.report(stmt, StatementClass::Strip,
             fmt::format("{} is a psql meta-command, not SQL; apply skips it{}", command,
                         include ? ", so the file it includes is not applied" : ""))
      .help(include ? "put the included SQL in a migration of its own"
                    : "remove it; migrations run through a database driver, not psql");
}

const RuleRegistrar kRule{{
    .id = "psql-meta-command",
    .summary = "psql meta-command (\\set, \\i, \\echo ...) in a migration",
    .klass = StatementClass::Strip,
    .syntax = SyntaxKind::PsqlMeta,
    .targets = Targets::All,
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
