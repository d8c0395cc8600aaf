#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "clause_edits.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

constexpr std::string_view kIamHelp =
    "DSQL authenticates with IAM tokens: keep CREATE ROLE r WITH LOGIN and map it to an IAM principal with AWS IAM "
    "GRANT r TO 'arn:aws:iam::<account>:role/<name>'";

/// A role option DSQL does not accept, as written; empty for the options it does.
std::string_view option_text(std::string_view name) {
  if (name == "password") return "PASSWORD";
  if (name == "superuser") return "SUPERUSER";
  if (name == "createdb") return "CREATEDB";
  if (name == "createrole") return "CREATEROLE";
  if (name == "isreplication") return "REPLICATION";
  if (name == "bypassrls") return "BYPASSRLS";
  if (name == "connectionlimit") return "CONNECTION LIMIT";
  if (name == "validUntil") return "VALID UNTIL";
  return "";
}

/// Whether removing the option takes away a privilege the migration meant to grant.
bool grants_privilege(const DefElem* option) {
  const std::string_view name = option->defname;
  const bool privilege = name == "superuser" || name == "createdb" || name == "createrole" ||
                         name == "isreplication" || name == "bypassrls";
  return privilege && option->arg && IsA(option->arg, Boolean) && boolVal(option->arg);
}

struct RoleOptions {
  std::vector<Edit> edits;
  std::string names;
  size_t flagged = 0;
  size_t total = 0;
  bool grants = false;
  bool located = true;
};

/// The unsupported options of a role statement and the edits deleting them: each one from
/// its keyword to the next option (the last with the blank before it).
RoleOptions read_options(const Statement& stmt, const List* list) {
  RoleOptions out;
  auto options = list_nodes<DefElem>(list, T_DefElem).to_vector();
  std::sort(options.begin(), options.end(), [](auto* a, auto* b) { return a->location < b->location; });
  out.total = options.size();
  for (size_t i = 0; i < options.size(); ++i) {
    const std::string_view text = option_text(options[i]->defname ? options[i]->defname : "");
    if (text.empty()) continue;
    ++out.flagged;
    out.grants = out.grants || grants_privilege(options[i]);
    if (out.names.find(text) == std::string::npos) out.names += (out.names.empty() ? "" : ", ") + std::string(text);
    if (options[i]->location < 0) {
      out.located = false;
      continue;
    }
    const Span span{stmt.offset(options[i]->location),
                    i + 1 == options.size() ? stmt.span().end : stmt.offset(options[i + 1]->location)};
    // Neighbouring options go in one edit, so that edits never overlap.
    if (!out.edits.empty() && out.edits.back().span.end == span.begin) out.edits.back().span.end = span.end;
    else out.edits.push_back(Edit{span, ""});
  }
  // The last options run to the end of the statement: take the blank before them too.
  if (!out.edits.empty() && out.edits.back().span.end == stmt.span().end)
    out.edits.back().span.begin = blank_before(stmt, out.edits.back().span.begin);
  return out;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const Node* node = stmt.node();
  if (!node) return;
  if (IsA(node, AlterRoleSetStmt)) {
    out.report(stmt, StatementClass::Strip, "DSQL does not accept ALTER ROLE ... SET/RESET, so apply skips it")
        .help("set the parameter in the session (SET ...) or in the connection options instead");
    return;
  }
  const bool create = IsA(node, CreateRoleStmt);
  if (!create && !IsA(node, AlterRoleStmt)) return;
  const List* list = create ? reinterpret_cast<const CreateRoleStmt*>(node)->options
                            : reinterpret_cast<const AlterRoleStmt*>(node)->options;
  RoleOptions options = read_options(stmt, list);
  if (options.flagged == 0) return;
  const Span at = stmt.word_or_start(options.names.substr(0, options.names.find_first_of(" ,")));
  if (!create && options.flagged == options.total) {
    out.report(stmt, StatementClass::Strip,
               fmt::format("DSQL does not accept the role attributes {}, so apply skips this ALTER ROLE", options.names))
        .at(at)
        .help(std::string(kIamHelp));
    return;
  }
  const std::string message =
      fmt::format("DSQL does not accept the role attributes {}; roles authenticate with IAM", options.names);
  if (!options.located) {
    out.report(stmt, StatementClass::Unsupported, message).at(at).help(std::string(kIamHelp));
    return;
  }
  out.report(stmt, StatementClass::Rewrite, message)
      .at(at)
      .help(std::string(kIamHelp))
      .fix(options.grants ? Applicability::Unsafe : Applicability::Safe,
           options.grants ? fmt::format("delete {} (the role does not get these privileges)", options.names)
                          : fmt::format("delete {}", options.names),
           std::move(options.edits));
}

const RuleRegistrar kRule{{
    .id = "role-attributes",
    .summary = "CREATE/ALTER ROLE with PASSWORD, SUPERUSER, CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS, CONNECTION "
               "LIMIT or VALID UNTIL; ALTER ROLE ... SET",
    .klass = StatementClass::Rewrite,
    .nodes = {T_CreateRoleStmt, T_AlterRoleStmt, T_AlterRoleSetStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
