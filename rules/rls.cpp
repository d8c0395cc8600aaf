#include <algorithm>

#include "core/compiled_format.h"
#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr std::string_view kHelp =
    "control access with GRANT on tables and views, and map database roles to IAM principals with AWS IAM GRANT";

/// The subcommand as written, or empty when it is not a row-level security one.
std::string_view rls_command(const AlterTableCmd* command) {
  switch (command->subtype) {
    case AT_EnableRowSecurity:
      return "ENABLE ROW LEVEL SECURITY";
    case AT_DisableRowSecurity:
      return "DISABLE ROW LEVEL SECURITY";
    case AT_ForceRowSecurity:
      return "FORCE ROW LEVEL SECURITY";
    case AT_NoForceRowSecurity:
      return "NO FORCE ROW LEVEL SECURITY";
    default:
      return "";
  }
}

bool is_rls_command(const AlterTableCmd* command) { return !rls_command(command).empty(); }

/// The span of the first "[NO] ENABLE|DISABLE|FORCE ROW LEVEL SECURITY" clause.
Span rls_clause(const Statement& stmt) {
  const std::vector<Token>& tokens = stmt.tokens();
  const std::string_view text = stmt.file().text;
  for (size_t i = 1; i + 2 < tokens.size(); ++i) {
    if (!is_word(text, tokens[i], "ROW") || !is_word(text, tokens[i + 2], "SECURITY")) continue;
    const size_t first = i >= 2 && is_word(text, tokens[i - 2], "NO") ? i - 2 : i - 1;
    return Span{tokens[first].span.begin, tokens[i + 2].span.end};
  }
  return stmt.word_or_start("ROW");
}

void check_alter_table(const Statement& stmt, const AlterTableStmt* alter, Findings& out) {
  const auto commands = alter_commands(alter);
  const auto rls = std::count_if(commands.begin(), commands.end(), is_rls_command);
  if (rls == 0) return;
  const std::string table = display_name(alter->relation);
  const Span at = rls_clause(stmt);
  if (static_cast<size_t>(rls) < commands.size()) {
    out.report(stmt, StatementClass::Unsupported,
               compiled_format(
                   FMT_COMPILE("DSQL has no row-level security, and this ALTER TABLE on table {} also makes other "
                               "changes, so it cannot be skipped whole"),
                   table))
        .at(at)
        .help(
            "split the statement: put the ROW LEVEL SECURITY subcommands in an ALTER TABLE of their own, "
            "which apply skips");
    return;
  }
  out.report(stmt, StatementClass::Strip,
             compiled_format(
                 FMT_COMPILE("DSQL has no row-level security, so apply skips {} on table {}, a security change"),
                 rls_command(*std::find_if(commands.begin(), commands.end(), is_rls_command)), table))
      .at(at)
      .help(std::string(kHelp));
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (const auto* alter = stmt.as<AlterTableStmt>()) return check_alter_table(stmt, alter, out);
  std::string what;
  if (const auto* create = stmt.as<CreatePolicyStmt>())
    what = compiled_format(
               FMT_COMPILE("CREATE POLICY {} on table {}"), create->policy_name, display_name(create->table));
  else if (const auto* alter_policy = stmt.as<AlterPolicyStmt>())
    what = compiled_format(
               FMT_COMPILE("ALTER POLICY {} on table {}"), alter_policy->policy_name, display_name(alter_policy->table));
  else if (const auto* drop = stmt.as<DropStmt>(); drop && drop->removeType == OBJECT_POLICY)
    what = "DROP POLICY " + dropped_objects_on_tables(drop);
  else
    return;
  out.report(stmt, StatementClass::Strip,
             compiled_format(FMT_COMPILE("DSQL has no row-level security, so apply skips {}, a security change"), what))
      .at(stmt.word_or_start("POLICY"))
      .help(std::string(kHelp));
}

const RuleRegistrar kRule{{
    .id = "rls",
    .summary = "row-level security: ENABLE/FORCE ROW LEVEL SECURITY, CREATE/ALTER/DROP POLICY",
    .klass = StatementClass::Strip,
    .nodes = {T_AlterTableStmt, T_CreatePolicyStmt, T_AlterPolicyStmt, T_DropStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
