#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* analyze = stmt.as<VacuumStmt>();
  if (!analyze || analyze->is_vacuumcmd) return;  // VACUUM is the vacuum rule's
  const auto relations = list_nodes<VacuumRelation>(analyze->rels, T_VacuumRelation);
  const bool columns =
      std::any_of(relations.begin(), relations.end(), [](const VacuumRelation* r) { return r->va_cols != NIL; });
  if (analyze->options == NIL && !columns) return;
  const char* what = analyze->options != NIL && columns ? "options or a column list"
                     : columns                         ? "a column list"
                                                       : "options";
  if (relations.empty() || std::any_of(relations.begin(), relations.end(), [](auto* r) { return !r->relation; })) {
    out.report(stmt, StatementClass::Strip,
               fmt::format("DSQL runs ANALYZE only on a named table, without {}, so apply skips this one", what))
        .at(stmt.word_or_start("ANALYZE"))
        .help("name the tables to analyze: ANALYZE t");
    return;
  }
  std::vector<std::string> steps;
  for (const VacuumRelation* relation : relations) steps.push_back("ANALYZE " + quoted_name(relation->relation));
  std::string replacement = steps.front();
  steps.erase(steps.begin());
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL's ANALYZE takes only a table name, not {}", what))
      .at(stmt.word_or_start("ANALYZE"))
      .help("write ANALYZE t for each table; DSQL gathers statistics for every column")
      .fix(Applicability::Safe, "keep only the table names", {Edit{stmt.span(), std::move(replacement)}},
           std::move(steps));
}

const RuleRegistrar kRule{{
    .id = "analyze-options",
    .summary = "ANALYZE with options (VERBOSE, SKIP_LOCKED ...) or a column list",
    .klass = StatementClass::Rewrite,
    .nodes = {T_VacuumStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
