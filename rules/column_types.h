#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule_helpers.h"

// Shared by the column-type rules (array-column, unsupported-column-type,
// varchar-char-size, numeric-precision, column-collate). Header-only so that rules/ keeps
// one .cpp per rule.
namespace dsqlint::rules {

/// A column type a statement declares: a column of CREATE TABLE, ALTER TABLE ... ADD
/// COLUMN or ALTER COLUMN ... TYPE, or the base type of CREATE DOMAIN.
struct DeclaredType {
  const TypeName* type = nullptr;
  const ColumnDef* column = nullptr;  ///< null for a domain and for ALTER COLUMN ... TYPE
  const char* column_name = nullptr;  ///< the column, or the domain
  const RangeVar* table = nullptr;    ///< null for a domain
  const List* domain = nullptr;       ///< the domain's qualified name
  const CollateClause* collate = nullptr;
};

/// "column c of table t" / "domain d", for messages.
inline std::string owner_of(const DeclaredType& declared) {
  if (declared.domain) return "domain " + dotted_name(declared.domain);
  return fmt::format("column {} of table {}", declared.column_name ? declared.column_name : "?",
                     display_name(declared.table));
}

/// Calls `visit(const DeclaredType&)` for each column type the statement declares.
/// Reads only the parse tree and allocates nothing itself.
template <typename Visit>
void for_each_declared_type(const Statement& stmt, Visit&& visit) {
  const Node* node = stmt.node();
  if (!node) return;
  if (IsA(node, CreateStmt)) {
    const auto* create = reinterpret_cast<const CreateStmt*>(node);
    const ListCell* cell;
    foreach (cell, create->tableElts) {
      const auto* element = static_cast<const Node*>(lfirst(cell));
      if (!element || !IsA(element, ColumnDef)) continue;
      const auto* column = reinterpret_cast<const ColumnDef*>(element);
      if (column->typeName) visit(DeclaredType{column->typeName, column, column->colname, create->relation, nullptr,
                                               column->collClause});
    }
    return;
  }
  if (IsA(node, AlterTableStmt)) {
    const auto* alter = reinterpret_cast<const AlterTableStmt*>(node);
    if (alter->objtype != OBJECT_TABLE) return;
    const ListCell* cell;
    foreach (cell, alter->cmds) {
      const auto* command = static_cast<const AlterTableCmd*>(lfirst(cell));
      if (!command->def || !IsA(command->def, ColumnDef)) continue;
      const auto* column = reinterpret_cast<const ColumnDef*>(command->def);
      if (!column->typeName) continue;
      if (command->subtype == AT_AddColumn)
        visit(DeclaredType{column->typeName, column, column->colname, alter->relation, nullptr, column->collClause});
      else if (command->subtype == AT_AlterColumnType)
        visit(DeclaredType{column->typeName, nullptr, command->name, alter->relation, nullptr, column->collClause});
    }
    return;
  }
  if (IsA(node, CreateDomainStmt)) {
    const auto* domain = reinterpret_cast<const CreateDomainStmt*>(node);
    if (domain->typeName)
      visit(DeclaredType{domain->typeName, nullptr, nullptr, nullptr, domain->domainname, domain->collClause});
  }
}

/// The last part of a type's name as the grammar stores it ("int4", "varchar", "bpchar"),
/// without allocating; empty for %TYPE references.
inline std::string_view base_type_name(const TypeName* type) {
  if (!type || type->pct_type || list_length(type->names) == 0) return "";
  return strVal(llast(type->names));
}

/// Whether a type's name is qualified with a schema other than pg_catalog.
inline bool in_user_schema(const TypeName* type) {
  return list_length(type->names) > 1 && std::string_view(strVal(linitial(type->names))) != "pg_catalog";
}

/// The integer type modifiers of a type (the 10 of varchar(10)); nullopt when a modifier
/// is missing or not an integer constant.
inline std::optional<int64_t> type_modifier(const TypeName* type, int index) {
  if (!type || list_length(type->typmods) <= index) return std::nullopt;
  const auto* node = static_cast<const Node*>(list_nth(type->typmods, index));
  if (!node || !IsA(node, A_Const)) return std::nullopt;
  const auto* constant = reinterpret_cast<const A_Const*>(node);
  if (constant->isnull || !IsA(&constant->val, Integer)) return std::nullopt;
  return constant->val.ival.ival;
}

}  // namespace dsqlint::rules
