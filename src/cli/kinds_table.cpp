#include "cli/kinds_table.h"

#include <fmt/format.h>

#include "lint/statement_kinds.h"
#include "report/json_writer.h"

namespace dsqlint {

namespace {

std::string_view decision_name(KindDecision decision) {
  switch (decision) {
    case KindDecision::Runs: return "runs";
    case KindDecision::Rule: return "rule";
    case KindDecision::Strip: return "STRIP";
    case KindDecision::Unsupported: return "UNSUPPORTED";
    case KindDecision::ByObject: return "by object type";
    case KindDecision::BySubcommand: return "by subcommand";
    case KindDecision::NotTopLevel: return "not a statement (UNSUPPORTED)";
  }
  return "";
}

/// Rule ids in backquotes, other notes as they are.
std::string detail(KindDecision decision, std::string_view text) {
  if (decision != KindDecision::Rule) return std::string(text);
  std::string out;
  for (size_t from = 0; from < text.size();) {
    size_t comma = text.find(',', from);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view id = text.substr(from, comma - from);
    while (id.starts_with(' ')) id.remove_prefix(1);
    out += (out.empty() ? "`" : ", `") + std::string(id) + "`";
    from = comma + 1;
  }
  return out;
}

}  // namespace

std::string statement_kinds_markdown() {
  std::string out =
      "## Statement kinds\n\n"
      "Every statement node type of PostgreSQL 16's parser, with what DSQL does with it: it runs "
      "as written, a named rule decides, or `unsupported-statement` refuses it (UNSUPPORTED) or "
      "skips it (STRIP, only where skipping changes no data or access).\n\n"
      "| Statement | Node | Decision | Rules, or why |\n|---|---|---|---|\n";
  for (const StatementKind& kind : statement_kinds())
    out += fmt::format("| {} | {} | {} | {} |\n", kind.sql, kind.node, decision_name(kind.decision),
                       detail(kind.decision, kind.rules));
  out += "\n### Object types (DROP, COMMENT ON, ALTER ... RENAME/OWNER TO/SET SCHEMA, GRANT, CREATE ...)\n\n"
         "Statements on an object type DSQL lacks are refused; a DROP, COMMENT ON or REVOKE of one is skipped.\n\n"
         "| Object | DSQL has them | Decided by |\n|---|---|---|\n";
  for (const ObjectKind& object : object_kinds())
    out += fmt::format("| {} | {} | {} |\n", object.sql, object.exists ? "yes" : "no " + std::string(object.plural),
                       object.rule.empty() ? "" : "`" + std::string(object.rule) + "`");
  out += "\n### ALTER TABLE subcommands\n\n| Subcommand | Decision | Rules, or why |\n|---|---|---|\n";
  for (const SubcommandKind& sub : subcommand_kinds())
    out += fmt::format("| {} | {} | {} |\n", sub.sql, decision_name(sub.decision), detail(sub.decision, sub.rules));
  return out;
}

std::string statement_kinds_json() {
  std::string out;
  JsonWriter writer(out);
  writer.begin_object().key("statements").begin_array();
  for (const StatementKind& kind : statement_kinds())
    writer.begin_object().field("node", kind.node).field("sql", kind.sql)
        .field("decision", decision_name(kind.decision)).field("detail", kind.rules).end_object();
  writer.end_array().key("objects").begin_array();
  for (const ObjectKind& object : object_kinds())
    writer.begin_object().field("object", object.sql).field("exists", object.exists).field("rule", object.rule)
        .end_object();
  writer.end_array().key("subcommands").begin_array();
  for (const SubcommandKind& sub : subcommand_kinds())
    writer.begin_object().field("subcommand", sub.sql).field("decision", decision_name(sub.decision))
        .field("detail", sub.rules).end_object();
  writer.end_array().end_object();
  writer.flush();
  out += '\n';
  return out;
}

}  // namespace dsqlint
