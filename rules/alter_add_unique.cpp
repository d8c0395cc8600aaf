#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/not_valid_rewrite.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

std::vector<std::string> string_list(const List* list) {
  std::vector<std::string> out;
  const ListCell* cell;
  foreach (cell, list) {
    const auto* node = static_cast<const Node*>(lfirst(cell));
    if (node && IsA(node, String)) out.emplace_back(strVal(node));
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + quote_identifier(name);
  return out;
}

/// PostgreSQL's name for an unnamed unique constraint: table_col1_col2_key, at most 63 bytes.
std::string default_name(const RangeVar* relation, const std::vector<std::string>& columns) {
  std::string name = relation->relname ? relation->relname : "";
  for (const auto& column : columns) name += "_" + column;
  return name.size() > 59 ? name.substr(0, 59) + "_key" : name + "_key";
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* alter = stmt.as<AlterTableStmt>();
  if (!alter || alter->objtype != OBJECT_TABLE || !alter->relation) return;
  for (const Constraint* unique : added_constraints(alter, CONSTR_UNIQUE)) {
    if (unique->indexname) continue;  // UNIQUE USING INDEX is DSQL's own form
    const std::vector<std::string> columns = string_list(unique->keys);
    if (columns.empty()) continue;
    const std::string table = display_name(alter->relation);
    const Span at{stmt.offset(unique->location), stmt.span().end};
    const std::string message =
        fmt::format("DSQL cannot add a UNIQUE constraint to existing table {}: it only attaches one to a unique index "
                    "built with CREATE UNIQUE INDEX ASYNC",
                    table);
    const bool simple = list_length(alter->cmds) == 1 && !unique->deferrable && !unique->initdeferred &&
                        !unique->options && !unique->indexspace;
    if (!simple) {
      out.report(stmt, StatementClass::Unsupported, message)
          .at(at)
          .help("write CREATE UNIQUE INDEX ASYNC idx ON t (cols) as a statement of its own, then ALTER TABLE t ADD "
                "CONSTRAINT c UNIQUE USING INDEX idx if a constraint is needed; DSQL has no deferrable unique "
                "constraints, index storage parameters or tablespaces");
      continue;
    }
    const std::string name = unique->conname ? unique->conname : default_name(alter->relation, columns);
    std::string index = fmt::format("CREATE UNIQUE INDEX ASYNC {} ON {} ({})", quote_identifier(name),
                                    quoted_name(alter->relation), quoted_list(columns));
    if (const auto including = string_list(unique->including); !including.empty())
      index += fmt::format(" INCLUDE ({})", quoted_list(including));
    if (unique->nulls_not_distinct) index += " NULLS NOT DISTINCT";
    out.report(stmt, StatementClass::Rewrite, message)
        .at(at)
        .help("build the index with CREATE UNIQUE INDEX ASYNC, wait for it, then attach it with ADD CONSTRAINT ... "
              "UNIQUE USING INDEX; the build fails if the table already holds duplicates, and the failed index stays "
              "INVALID until dropped")
        .fix(Applicability::Safe, "build a unique index ASYNC, then attach it as the constraint",
             {Edit{stmt.span(), index}},
             {fmt::format("ALTER TABLE {} ADD CONSTRAINT {} UNIQUE USING INDEX {}", quoted_name(alter->relation),
                          quote_identifier(name), quote_identifier(name))});
  }
}

const RuleRegistrar kRule{{
    .id = "alter-add-unique",
    .summary = "ALTER TABLE ADD [CONSTRAINT] UNIQUE (cols)",
    .klass = StatementClass::Rewrite,
    .nodes = {T_AlterTableStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
