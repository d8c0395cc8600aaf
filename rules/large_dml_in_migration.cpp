#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

constexpr int kRowLimit = 3000;

constexpr std::string_view kBatchHelp =
    "change the rows in batches of at most 3,000 per transaction, by key range (WHERE id >= ... AND id < ...); "
    "dsqlint cannot see how many rows the table holds";

template <typename T>
const T* node_as(const Statement& stmt, NodeTag tag) {
  return stmt.node() && nodeTag(stmt.node()) == tag ? reinterpret_cast<const T*>(stmt.node()) : nullptr;
}

void warn(const Statement& stmt, Findings& out, std::string message, std::string_view at_word) {
  out.report(stmt, StatementClass::Ok, std::move(message))
      .at(stmt.word_or_start(at_word))
      .severity(Severity::Warning)
      .help(std::string(kBatchHelp));
}

void check_insert(const Statement& stmt, const InsertStmt* insert, Findings& out) {
  if (!insert->selectStmt || !IsA(insert->selectStmt, SelectStmt)) return;
  const auto* select = castNode(SelectStmt, insert->selectStmt);
  const std::string table = display_name(insert->relation);
  if (select->valuesLists != NIL) {
    const int rows = list_length(select->valuesLists);
    if (rows <= kRowLimit) return;
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL rejects this INSERT of {} rows into table {}: a transaction changes at most 3,000 "
                           "rows (54000)",
                           rows, table))
        .at(stmt.word_or_start("VALUES"))
        .help("split the VALUES list into INSERT statements of at most 3,000 rows, each in its own transaction");
    return;
  }
  if (select->fromClause == NIL && select->op == SETOP_NONE) return;  // INSERT ... SELECT of constants
  warn(stmt, out,
       fmt::format("DSQL limits a transaction to 3,000 changed rows and 10 MiB, and this INSERT ... SELECT into "
                   "table {} copies an unknown number of rows",
                   table),
       "SELECT");
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (const auto* insert = node_as<InsertStmt>(stmt, T_InsertStmt)) return check_insert(stmt, insert, out);
  if (const auto* update = node_as<UpdateStmt>(stmt, T_UpdateStmt); update && !update->whereClause)
    return warn(stmt, out,
                fmt::format("DSQL limits a transaction to 3,000 changed rows, and this UPDATE of table {} has no "
                            "WHERE clause",
                            display_name(update->relation)),
                "UPDATE");
  if (const auto* del = node_as<DeleteStmt>(stmt, T_DeleteStmt); del && !del->whereClause)
    warn(stmt, out,
         fmt::format("DSQL limits a transaction to 3,000 changed rows, and this DELETE from table {} has no WHERE "
                     "clause",
                     display_name(del->relation)),
         "DELETE");
}

const RuleRegistrar kRule{{
    .id = "large-dml-in-migration",
    .summary = "UPDATE/DELETE without WHERE, INSERT ... SELECT, or INSERT of more than 3,000 rows",
    .klass = StatementClass::Ok,
    .nodes = {T_InsertStmt, T_UpdateStmt, T_DeleteStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
