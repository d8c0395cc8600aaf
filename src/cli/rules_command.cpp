#include "cli/rules_command.h"

#include <fmt/format.h>

#include <iostream>

#include "cli/kinds_table.h"
#include "cli/suggest.h"
#include "lint/rule.h"
#include "report/json_writer.h"

namespace dsqlint {

namespace {

std::string_view targets_name(Targets targets) {
  switch (targets) {
    case Targets::Dsql: return "dsql";
    case Targets::Postgres: return "postgres";
    case Targets::All: return "all";
  }
  return "";
}

}  // namespace

ExitCode run_rules(bool json, bool kinds) {
  if (kinds) {
    std::cout << (json ? statement_kinds_json() : statement_kinds_markdown());
    return ExitCode::kClean;
  }
  std::string out;
  if (json) {
    JsonWriter writer(out);
    writer.begin_array();
    for (const Rule* rule : all_rules()) {
      writer.begin_object().field("id", rule->id).field("summary", rule->summary);
      writer.field("class", class_name(rule->klass)).field("severity", severity_name(default_severity(rule->klass)));
      writer.field("targets", targets_name(rule->targets)).end_object();
    }
    writer.end_array();
    writer.flush();
    out += '\n';
  } else {
    for (const Rule* rule : all_rules())
      out += fmt::format("{:<32} {:<12} {}\n", rule->id, class_name(rule->klass), rule->summary);
    out += "\n" + statement_kinds_markdown();
  }
  std::cout << out;
  return ExitCode::kClean;
}

ExitCode run_explain(const std::string& id) {
  if (const Rule* rule = find_rule(id)) {
    std::cout << rule_doc(rule->id);
    // The allow-list is the doc of the rule that enforces it; its table is the code's own.
    if (rule->id == "unsupported-statement") std::cout << '\n' << statement_kinds_markdown();
    return ExitCode::kClean;
  }
  std::vector<std::string_view> ids;
  for (const Rule* rule : all_rules()) ids.push_back(rule->id);
  std::cerr << "dsqlint: unknown rule '" << id << "'";
  if (const auto near = closest(id, ids)) std::cerr << "; did you mean '" << *near << "'?";
  std::cerr << "\nrun 'dsqlint rules' for the catalogue\n";
  return ExitCode::kUsage;
}

}  // namespace dsqlint
