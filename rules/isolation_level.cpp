#include <cctype>

#include <fmt/format.h>

#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

/// The isolation level a BEGIN/START TRANSACTION asks for, with the constant holding it.
const A_Const* isolation_level(const TransactionStmt* transaction) {
  const DefElem* option = find_option(transaction->options, "transaction_isolation");
  if (!option || !option->arg || !IsA(option->arg, A_Const)) return nullptr;
  const auto* level = castNode(A_Const, option->arg);
  return !level->isnull && IsA(&level->val, String) ? level : nullptr;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* transaction = stmt.as<TransactionStmt>();
  if (!transaction || (transaction->kind != TRANS_STMT_BEGIN && transaction->kind != TRANS_STMT_START)) return;
  const A_Const* level = isolation_level(transaction);
  if (!level) return;
  const std::string_view name = level->val.sval.sval;
  if (name == "repeatable read") return;
  // The level is one word (SERIALIZABLE) or two (READ COMMITTED, READ UNCOMMITTED).
  const auto first = token_at(stmt, stmt.offset(level->location));
  if (!first) return;
  const auto second = name.find(' ') != std::string_view::npos ? token_at(stmt, first->span.end) : first;
  if (!second) return;
  const Span span{first->span.begin, second->span.end};
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out.report(stmt, StatementClass::Rewrite,
             fmt::format("DSQL runs every transaction at REPEATABLE READ (snapshot isolation) and rejects ISOLATION "
                         "LEVEL {}",
                         upper))
      .at(span)
      .help(name == "serializable"
                ? "use REPEATABLE READ; DSQL's snapshot isolation can allow write skew that SERIALIZABLE prevents, so "
                  "make a transaction that depends on rows it does not write also write them (SELECT ... FOR UPDATE)"
                : "use REPEATABLE READ; conflicting writes then fail at COMMIT with a serialization error (40001), "
                  "so retry the transaction")
      .fix(Applicability::Unsafe, "run at REPEATABLE READ", {Edit{span, "REPEATABLE READ"}});
}

const RuleRegistrar kRule{{
    .id = "isolation-level",
    .summary = "BEGIN ISOLATION LEVEL other than REPEATABLE READ",
    .klass = StatementClass::Rewrite,
    .nodes = {T_TransactionStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
