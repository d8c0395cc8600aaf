#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "lint/statement_kinds.h"

namespace dsqlint {

namespace {

/// A generic statement's object type, how the statement is written for it, and whether
/// skipping it could change data or access.
struct GenericStatement {
  ObjectType object;
  std::string_view verb;     ///< "DROP", "COMMENT ON" ...
  std::string_view suffix;   ///< "... OWNER TO"
  bool skippable = false;    ///< on an object that cannot exist, skipping changes nothing
  ObjectType container = OBJECT_TABLE;  ///< the relation a column or attribute belongs to
  bool has_container = false;
};

std::optional<GenericStatement> generic_statement(const Node* node) {
  switch (nodeTag(node)) {
    case T_DropStmt: return GenericStatement{reinterpret_cast<const DropStmt*>(node)->removeType, "DROP", "", true};
    case T_CommentStmt:
      return GenericStatement{reinterpret_cast<const CommentStmt*>(node)->objtype, "COMMENT ON", "", true};
    case T_DefineStmt: return GenericStatement{reinterpret_cast<const DefineStmt*>(node)->kind, "CREATE", ""};
    case T_AlterOwnerStmt:
      return GenericStatement{reinterpret_cast<const AlterOwnerStmt*>(node)->objectType, "ALTER", " ... OWNER TO"};
    case T_AlterObjectSchemaStmt:
      return GenericStatement{reinterpret_cast<const AlterObjectSchemaStmt*>(node)->objectType, "ALTER",
                              " ... SET SCHEMA"};
    case T_GrantStmt: {
      const auto* grant = reinterpret_cast<const GrantStmt*>(node);
      return GenericStatement{grant->objtype, grant->is_grant ? "GRANT ... ON" : "REVOKE ... ON", "", !grant->is_grant};
    }
    case T_RenameStmt: {
      const auto* rename = reinterpret_cast<const RenameStmt*>(node);
      const bool part = rename->renameType == OBJECT_COLUMN || rename->renameType == OBJECT_ATTRIBUTE;
      return GenericStatement{rename->renameType, "ALTER", " ... RENAME", false, rename->relationType, part};
    }
    default: return std::nullopt;
  }
}

/// Whether statements of `tag` on objects of `type` run on DSQL or are left to a rule.
bool allowed_on(ObjectType type, NodeTag tag) {
  const ObjectKind* object = find_object_kind(type);
  if (!object) return false;
  const bool ruled = std::find(object->rule_nodes.begin(), object->rule_nodes.end(), tag) != object->rule_nodes.end();
  return object->exists || ruled;
}

KindVerdict refuse(KindDecision decision, std::string what, std::string why, std::string help) {
  return KindVerdict{decision, std::move(what), std::move(why), std::move(help)};
}

KindVerdict decide_generic(const Node* node) {
  const std::optional<GenericStatement> generic = generic_statement(node);
  if (!generic) return {};
  const NodeTag tag = nodeTag(node);
  ObjectType lacking = generic->object;
  if (allowed_on(generic->object, tag)) {
    if (!generic->has_container || allowed_on(generic->container, tag)) return {};
    lacking = generic->container;
  }
  const ObjectKind* object = find_object_kind(lacking);
  const std::string_view sql = object ? object->sql : "this object";
  const std::string_view plural = object ? object->plural : "such objects";
  if (generic->skippable)
    return refuse(KindDecision::Strip, fmt::format("{} {}{}", generic->verb, sql, generic->suffix),
                  fmt::format("it has no {}", plural), "delete the statement: what it names cannot exist on DSQL");
  return refuse(KindDecision::Unsupported, fmt::format("{} {}{}", generic->verb, sql, generic->suffix),
                fmt::format("it has no {}", plural),
                fmt::format("remove the statement, and whatever else relies on {}", plural));
}

KindVerdict decide_alter_table(const AlterTableStmt* alter) {
  if (!allowed_on(alter->objtype, T_AlterTableStmt)) {
    const ObjectKind* object = find_object_kind(alter->objtype);
    return refuse(KindDecision::Unsupported, fmt::format("ALTER {}", object ? object->sql : "TABLE"),
                  fmt::format("it has no {}", object ? object->plural : "such objects"), "remove the statement");
  }
  const ListCell* cell;
  foreach (cell, alter->cmds) {
    const auto* command = static_cast<const AlterTableCmd*>(lfirst(cell));
    const SubcommandKind* sub = find_subcommand_kind(command->subtype);
    if (sub && (sub->decision == KindDecision::Runs || sub->decision == KindDecision::Rule)) continue;
    return refuse(KindDecision::Unsupported, fmt::format("ALTER TABLE ... {}", sub ? sub->sql : "this subcommand"), "",
                  std::string(sub && sub->decision == KindDecision::Unsupported ? sub->rules : "remove the subcommand"));
  }
  return {};
}

}  // namespace

KindVerdict decide_statement(const Node* node) {
  if (!node) return {};
  const StatementKind* kind = find_statement_kind(nodeTag(node));
  if (!kind) return refuse(KindDecision::Unsupported, "this statement", "", "dsqlint knows no decision for its kind");
  switch (kind->decision) {
    case KindDecision::Runs:
    case KindDecision::Rule: return {};
    case KindDecision::Strip:
    case KindDecision::Unsupported: return refuse(kind->decision, std::string(kind->sql), "", std::string(kind->rules));
    case KindDecision::NotTopLevel:
      return refuse(KindDecision::Unsupported, std::string(kind->sql), "it is not a statement of its own",
                    "remove the statement");
    case KindDecision::ByObject: return decide_generic(node);
    case KindDecision::BySubcommand: return decide_alter_table(reinterpret_cast<const AlterTableStmt*>(node));
  }
  return {};
}

}  // namespace dsqlint
