#include <string>

#include <fmt/format.h>

#include "expression_walk.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// Functions that uuid-ossp and pgcrypto add: DSQL has neither extension (create-extension
/// skips the CREATE EXTENSION), so a call fails with 42883 where it runs.
bool is_extension_function(std::string_view name) {
  return name.starts_with("uuid_generate_v") || name.starts_with("uuid_ns_") || name == "uuid_nil" ||
         name == "digest" || name == "hmac" || name == "crypt" || name == "gen_salt" || name == "gen_random_bytes" ||
         name.starts_with("pgp_") || name == "armor" || name == "dearmor" || name == "encrypt" || name == "decrypt" ||
         name == "encrypt_iv" || name == "decrypt_iv";
}

/// The first call of such a function in `node`, or null.
const FuncCall* extension_call(const Node* node) {
  const FuncCall* found = nullptr;
  auto visit = [&found](const Node* n) {
    // The name's last part, read in place: most defaults call a function (now(), ...).
    if (!IsA(n, FuncCall) || !is_extension_function(strVal(llast(reinterpret_cast<const FuncCall*>(n)->funcname))))
      return false;
    found = reinterpret_cast<const FuncCall*>(n);
    return true;
  };
  walk_expression(node, visit);
  return found;
}

/// The expressions of a column that run where the table lives: its DEFAULT and GENERATED.
const FuncCall* column_call(const Node* node) {
  if (!node || !IsA(node, ColumnDef)) return nullptr;
  const ListCell* cell;
  foreach (cell, reinterpret_cast<const ColumnDef*>(node)->constraints) {
    const auto* c = static_cast<const Node*>(lfirst(cell));
    if (!IsA(c, Constraint)) continue;
    const auto* constraint = castNode(Constraint, const_cast<Node*>(c));
    if (constraint->contype != CONSTR_DEFAULT && constraint->contype != CONSTR_GENERATED) continue;
    if (const FuncCall* call = extension_call(constraint->raw_expr)) return call;
  }
  return nullptr;
}

const FuncCall* statement_call(const Statement& stmt) {
  const ListCell* cell;
  if (const auto* create = stmt.as<CreateStmt>()) {
    foreach (cell, create->tableElts)
      if (const FuncCall* call = column_call(static_cast<const Node*>(lfirst(cell)))) return call;
    return nullptr;
  }
  if (const auto* alter = stmt.as<AlterTableStmt>()) {
    foreach (cell, alter->cmds) {
      const auto* command = static_cast<const AlterTableCmd*>(lfirst(cell));
      if (command->subtype == AT_AddColumn)
        if (const FuncCall* call = column_call(command->def)) return call;
      if (command->subtype == AT_ColumnDefault)
        if (const FuncCall* call = extension_call(command->def)) return call;
    }
    return nullptr;
  }
  const Node* node = stmt.node();
  if (node && IsA(node, InsertStmt)) {
    const auto* insert = reinterpret_cast<const InsertStmt*>(node);
    if (!insert->selectStmt || !IsA(insert->selectStmt, SelectStmt)) return nullptr;
    const auto* select = castNode(SelectStmt, insert->selectStmt);
    if (const FuncCall* call = extension_call(reinterpret_cast<const Node*>(select->valuesLists))) return call;
    return extension_call(reinterpret_cast<const Node*>(select->targetList));
  }
  if (node && IsA(node, UpdateStmt)) {
    foreach (cell, reinterpret_cast<const UpdateStmt*>(node)->targetList)
      if (const FuncCall* call = extension_call(static_cast<const ResTarget*>(lfirst(cell))->val)) return call;
  }
  return nullptr;
}

void check(const Statement& stmt, Context&, Findings& out) {
  const FuncCall* call = statement_call(stmt);
  if (!call) return;
  const std::string name = called_function(call);
  const bool uuid = name.starts_with("uuid_generate_v4");
  const uint32_t at = stmt.offset(call->location);
  auto finding = out.report(stmt, StatementClass::Unsupported,
                            fmt::format("DSQL has no {} extension, so {}() does not exist there (42883)",
                                        name.starts_with("uuid_") ? "uuid-ossp" : "pgcrypto", name))
                     .at(Span{at, at + static_cast<uint32_t>(name.size())});
  if (uuid)
    finding.help("call gen_random_uuid() instead: the same random (version 4) UUID, built in")
        .fix(Applicability::Safe, "call gen_random_uuid()",
             {Edit{Span{at, at + static_cast<uint32_t>(name.size())}, "gen_random_uuid"}});
  else
    finding.help("compute the value in the application, or use gen_random_uuid() for a random UUID; DSQL has no "
                 "extensions");
}

const RuleRegistrar kRule{{
    .id = "extension-function",
    .summary = "a function of uuid-ossp or pgcrypto (uuid_generate_v4, digest, crypt ...)",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt, T_AlterTableStmt, T_InsertStmt, T_UpdateStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
