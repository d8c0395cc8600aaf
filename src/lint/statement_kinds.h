#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "parse/pg.h"

namespace dsqlint {

/// What DSQL does with a kind of statement: the allow-list every parsed statement passes
/// through, so that no kind is OK by falling through.
enum class KindDecision {
  Runs,          ///< DSQL runs it as written; rules may still look at its parts
  Rule,          ///< the named rules decide (they know the forms DSQL takes and refuses)
  Strip,         ///< DSQL does not run it, and skipping it changes no data or access
  Unsupported,   ///< DSQL does not run it, and skipping it would change data or access
  ByObject,      ///< a generic statement (DROP, COMMENT ON, OWNER TO ...): the object type decides
  BySubcommand,  ///< ALTER TABLE: the object type, then each subcommand decides
  NotTopLevel,   ///< never a statement of its own in a raw parse; refused should one appear
};

/// One statement node type and its decision.
struct StatementKind {
  NodeTag tag;
  std::string_view node;  ///< the node type's name, "MergeStmt"
  std::string_view sql;   ///< how it is written, "MERGE"
  KindDecision decision;
  std::string_view rules;  ///< Rule: the deciding rule ids, comma-separated; else the reason
};

/// One object type of PostgreSQL, and whether DSQL has such objects.
struct ObjectKind {
  ObjectType type;
  std::string_view sql;     ///< "COLLATION"
  std::string_view plural;  ///< "collations"
  bool exists;              ///< DSQL has objects of this type
  std::string_view rule;    ///< a rule that decides statements on this type (empty: none)
  std::span<const NodeTag> rule_nodes;  ///< the generic statements that rule decides
};

/// One ALTER TABLE subcommand and its decision (Runs, Rule, Unsupported or NotTopLevel).
struct SubcommandKind {
  AlterTableType type;
  std::string_view sql;  ///< "ALTER COLUMN ... OPTIONS"
  KindDecision decision;
  std::string_view rules;
};

/// Every statement node type of libpg_query 16, in NodeTag order.
std::span<const StatementKind> statement_kinds();
/// Every ObjectType, in enum order.
std::span<const ObjectKind> object_kinds();
/// Every AlterTableType, in enum order.
std::span<const SubcommandKind> subcommand_kinds();

const StatementKind* find_statement_kind(NodeTag tag);
const ObjectKind* find_object_kind(ObjectType type);
const SubcommandKind* find_subcommand_kind(AlterTableType type);

/// What the allow-list says of one statement, when it refuses or skips it.
struct KindVerdict {
  KindDecision decision = KindDecision::Runs;  ///< Strip or Unsupported when it applies
  std::string what;                             ///< "MERGE", "DROP COLLATION"
  std::string why;                              ///< "it has no collations other than C"; may be empty
  std::string help;                             ///< the remedy
};

/// The allow-list's verdict on a parsed statement: Runs when DSQL runs it or a named rule
/// decides it, Strip or Unsupported otherwise.
KindVerdict decide_statement(const Node* node);

}  // namespace dsqlint
