#include "lint/statement_category.h"

#include "lint/model_capture.h"
#include "parse/pg.h"
#include "parse/references.h"

namespace dsqlint {

StatementCategory categorize(const Node* node) {
  if (!node) return StatementCategory::Other;
  switch (nodeTag(node)) {
    case T_TruncateStmt:  // DSQL runs it as DELETE
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt:
      return StatementCategory::Dml;
    case T_CopyStmt:
      return reinterpret_cast<const CopyStmt*>(node)->is_from ? StatementCategory::Dml : StatementCategory::Query;
    case T_SelectStmt:
      return reinterpret_cast<const SelectStmt*>(node)->intoClause ? StatementCategory::Ddl : StatementCategory::Query;
    case T_VariableShowStmt:
    case T_ExplainStmt:
      return StatementCategory::Query;
    case T_TransactionStmt:
      return StatementCategory::Transaction;
    case T_VariableSetStmt:
    case T_CallStmt:
    case T_DoStmt:
    case T_LockStmt:
    case T_NotifyStmt:
    case T_ListenStmt:
    case T_UnlistenStmt:
    case T_DeclareCursorStmt:
    case T_FetchStmt:
    case T_ClosePortalStmt:
    case T_PrepareStmt:
    case T_ExecuteStmt:
    case T_DeallocateStmt:
    case T_DiscardStmt:
    case T_CheckPointStmt:
    case T_VacuumStmt:
    case T_ConstraintsSetStmt:
    case T_LoadStmt:
      return StatementCategory::Other;
    default:
      return StatementCategory::Ddl;
  }
}

}  // namespace dsqlint

namespace dsqlint {

bool runs_outside_transaction(const Node* node) {
  if (!node) return false;
  switch (nodeTag(node)) {
    case T_IndexStmt:
      return reinterpret_cast<const IndexStmt*>(node)->concurrent;
    case T_DropStmt:
      return reinterpret_cast<const DropStmt*>(node)->concurrent;
    case T_ReindexStmt:  // REINDEX ... CONCURRENTLY lives in params; refuse wrapping any REINDEX
    case T_VacuumStmt:
    case T_CreatedbStmt:
    case T_DropdbStmt:
    case T_AlterSystemStmt:
    case T_CreateTableSpaceStmt:
    case T_DropTableSpaceStmt:
      return true;
    default:
      return false;
  }
}

std::string written_relation(const Node* node) {
  if (!node) return "";
  switch (nodeTag(node)) {
    case T_InsertStmt: return relation_key(reinterpret_cast<const InsertStmt*>(node)->relation);
    case T_UpdateStmt: return relation_key(reinterpret_cast<const UpdateStmt*>(node)->relation);
    case T_DeleteStmt: return relation_key(reinterpret_cast<const DeleteStmt*>(node)->relation);
    case T_MergeStmt: return relation_key(reinterpret_cast<const MergeStmt*>(node)->relation);
    case T_CopyStmt: {
      const auto* copy = reinterpret_cast<const CopyStmt*>(node);
      return copy->is_from ? relation_key(copy->relation) : "";
    }
    case T_TruncateStmt: return "*";  // several tables, and cascades
    case T_DoStmt:
    case T_CallStmt: return "*";
    default: return "";
  }
}

std::vector<std::string> read_relations(const Node* node) {
  if (!node) return {};
  switch (nodeTag(node)) {
    case T_InsertStmt: {
      const Node* query = reinterpret_cast<const InsertStmt*>(node)->selectStmt;
      const bool values = query && IsA(query, SelectStmt) && reinterpret_cast<const SelectStmt*>(query)->valuesLists;
      return query && !values ? referenced_relations(query) : std::vector<std::string>{};
    }
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt: return referenced_relations(node);
    case T_CreateTableAsStmt: return referenced_relations(reinterpret_cast<const CreateTableAsStmt*>(node)->query);
    case T_SelectStmt:
      return reinterpret_cast<const SelectStmt*>(node)->intoClause ? referenced_relations(node) : std::vector<std::string>{};
    default: return {};
  }
}

}  // namespace dsqlint
