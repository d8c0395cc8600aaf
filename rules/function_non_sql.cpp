#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* function = stmt.as<CreateFunctionStmt>();
  // A body written as RETURN expr or BEGIN ATOMIC ... END is SQL; procedures have their own rule.
  if (!function || function->is_procedure || function->sql_body) return;
  const DefElem* language_option = find_option(function->options, "language");
  const std::string language = option_word(language_option);
  if (language.empty() || language == "sql") return;
  const auto keyword =
      language_option->location >= 0 ? token_at(stmt, stmt.offset(language_option->location)) : std::nullopt;
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects function {} in LANGUAGE {}: it runs only SQL functions",
                         dotted_name(function->funcname), language))
      .at(keyword ? keyword->span : stmt.word_or_start("FUNCTION"))
      .help(
          "rewrite the function in LANGUAGE SQL if a single query can express it, or move the logic into the "
          "application");
}

const RuleRegistrar kRule{{
    .id = "function-non-sql",
    .summary = "CREATE FUNCTION in a language other than SQL",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateFunctionStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
