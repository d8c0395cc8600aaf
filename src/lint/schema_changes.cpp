#include "lint/schema_changes.h"

#include <cctype>

#include "lint/model_capture.h"
#include "lint/names.h"
#include "lint/rule_helpers.h"
#include "lint/statement.h"
#include "parse/deparse.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

void create_table(const CreateStmt* create, SchemaChange& change) {
  change.kind = Kind::CreateTable;
  change.table = relation_key(create->relation);
  change.replace = create->if_not_exists;
  change.unqualified = create->relation->schemaname == nullptr;
  TableModel& table = change.created.edit();
  table.schema = create->relation->schemaname ? create->relation->schemaname : "public";
  table.name = create->relation->relname;
  table.columns.reserve(list_length(create->tableElts));  // a column model is large to move
  const ListCell* cell;
  foreach (cell, create->tableElts) {
    const auto* node = static_cast<const Node*>(lfirst(cell));
    if (IsA(node, ColumnDef)) {
      read_column(castNode(ColumnDef, const_cast<Node*>(node)), table.constraints, create->relation,
                  table.columns.emplace_back());
    } else if (IsA(node, Constraint)) {
      table.constraints.push_back(
          constraint_model(castNode(Constraint, const_cast<Node*>(node)), nullptr, true, create->relation));
    } else if (IsA(node, TableLikeClause)) {
      const auto* like = castNode(TableLikeClause, const_cast<Node*>(node));
      change.like.emplace_back(relation_key(like->relation), like->options);
    }
  }
  for (ConstraintModel& constraint : table.constraints) constraint.valid = true;  // the table is empty
  table.lifetime_columns = static_cast<unsigned>(table.columns.size());
}

void add_column(const ColumnDef* def, const RangeVar* table, SchemaChange& change) {
  change.kind = Kind::AddColumn;
  read_column(def, change.constraints, table, change.column);
  change.name = change.column.name;
}

void alter_column_type(const ColumnDef* def, SchemaChange& change) {
  change.kind = Kind::AlterColumnType;
  change.column.name = change.name;
  change.column.type = column_type(def->typeName);
  change.column.extra.set(&ColumnExtras::collation, collation_sql(def->collClause));
  change.expression_sql = expression_sql(def->raw_default);  // USING
}

std::string grantee_name(const RoleSpec* role);

/// One ALTER TABLE subcommand on `table`; false for those that change nothing the model keeps.
bool alter_command(const AlterTableCmd* cmd, const RangeVar* table, SchemaChange& change) {
  switch (cmd->subtype) {
    case AT_AddColumn: add_column(castNode(ColumnDef, cmd->def), table, change); break;
    case AT_DropColumn:
      change.kind = Kind::DropColumn;
      change.cascade = cmd->behavior == DROP_CASCADE;
      break;
    case AT_AlterColumnType: alter_column_type(castNode(ColumnDef, cmd->def), change); break;
    case AT_ColumnDefault:
      change.kind = Kind::SetColumnDefault;
      change.column.default_sql = expression_sql(cmd->def);
      change.column.extra.set(&ColumnExtras::sequences, nextval_sequences(cmd->def));
      break;
    case AT_SetNotNull: change.kind = Kind::SetNotNull; break;
    case AT_DropNotNull: change.kind = Kind::DropNotNull; break;
    case AT_AddConstraint: {
      const auto* constraint = castNode(Constraint, cmd->def);
      change.kind = Kind::AddConstraint;
      change.constraint = constraint_model(constraint, nullptr, false, table);
      change.name = constraint->indexname ? constraint->indexname : "";
      break;
    }
    case AT_ValidateConstraint: change.kind = Kind::ValidateConstraint; break;
    case AT_DropConstraint: change.kind = Kind::DropConstraint; break;
    case AT_EnableRowSecurity:
    case AT_ForceRowSecurity: change.kind = Kind::EnableRls; break;
    case AT_AddIdentity: {
      std::vector<ConstraintModel> none;
      ColumnDef def{.type = T_ColumnDef, .colname = cmd->name, .constraints = list_make1(cmd->def)};
      change.kind = Kind::SetIdentity;
      change.column = column_model(&def, none, table);
      break;
    }
    case AT_DropIdentity: change.kind = Kind::SetIdentity; break;
    case AT_SetStorage:
      change.kind = Kind::SetStorage;
      change.column.extra.set(&ColumnExtras::storage,
                             std::string(cmd->def && IsA(cmd->def, String) ? strVal(cmd->def) : ""));
      break;
    case AT_DropExpression: change.kind = Kind::DropExpression; break;
    case AT_ChangeOwner:
      change.kind = Kind::SetOwner;
      change.name = cmd->newowner->roletype == ROLESPEC_CSTRING ? quote_identifier(cmd->newowner->rolename)
                                                                : grantee_name(cmd->newowner);
      break;
    default: return false;
  }
  return true;
}

/// A new change at the end of `out`, built in place: a change is large to move.
SchemaChange& add(std::vector<SchemaChange>& out, Kind kind, std::string table) {
  SchemaChange& change = out.emplace_back();
  change.kind = kind;
  change.table = std::move(table);
  return change;
}

void alter_table(const AlterTableStmt* alter, std::vector<SchemaChange>& out) {
  const std::string table = relation_key(alter->relation);
  for (const AlterTableCmd* cmd : alter_commands(alter)) {
    SchemaChange& change = add(out, Kind::CreateTable, table);
    change.name = cmd->name ? cmd->name : "";
    change.replace = cmd->missing_ok;  // IF [NOT] EXISTS
    if (!alter_command(cmd, alter->relation, change)) out.pop_back();
  }
}

void rename(const RenameStmt* rename, std::vector<SchemaChange>& out) {
  SchemaChange& change = add(out, Kind::CreateTable, relation_key(rename->relation));
  change.name = rename->subname ? rename->subname : "";
  change.new_name = rename->newname ? rename->newname : "";
  switch (rename->renameType) {
    case OBJECT_TABLE:
    case OBJECT_VIEW: change.kind = Kind::RenameTable, change.name = change.new_name; break;
    case OBJECT_COLUMN: change.kind = Kind::RenameColumn; break;
    case OBJECT_INDEX: change.kind = Kind::RenameIndex, change.name = change.table, change.table.clear(); break;
    case OBJECT_TABCONSTRAINT: change.kind = Kind::RenameConstraint; break;
    case OBJECT_TYPE:
      if (!rename->object || !IsA(rename->object, List)) return out.pop_back();
      change.kind = Kind::RenameType, change.table = names_key(castNode(List, rename->object)), change.name = change.new_name;
      break;
    default: return out.pop_back();
  }
}

void drop(const DropStmt* drop, std::vector<SchemaChange>& out) {
  Kind kind;
  switch (drop->removeType) {
    case OBJECT_TABLE: kind = Kind::DropTable; break;
    case OBJECT_INDEX: kind = Kind::DropIndex; break;
    case OBJECT_SEQUENCE: kind = Kind::DropSequence; break;
    case OBJECT_SCHEMA: kind = Kind::DropSchema; break;
    case OBJECT_VIEW: kind = Kind::DropView; break;
    case OBJECT_DOMAIN: kind = Kind::DropDomain; break;
    case OBJECT_TYPE: kind = Kind::DropType; break;
    default: return;
  }
  const ListCell* cell;
  foreach (cell, drop->objects) {
    const auto* object = static_cast<const Node*>(lfirst(cell));
    std::string key;
    if (IsA(object, List)) key = names_key(castNode(List, const_cast<Node*>(object)));
    else if (IsA(object, TypeName)) key = names_key(castNode(TypeName, const_cast<Node*>(object))->names);
    else if (IsA(object, String)) key = strVal(object);
    SchemaChange& change = add(out, kind, "");
    (kind == Kind::DropIndex ? change.name : change.table) = std::move(key);
    change.cascade = drop->behavior == DROP_CASCADE;
  }
}

SchemaChange create_domain(const CreateDomainStmt* domain) {
  SchemaChange change{.kind = Kind::CreateDomain, .table = names_key(domain->domainname)};
  ColumnDef def{};
  def.type = T_ColumnDef;
  def.colname = const_cast<char*>("value");
  def.typeName = domain->typeName;
  def.collClause = domain->collClause;
  def.constraints = domain->constraints;
  change.column = column_model(&def, change.constraints, nullptr);  // a domain's CHECK reads VALUE
  return change;
}

std::vector<std::string> enum_values(const List* values) { return string_list(values); }

/// The relation key of a column's or constraint's list of names: the two names before the last.
std::string owner_key(const List* names) {
  const int n = list_length(names);
  return relation_key(n >= 3 ? strVal(list_nth(names, n - 3)) : nullptr, strVal(list_nth(names, n - 2)));
}

void comment(const CommentStmt* comment, std::vector<SchemaChange>& out) {
  if (!comment->object || !IsA(comment->object, List)) return;
  const auto* names = castNode(List, comment->object);
  const bool on_member = comment->objtype == OBJECT_COLUMN || comment->objtype == OBJECT_TABCONSTRAINT;
  if (on_member && list_length(names) < 2) return;
  Kind kind;
  switch (comment->objtype) {
    case OBJECT_TABLE:
    case OBJECT_VIEW:
    case OBJECT_COLUMN: kind = Kind::Comment; break;
    case OBJECT_INDEX: kind = Kind::CommentIndex; break;
    case OBJECT_TABCONSTRAINT: kind = Kind::CommentConstraint; break;
    default: return;
  }
  SchemaChange& change = add(out, kind, "");
  change.expression_sql = comment->comment ? comment->comment : "";
  if (on_member) change.name = strVal(llast(names)), change.table = owner_key(names);
  else if (kind == Kind::CommentIndex) change.name = names_key(names);  // as DROP INDEX: its table is found by name
  else change.table = names_key(names);
}

std::string grantee_name(const RoleSpec* role) {
  switch (role->roletype) {
    case ROLESPEC_CSTRING: return role->rolename;
    case ROLESPEC_CURRENT_ROLE: return "CURRENT_ROLE";
    case ROLESPEC_CURRENT_USER: return "CURRENT_USER";
    case ROLESPEC_SESSION_USER: return "SESSION_USER";
    case ROLESPEC_PUBLIC: return "PUBLIC";
  }
  return "";
}

std::string privileges_sql(const List* privileges) {
  if (!privileges) return "ALL";
  std::string out;
  for (const AccessPriv* privilege : list_nodes<AccessPriv>(privileges, T_AccessPriv)) {
    std::string name = privilege->priv_name ? privilege->priv_name : "all";
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

/// The grants a GRANT gives each grantee: its table-wide privileges in one, and each
/// privilege on columns (GRANT SELECT (a, b)) in one of its own, so that a rebuild gives
/// back no more than the columns.
std::vector<GrantModel> grants_of(const GrantStmt* grant, const std::string& grantee) {
  std::vector<GrantModel> out;
  List* table_wide = NIL;
  for (const AccessPriv* privilege : list_nodes<AccessPriv>(grant->privileges, T_AccessPriv)) {
    if (!privilege->cols) {
      table_wide = lappend(table_wide, const_cast<AccessPriv*>(privilege));
      continue;
    }
    out.push_back(GrantModel{privileges_sql(list_make1(const_cast<AccessPriv*>(privilege))), grantee,
                             grant->grant_option, string_list(privilege->cols)});
  }
  if (!grant->privileges || table_wide)
    out.insert(out.begin(), GrantModel{privileges_sql(table_wide), grantee, grant->grant_option});
  return out;
}

void grant(const GrantStmt* grant, std::vector<SchemaChange>& out) {
  if (grant->targtype != ACL_TARGET_OBJECT || grant->objtype != OBJECT_TABLE) return;
  for (const RangeVar* relation : list_nodes<RangeVar>(grant->objects, T_RangeVar))
    for (const RoleSpec* role : list_nodes<RoleSpec>(grant->grantees, T_RoleSpec))
      for (GrantModel& model : grants_of(grant, grantee_name(role)))
        out.push_back({.kind = grant->is_grant ? Kind::Grant : Kind::Revoke,
                       .table = relation_key(relation),
                       .grant = std::move(model)});
}

void statistics(const CreateStatsStmt* stats, std::vector<SchemaChange>& out) {
  for (const RangeVar* relation : list_nodes<RangeVar>(stats->relations, T_RangeVar))
    add(out, Kind::CreateStatistics, relation_key(relation));
}

void alter_enum(const AlterEnumStmt* alter, std::vector<SchemaChange>& out) {
  if (!alter->newVal) return;
  if (alter->oldVal) {
    out.push_back({.kind = Kind::RenameEnumValue, .table = names_key(alter->typeName), .name = alter->oldVal,
                   .new_name = alter->newVal});
    return;
  }
  out.push_back({.kind = Kind::AddEnumValue,
                 .table = names_key(alter->typeName),
                 .name = alter->newValNeighbor ? alter->newValNeighbor : "",
                 .new_name = alter->newValNeighbor ? (alter->newValIsAfter ? "after" : "before") : "",
                 .values = {alter->newVal},
                 .replace = alter->skipIfNewValExists});
}

/// The changes of one statement, without their span.
void changes_of(const Node* node, std::vector<SchemaChange>& out) {
  switch (nodeTag(node)) {
    case T_CreateStmt: create_table(castNode(CreateStmt, const_cast<Node*>(node)), out.emplace_back()); break;
    case T_IndexStmt: {
      const auto* index = castNode(IndexStmt, const_cast<Node*>(node));
      SchemaChange& change = add(out, Kind::CreateIndex, relation_key(index->relation));
      change.index = index_model(index);
      change.replace = index->if_not_exists;
      break;
    }
    case T_AlterTableStmt: {
      const auto* alter = castNode(AlterTableStmt, const_cast<Node*>(node));
      if (alter->objtype == OBJECT_TABLE) alter_table(alter, out);
      break;
    }
    case T_RenameStmt: rename(castNode(RenameStmt, const_cast<Node*>(node)), out); break;
    case T_DropStmt: drop(castNode(DropStmt, const_cast<Node*>(node)), out); break;
    case T_CreateSeqStmt: {
      const auto* sequence = castNode(CreateSeqStmt, const_cast<Node*>(node));
      add(out, Kind::CreateSequence, relation_key(sequence->sequence)).replace = sequence->if_not_exists;
      break;
    }
    case T_CreateSchemaStmt:
      if (const char* name = castNode(CreateSchemaStmt, const_cast<Node*>(node))->schemaname)
        add(out, Kind::CreateSchema, name);
      break;
    case T_CreatePolicyStmt:
      add(out, Kind::CreatePolicy, relation_key(castNode(CreatePolicyStmt, const_cast<Node*>(node))->table));
      break;
    case T_AlterPolicyStmt:
      add(out, Kind::CreatePolicy, relation_key(castNode(AlterPolicyStmt, const_cast<Node*>(node))->table));
      break;
    case T_CreateStatsStmt: statistics(castNode(CreateStatsStmt, const_cast<Node*>(node)), out); break;
    case T_ViewStmt: {
      const auto* view = castNode(ViewStmt, const_cast<Node*>(node));
      SchemaChange& change = add(out, Kind::CreateView, relation_key(view->view));
      change.view = view_model(view);
      change.replace = view->replace;
      break;
    }
    case T_CreateDomainStmt: out.push_back(create_domain(castNode(CreateDomainStmt, const_cast<Node*>(node)))); break;
    case T_CreateEnumStmt: {
      const auto* create = castNode(CreateEnumStmt, const_cast<Node*>(node));
      out.push_back({.kind = Kind::CreateEnum, .table = names_key(create->typeName), .values = enum_values(create->vals)});
      break;
    }
    case T_AlterEnumStmt: alter_enum(castNode(AlterEnumStmt, const_cast<Node*>(node)), out); break;
    case T_CommentStmt: comment(castNode(CommentStmt, const_cast<Node*>(node)), out); break;
    case T_GrantStmt: grant(castNode(GrantStmt, const_cast<Node*>(node)), out); break;
    default: break;
  }
}

}  // namespace

std::vector<SchemaChange> schema_changes(const Statement& stmt) {
  std::vector<SchemaChange> out;
  if (!stmt.node() || stmt.kind() != SyntaxKind::Postgres) return out;
  changes_of(stmt.node(), out);
  for (SchemaChange& change : out) change.span = stmt.span();
  return out;
}

}  // namespace dsqlint
