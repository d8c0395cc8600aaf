#include "lint/statement_kinds.h"

#include <array>

namespace dsqlint {

namespace {

using enum KindDecision;

#define KIND(node, sql, decision, detail) StatementKind{T_##node, #node, sql, decision, detail}

/// The decision for every statement node type of libpg_query 16 (nodes/nodetags.h), in tag
/// order. Sources: dsql-reference.md §1 and §10 (a real cluster); `uncertain` marks a kind no
/// source names, decided so that no data is lost: refused rather than run or skipped blind.
constexpr StatementKind kStatementKinds[] = {
    KIND(RawStmt, "a raw statement wrapper", NotTopLevel, "the parser's wrapper around each statement"),
    KIND(InsertStmt, "INSERT", Runs, "large-dml-in-migration counts the rows it can know"),
    KIND(DeleteStmt, "DELETE", Runs, "large-dml-in-migration"),
    KIND(UpdateStmt, "UPDATE", Runs, "large-dml-in-migration"),
    KIND(MergeStmt, "MERGE", Unsupported,
         "write it as INSERT ... ON CONFLICT DO UPDATE, or as separate UPDATE, INSERT and DELETE statements"),
    KIND(SelectStmt, "SELECT", Runs, "create-table-as, advisory-lock, wait-for-job-in-tx look at SELECT INTO and calls"),
    KIND(SetOperationStmt, "UNION/INTERSECT/EXCEPT", NotTopLevel, "the raw parse gives a SelectStmt"),
    KIND(ReturnStmt, "RETURN", NotTopLevel, "only inside a SQL-standard function body"),
    KIND(PLAssignStmt, "a PL/pgSQL assignment", NotTopLevel, "only inside PL/pgSQL"),
    KIND(CreateSchemaStmt, "CREATE SCHEMA", Runs, "schema-quota counts schemas"),
    KIND(AlterTableStmt, "ALTER TABLE", BySubcommand, "each subcommand has a decision"),
    KIND(ReplicaIdentityStmt, "REPLICA IDENTITY", NotTopLevel, "only inside ALTER TABLE"),
    KIND(AlterCollationStmt, "ALTER COLLATION", Strip,
         "delete the statement: DSQL has only the C collation, so there is no collation version to refresh"),
    KIND(AlterDomainStmt, "ALTER DOMAIN", Runs, "DSQL supports domains"),
    KIND(GrantStmt, "GRANT/REVOKE", ByObject, "grants on tables, sequences, routines and schemas run"),
    KIND(GrantRoleStmt, "GRANT role TO role", Runs, "role membership, WITH ADMIN/INHERIT/SET included"),
    KIND(AlterDefaultPrivilegesStmt, "ALTER DEFAULT PRIVILEGES", Runs, "supported by DSQL"),
    KIND(CopyStmt, "COPY", Rule, "copy-file"),
    KIND(VariableSetStmt, "SET", Runs, "set-transaction looks at SET TRANSACTION and session characteristics"),
    KIND(VariableShowStmt, "SHOW", Runs, "reads a setting"),
    KIND(CreateStmt, "CREATE TABLE", Runs, "the CREATE TABLE rules look at its clauses"),
    KIND(CreateTableSpaceStmt, "CREATE TABLESPACE", Strip,
         "delete the statement: DSQL manages storage itself and has no tablespaces"),
    KIND(DropTableSpaceStmt, "DROP TABLESPACE", Strip, "delete the statement: DSQL has no tablespaces"),
    KIND(AlterTableSpaceOptionsStmt, "ALTER TABLESPACE", Strip, "delete the statement: DSQL has no tablespaces"),
    KIND(AlterTableMoveAllStmt, "ALTER ... ALL IN TABLESPACE", Strip, "delete the statement: DSQL has no tablespaces"),
    KIND(CreateExtensionStmt, "CREATE EXTENSION", Rule, "create-extension"),
    KIND(AlterExtensionStmt, "ALTER EXTENSION", Rule, "create-extension"),
    KIND(AlterExtensionContentsStmt, "ALTER EXTENSION ADD/DROP", Rule, "create-extension"),
    KIND(CreateFdwStmt, "CREATE FOREIGN DATA WRAPPER", Rule, "fdw-replication"),
    KIND(AlterFdwStmt, "ALTER FOREIGN DATA WRAPPER", Rule, "fdw-replication"),
    KIND(CreateForeignServerStmt, "CREATE SERVER", Rule, "fdw-replication"),
    KIND(AlterForeignServerStmt, "ALTER SERVER", Rule, "fdw-replication"),
    KIND(CreateForeignTableStmt, "CREATE FOREIGN TABLE", Rule, "fdw-replication"),
    KIND(CreateUserMappingStmt, "CREATE USER MAPPING", Rule, "fdw-replication"),
    KIND(AlterUserMappingStmt, "ALTER USER MAPPING", Rule, "fdw-replication"),
    KIND(DropUserMappingStmt, "DROP USER MAPPING", Rule, "fdw-replication"),
    KIND(ImportForeignSchemaStmt, "IMPORT FOREIGN SCHEMA", Rule, "fdw-replication"),
    KIND(CreatePolicyStmt, "CREATE POLICY", Rule, "rls"),
    KIND(AlterPolicyStmt, "ALTER POLICY", Rule, "rls"),
    KIND(CreateAmStmt, "CREATE ACCESS METHOD", Unsupported,
         "DSQL has one index access method of its own and no extensions to provide others: remove the statement "
         "and what uses the access method"),
    KIND(CreateTrigStmt, "CREATE TRIGGER", Rule, "create-trigger"),
    KIND(CreateEventTrigStmt, "CREATE EVENT TRIGGER", Rule, "create-trigger"),
    KIND(AlterEventTrigStmt, "ALTER EVENT TRIGGER", Rule, "create-trigger"),
    KIND(CreatePLangStmt, "CREATE LANGUAGE", Unsupported,
         "DSQL runs functions in SQL only: write the function in LANGUAGE sql, or move the logic to the application"),
    KIND(CreateRoleStmt, "CREATE ROLE", Rule, "role-attributes"),
    KIND(AlterRoleStmt, "ALTER ROLE", Rule, "role-attributes"),
    KIND(AlterRoleSetStmt, "ALTER ROLE ... SET", Rule, "role-attributes"),
    KIND(DropRoleStmt, "DROP ROLE", Runs, "supported by DSQL"),
    KIND(CreateSeqStmt, "CREATE SEQUENCE", Runs, "the sequence rules look at its options"),
    KIND(AlterSeqStmt, "ALTER SEQUENCE", Runs, "the sequence rules look at its options"),
    KIND(DefineStmt, "CREATE AGGREGATE/OPERATOR/TYPE/COLLATION/TEXT SEARCH ...", ByObject,
         "DSQL has none of these objects; CREATE TYPE is create-type's"),
    KIND(CreateDomainStmt, "CREATE DOMAIN", Runs, "supported by DSQL (a real cluster enforces its CHECK)"),
    KIND(CreateOpClassStmt, "CREATE OPERATOR CLASS", Unsupported,
         "DSQL has one index access method and no user-defined operator classes: remove the statement and the "
         "opclass from index keys"),
    KIND(CreateOpFamilyStmt, "CREATE OPERATOR FAMILY", Unsupported,
         "DSQL has no user-defined operator families: remove the statement"),
    KIND(AlterOpFamilyStmt, "ALTER OPERATOR FAMILY", Unsupported,
         "DSQL has no user-defined operator families: remove the statement"),
    KIND(DropStmt, "DROP", ByObject, "drops of tables, views, indexes, sequences, schemas, domains, functions run"),
    KIND(TruncateStmt, "TRUNCATE", Rule, "truncate"),
    KIND(CommentStmt, "COMMENT ON", ByObject, "comments on objects DSQL has run"),
    KIND(SecLabelStmt, "SECURITY LABEL", Unsupported,
         "DSQL has no label providers (sepgsql is an extension); access is granted with GRANT and IAM: remove the "
         "statement and express the policy as grants"),
    KIND(DeclareCursorStmt, "DECLARE CURSOR", Rule, "cursor-prepare-discard"),
    KIND(ClosePortalStmt, "CLOSE", Rule, "cursor-prepare-discard"),
    KIND(FetchStmt, "FETCH/MOVE", Rule, "cursor-prepare-discard"),
    KIND(IndexStmt, "CREATE INDEX", Runs, "the index rules rewrite it to CREATE INDEX ASYNC and look at its keys"),
    KIND(CreateStatsStmt, "CREATE STATISTICS", Runs, "create-statistics counts them per table"),
    KIND(AlterStatsStmt, "ALTER STATISTICS ... SET STATISTICS", Strip,
         "delete the statement: a statistics target is a planner hint, and DSQL rejects SET STATISTICS"),
    KIND(CreateFunctionStmt, "CREATE FUNCTION", Rule, "function-non-sql, create-procedure"),
    KIND(AlterFunctionStmt, "ALTER FUNCTION/ROUTINE", Runs, "DSQL has SQL functions and the ROUTINE commands"),
    KIND(DoStmt, "DO", Rule, "do-block, do-block-foreign-key, do-block-guarded"),
    KIND(CallStmt, "CALL", Rule, "create-procedure, wait-for-job-in-tx, call-subquery-argument"),
    KIND(RenameStmt, "ALTER ... RENAME", ByObject, "renames of objects DSQL has run"),
    KIND(AlterObjectDependsStmt, "ALTER ... DEPENDS ON EXTENSION", Unsupported,
         "DSQL has no extensions: remove the statement"),
    KIND(AlterObjectSchemaStmt, "ALTER ... SET SCHEMA", ByObject, "moving objects DSQL has runs"),
    KIND(AlterOwnerStmt, "ALTER ... OWNER TO", ByObject, "owners of objects DSQL has change"),
    KIND(AlterOperatorStmt, "ALTER OPERATOR", Unsupported, "DSQL has no user-defined operators: remove the statement"),
    KIND(AlterTypeStmt, "ALTER TYPE ... SET", Rule, "create-type"),
    KIND(RuleStmt, "CREATE RULE", Rule, "create-rule"),
    KIND(NotifyStmt, "NOTIFY", Rule, "listen-notify"),
    KIND(ListenStmt, "LISTEN", Rule, "listen-notify"),
    KIND(UnlistenStmt, "UNLISTEN", Rule, "listen-notify"),
    KIND(TransactionStmt, "BEGIN/COMMIT/ROLLBACK/SAVEPOINT", Runs, "savepoint and isolation-level look at the forms"),
    KIND(CompositeTypeStmt, "CREATE TYPE ... AS (...)", Rule, "create-type"),
    KIND(CreateEnumStmt, "CREATE TYPE ... AS ENUM", Rule, "enum-type"),
    KIND(CreateRangeStmt, "CREATE TYPE ... AS RANGE", Rule, "create-type"),
    KIND(AlterEnumStmt, "ALTER TYPE ... ADD/RENAME VALUE", Rule, "enum-type, create-type"),
    KIND(ViewStmt, "CREATE VIEW", Runs, "temp-view looks at TEMP views"),
    KIND(LoadStmt, "LOAD", Rule, "create-extension"),
    KIND(CreatedbStmt, "CREATE DATABASE", Rule, "create-database"),
    KIND(AlterDatabaseStmt, "ALTER DATABASE", Rule, "create-database"),
    KIND(AlterDatabaseRefreshCollStmt, "ALTER DATABASE ... REFRESH COLLATION VERSION", Rule, "create-database"),
    KIND(AlterDatabaseSetStmt, "ALTER DATABASE ... SET", Rule, "create-database"),
    KIND(DropdbStmt, "DROP DATABASE", Rule, "create-database"),
    KIND(AlterSystemStmt, "ALTER SYSTEM", Rule, "alter-system"),
    KIND(ClusterStmt, "CLUSTER", Strip,
         "delete the statement: DSQL keeps each table ordered by its primary key itself"),
    KIND(VacuumStmt, "VACUUM/ANALYZE", Rule, "vacuum, analyze-options"),
    KIND(ExplainStmt, "EXPLAIN", Runs, "supported by DSQL"),
    KIND(CreateTableAsStmt, "CREATE TABLE AS/CREATE MATERIALIZED VIEW", Rule,
         "create-table-as, materialized-view, temp-table, unlogged-table"),
    KIND(RefreshMatViewStmt, "REFRESH MATERIALIZED VIEW", Rule, "materialized-view"),
    KIND(CheckPointStmt, "CHECKPOINT", Strip, "delete the statement: DSQL manages durability itself"),
    KIND(DiscardStmt, "DISCARD", Rule, "cursor-prepare-discard"),
    KIND(LockStmt, "LOCK", Rule, "lock-table"),
    KIND(ConstraintsSetStmt, "SET CONSTRAINTS", Runs, "DSQL defers foreign keys"),
    KIND(ReindexStmt, "REINDEX", Strip,
         "delete the statement: DSQL maintains its indexes; an invalid index is dropped and built again with "
         "CREATE INDEX ASYNC"),
    KIND(CreateConversionStmt, "CREATE CONVERSION", Unsupported,
         "DSQL stores and serves UTF-8 only: remove the statement and convert in the client"),
    KIND(CreateCastStmt, "CREATE CAST", Unsupported,
         "DSQL has no user-defined casts: call a SQL function explicitly where the cast was implicit"),
    KIND(CreateTransformStmt, "CREATE TRANSFORM", Unsupported,
         "DSQL has no procedural languages to transform for: remove the statement"),
    KIND(PrepareStmt, "PREPARE", Rule, "cursor-prepare-discard"),
    KIND(ExecuteStmt, "EXECUTE", Rule, "cursor-prepare-discard"),
    KIND(DeallocateStmt, "DEALLOCATE", Rule, "cursor-prepare-discard"),
    KIND(DropOwnedStmt, "DROP OWNED", Unsupported,
         "(uncertain: not in DSQL's documented syntax) drop the role's objects by name, then DROP ROLE"),
    KIND(ReassignOwnedStmt, "REASSIGN OWNED", Unsupported,
         "(uncertain: not in DSQL's documented syntax) change owners one object at a time with ALTER ... OWNER TO"),
    KIND(AlterTSDictionaryStmt, "ALTER TEXT SEARCH DICTIONARY", Unsupported,
         "DSQL has no text search configuration: remove the statement"),
    KIND(AlterTSConfigurationStmt, "ALTER TEXT SEARCH CONFIGURATION", Unsupported,
         "DSQL has no text search configuration: remove the statement"),
    KIND(CreatePublicationStmt, "CREATE PUBLICATION", Rule, "fdw-replication"),
    KIND(AlterPublicationStmt, "ALTER PUBLICATION", Rule, "fdw-replication"),
    KIND(CreateSubscriptionStmt, "CREATE SUBSCRIPTION", Rule, "fdw-replication"),
    KIND(AlterSubscriptionStmt, "ALTER SUBSCRIPTION", Rule, "fdw-replication"),
    KIND(DropSubscriptionStmt, "DROP SUBSCRIPTION", Rule, "fdw-replication"),
    KIND(PlannedStmt, "a planned statement", NotTopLevel, "made by the planner, never by the parser"),
};

#undef KIND

constexpr size_t kTagLimit = 1024;
static_assert(T_PlannedStmt < kTagLimit);

}  // namespace

std::span<const StatementKind> statement_kinds() { return kStatementKinds; }

const StatementKind* find_statement_kind(NodeTag tag) {
  // Indexed by tag once: every statement of every file asks.
  static const auto by_tag = [] {
    std::array<const StatementKind*, kTagLimit> table{};
    for (const StatementKind& kind : kStatementKinds) table[static_cast<size_t>(kind.tag)] = &kind;
    return table;
  }();
  const auto index = static_cast<size_t>(tag);
  return index < by_tag.size() ? by_tag[index] : nullptr;
}

}  // namespace dsqlint
