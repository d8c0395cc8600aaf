#include <optional>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

constexpr char kTemporary = 't';  // RELPERSISTENCE_TEMP in catalog/pg_class.h

/// The new table of CREATE TABLE, CREATE TABLE AS or SELECT INTO, with its ON COMMIT action.
struct NewTable {
  const RangeVar* relation = nullptr;
  OnCommitAction on_commit = ONCOMMIT_NOOP;
};

std::optional<NewTable> new_table(const Statement& stmt) {
  if (const auto* create = stmt.as<CreateStmt>()) return NewTable{create->relation, create->oncommit};
  const IntoClause* into = nullptr;
  if (const auto* create_as = stmt.as<CreateTableAsStmt>(); create_as && create_as->objtype == OBJECT_TABLE)
    into = create_as->into;
  if (const auto* select = stmt.as<SelectStmt>()) into = select->intoClause;
  if (!into) return std::nullopt;
  return NewTable{into->rel, into->onCommit};
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto table = new_table(stmt);
  if (!table || !table->relation) return;
  const bool temporary = table->relation->relpersistence == kTemporary;
  if (!temporary && table->on_commit == ONCOMMIT_NOOP) return;
  const auto keyword = temporary ? stmt.find_word("TEMPORARY") : std::nullopt;
  const Span at = temporary ? (keyword ? keyword->span : stmt.word_or_start("TEMP")) : stmt.word_or_start("COMMIT");
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects {} table {}: it has no temporary tables",
                         temporary ? "temporary" : "the ON COMMIT clause of", display_name(table->relation)))
      .at(at)
      .help(
          "use an ordinary table that the migration drops when it is done, or keep the intermediate rows in the "
          "application");
}

const RuleRegistrar kRule{{
    .id = "temp-table",
    .summary = "CREATE TEMP/TEMPORARY TABLE, CREATE TEMP TABLE AS, ON COMMIT",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_CreateTableAsStmt, T_SelectStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
