#include "lint/statement_kinds.h"

#include <algorithm>

namespace dsqlint {

namespace {

using enum KindDecision;

// The generic statements each object type's own rule decides; the allow-list leaves those to it.
constexpr NodeTag kTypeNodes[] = {T_DefineStmt, T_RenameStmt, T_DropStmt, T_AlterTableStmt};
constexpr NodeTag kMatviewNodes[] = {T_DropStmt, T_RenameStmt, T_AlterTableStmt};
constexpr NodeTag kDropRename[] = {T_DropStmt, T_RenameStmt};
constexpr NodeTag kDrop[] = {T_DropStmt};
constexpr NodeTag kRename[] = {T_RenameStmt};

#define HAS(type, sql, plural) ObjectKind{OBJECT_##type, sql, plural, true, "", {}}
#define LACKS(type, sql, plural) ObjectKind{OBJECT_##type, sql, plural, false, "", {}}
#define RULE(type, sql, plural, rule, nodes) ObjectKind{OBJECT_##type, sql, plural, false, rule, nodes}

/// Every ObjectType of PostgreSQL 16 in enum order: whether DSQL has such objects (so
/// DROP, COMMENT ON, RENAME, OWNER TO, SET SCHEMA and GRANT on them run), or which rule
/// decides the statements on them.
constexpr ObjectKind kObjectKinds[] = {
    LACKS(ACCESS_METHOD, "ACCESS METHOD", "user-defined access methods"),
    LACKS(AGGREGATE, "AGGREGATE", "user-defined aggregates"),
    LACKS(AMOP, "OPERATOR FAMILY member", "user-defined operator families"),
    LACKS(AMPROC, "OPERATOR FAMILY function", "user-defined operator families"),
    RULE(ATTRIBUTE, "TYPE attribute", "composite types", "create-type", kRename),
    LACKS(CAST, "CAST", "user-defined casts"),
    HAS(COLUMN, "COLUMN", "columns"),
    LACKS(COLLATION, "COLLATION", "collations other than C"),
    LACKS(CONVERSION, "CONVERSION", "encoding conversions (UTF-8 only)"),
    // The one database, postgres, exists: GRANT and COMMENT ON it run; create-database decides renames.
    ObjectKind{OBJECT_DATABASE, "DATABASE", "databases other than postgres", true, "create-database", kRename},
    HAS(DEFAULT, "DEFAULT", "column defaults"),
    HAS(DEFACL, "DEFAULT PRIVILEGES", "default privileges"),
    HAS(DOMAIN, "DOMAIN", "domains"),
    HAS(DOMCONSTRAINT, "CONSTRAINT ON DOMAIN", "domain constraints"),
    RULE(EVENT_TRIGGER, "EVENT TRIGGER", "event triggers", "create-trigger", kDrop),
    RULE(EXTENSION, "EXTENSION", "extensions", "create-extension", kDrop),
    RULE(FDW, "FOREIGN DATA WRAPPER", "foreign data wrappers", "fdw-replication", kDrop),
    RULE(FOREIGN_SERVER, "SERVER", "foreign servers", "fdw-replication", kDrop),
    RULE(FOREIGN_TABLE, "FOREIGN TABLE", "foreign tables", "fdw-replication", kDrop),
    HAS(FUNCTION, "FUNCTION", "SQL functions"),
    HAS(INDEX, "INDEX", "indexes"),
    LACKS(LANGUAGE, "LANGUAGE", "procedural languages"),
    LACKS(LARGEOBJECT, "LARGE OBJECT", "large objects"),
    RULE(MATVIEW, "MATERIALIZED VIEW", "materialized views", "materialized-view", kMatviewNodes),
    LACKS(OPCLASS, "OPERATOR CLASS", "user-defined operator classes"),
    LACKS(OPERATOR, "OPERATOR", "user-defined operators"),
    LACKS(OPFAMILY, "OPERATOR FAMILY", "user-defined operator families"),
    LACKS(PARAMETER_ACL, "PARAMETER", "server parameters to grant"),
    RULE(POLICY, "POLICY", "row-level security policies", "rls", kDrop),
    LACKS(PROCEDURE, "PROCEDURE", "procedures"),
    RULE(PUBLICATION, "PUBLICATION", "publications", "fdw-replication", kDrop),
    LACKS(PUBLICATION_NAMESPACE, "PUBLICATION schema", "publications"),
    LACKS(PUBLICATION_REL, "PUBLICATION table", "publications"),
    HAS(ROLE, "ROLE", "roles"),
    HAS(ROUTINE, "ROUTINE", "SQL functions"),
    RULE(RULE, "RULE", "rewrite rules", "create-rule", kDropRename),
    HAS(SCHEMA, "SCHEMA", "schemas"),
    HAS(SEQUENCE, "SEQUENCE", "sequences"),
    LACKS(SUBSCRIPTION, "SUBSCRIPTION", "subscriptions"),
    HAS(STATISTIC_EXT, "STATISTICS", "extended statistics"),
    HAS(TABCONSTRAINT, "CONSTRAINT", "table constraints"),
    HAS(TABLE, "TABLE", "tables"),
    LACKS(TABLESPACE, "TABLESPACE", "tablespaces"),
    LACKS(TRANSFORM, "TRANSFORM", "transforms"),
    RULE(TRIGGER, "TRIGGER", "triggers", "create-trigger", kDropRename),
    LACKS(TSCONFIGURATION, "TEXT SEARCH CONFIGURATION", "text search configurations"),
    LACKS(TSDICTIONARY, "TEXT SEARCH DICTIONARY", "text search dictionaries"),
    LACKS(TSPARSER, "TEXT SEARCH PARSER", "text search parsers"),
    LACKS(TSTEMPLATE, "TEXT SEARCH TEMPLATE", "text search templates"),
    RULE(TYPE, "TYPE", "user-defined types", "create-type", kTypeNodes),
    LACKS(USER_MAPPING, "USER MAPPING", "user mappings"),
    HAS(VIEW, "VIEW", "views"),
};

#undef HAS
#undef LACKS
#undef RULE

#define SUB(type, sql, decision, detail) SubcommandKind{AT_##type, sql, decision, detail}
#define INTERNAL(type) SubcommandKind{AT_##type, #type, NotTopLevel, "made by PostgreSQL's own ALTER TABLE code"}

/// Every ALTER TABLE subcommand of PostgreSQL 16 in enum order (dsql-reference.md §1.4).
constexpr SubcommandKind kSubcommandKinds[] = {
    SUB(AddColumn, "ADD COLUMN", Rule, "add-column-with-constraint, serial-in-add-column"),
    INTERNAL(AddColumnToView),
    SUB(ColumnDefault, "ALTER COLUMN ... SET/DROP DEFAULT", Rule, "alter-set-drop-default"),
    INTERNAL(CookedColumnDefault),
    SUB(DropNotNull, "ALTER COLUMN ... DROP NOT NULL", Rule, "alter-drop-not-null"),
    SUB(SetNotNull, "ALTER COLUMN ... SET NOT NULL", Rule, "alter-set-not-null"),
    SUB(DropExpression, "ALTER COLUMN ... DROP EXPRESSION", Runs, "supported by DSQL"),
    INTERNAL(CheckNotNull),
    SUB(SetStatistics, "ALTER COLUMN ... SET STATISTICS", Rule, "alter-set-statistics"),
    SUB(SetOptions, "ALTER COLUMN ... SET (...)", Rule, "alter-table-misc-unsupported"),
    SUB(ResetOptions, "ALTER COLUMN ... RESET (...)", Rule, "alter-table-misc-unsupported"),
    SUB(SetStorage, "ALTER COLUMN ... SET STORAGE", Runs, "supported by DSQL (a real cluster accepts it)"),
    SUB(SetCompression, "ALTER COLUMN ... SET COMPRESSION", Rule, "alter-table-misc-unsupported"),
    SUB(DropColumn, "DROP COLUMN", Rule, "alter-drop-column"),
    INTERNAL(AddIndex),
    INTERNAL(ReAddIndex),
    SUB(AddConstraint, "ADD CONSTRAINT", Rule,
        "fk-add-without-not-valid, check-add-without-not-valid, alter-add-primary-key, alter-add-unique, "
        "exclusion-constraint"),
    INTERNAL(ReAddConstraint),
    INTERNAL(ReAddDomainConstraint),
    SUB(AlterConstraint, "ALTER CONSTRAINT", Runs, "DSQL changes a foreign key's deferrability"),
    SUB(ValidateConstraint, "VALIDATE CONSTRAINT", Rule, "validate-constraint-sync"),
    INTERNAL(AddIndexConstraint),
    SUB(DropConstraint, "DROP CONSTRAINT", Rule, "alter-drop-constraint"),
    INTERNAL(ReAddComment),
    SUB(AlterColumnType, "ALTER COLUMN ... TYPE", Rule, "alter-column-type"),
    SUB(AlterColumnGenericOptions, "ALTER COLUMN ... OPTIONS", Unsupported,
        "DSQL has no foreign tables whose columns take options: remove the subcommand"),
    SUB(ChangeOwner, "OWNER TO", Runs, "supported by DSQL"),
    SUB(ClusterOn, "CLUSTER ON", Rule, "alter-table-misc-unsupported"),
    SUB(DropCluster, "SET WITHOUT CLUSTER", Rule, "alter-table-misc-unsupported"),
    SUB(SetLogged, "SET LOGGED", Rule, "alter-table-misc-unsupported"),
    SUB(SetUnLogged, "SET UNLOGGED", Rule, "alter-table-misc-unsupported"),
    SUB(DropOids, "SET WITHOUT OIDS", Rule, "alter-table-misc-unsupported"),
    SUB(SetAccessMethod, "SET ACCESS METHOD", Rule, "alter-table-misc-unsupported"),
    SUB(SetTableSpace, "SET TABLESPACE", Rule, "alter-table-misc-unsupported"),
    SUB(SetRelOptions, "SET (...)", Rule, "alter-table-misc-unsupported"),
    SUB(ResetRelOptions, "RESET (...)", Rule, "alter-table-misc-unsupported"),
    INTERNAL(ReplaceRelOptions),
    SUB(EnableTrig, "ENABLE TRIGGER name", Rule, "alter-table-misc-unsupported"),
    SUB(EnableAlwaysTrig, "ENABLE ALWAYS TRIGGER", Rule, "alter-table-misc-unsupported"),
    SUB(EnableReplicaTrig, "ENABLE REPLICA TRIGGER", Rule, "alter-table-misc-unsupported"),
    SUB(DisableTrig, "DISABLE TRIGGER name", Rule, "alter-table-misc-unsupported"),
    SUB(EnableTrigAll, "ENABLE TRIGGER ALL", Runs, "accepted by a real cluster; there are no triggers to enable"),
    SUB(DisableTrigAll, "DISABLE TRIGGER ALL", Runs, "accepted by a real cluster; there are no triggers to disable"),
    SUB(EnableTrigUser, "ENABLE TRIGGER USER", Runs, "accepted by a real cluster; there are no triggers to enable"),
    SUB(DisableTrigUser, "DISABLE TRIGGER USER", Runs, "accepted by a real cluster; there are no triggers to disable"),
    SUB(EnableRule, "ENABLE RULE", Rule, "alter-table-misc-unsupported"),
    SUB(EnableAlwaysRule, "ENABLE ALWAYS RULE", Rule, "alter-table-misc-unsupported"),
    SUB(EnableReplicaRule, "ENABLE REPLICA RULE", Rule, "alter-table-misc-unsupported"),
    SUB(DisableRule, "DISABLE RULE", Rule, "alter-table-misc-unsupported"),
    SUB(AddInherit, "INHERIT", Rule, "alter-table-misc-unsupported"),
    SUB(DropInherit, "NO INHERIT", Rule, "alter-table-misc-unsupported"),
    SUB(AddOf, "OF type", Rule, "alter-table-misc-unsupported"),
    SUB(DropOf, "NOT OF", Rule, "alter-table-misc-unsupported"),
    SUB(ReplicaIdentity, "REPLICA IDENTITY", Rule, "alter-table-misc-unsupported"),
    SUB(EnableRowSecurity, "ENABLE ROW LEVEL SECURITY", Rule, "rls"),
    SUB(DisableRowSecurity, "DISABLE ROW LEVEL SECURITY", Rule, "rls"),
    SUB(ForceRowSecurity, "FORCE ROW LEVEL SECURITY", Rule, "rls"),
    SUB(NoForceRowSecurity, "NO FORCE ROW LEVEL SECURITY", Rule, "rls"),
    SUB(GenericOptions, "OPTIONS (...)", Unsupported, "DSQL has no foreign tables that take options: remove the "
        "subcommand"),
    SUB(AttachPartition, "ATTACH PARTITION", Rule, "alter-table-misc-unsupported"),
    SUB(DetachPartition, "DETACH PARTITION", Rule, "alter-table-misc-unsupported"),
    SUB(DetachPartitionFinalize, "DETACH PARTITION ... FINALIZE", Rule, "alter-table-misc-unsupported"),
    SUB(AddIdentity, "ADD GENERATED ... AS IDENTITY", Rule, "identity-cache-missing"),
    SUB(SetIdentity, "SET GENERATED/sequence options", Runs, "supported by DSQL"),
    SUB(DropIdentity, "DROP IDENTITY", Runs, "supported by DSQL"),
    INTERNAL(ReAddStatistics),
};

#undef SUB
#undef INTERNAL

}  // namespace

std::span<const ObjectKind> object_kinds() { return kObjectKinds; }
std::span<const SubcommandKind> subcommand_kinds() { return kSubcommandKinds; }

const ObjectKind* find_object_kind(ObjectType type) {
  const auto index = static_cast<size_t>(type);
  return index < std::size(kObjectKinds) && kObjectKinds[index].type == type ? &kObjectKinds[index] : nullptr;
}

const SubcommandKind* find_subcommand_kind(AlterTableType type) {
  const auto index = static_cast<size_t>(type);
  return index < std::size(kSubcommandKinds) && kSubcommandKinds[index].type == type ? &kSubcommandKinds[index]
                                                                                      : nullptr;
}

}  // namespace dsqlint
