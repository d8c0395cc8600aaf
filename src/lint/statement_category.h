#pragma once

#include <string>
#include <vector>

struct Node;

namespace dsqlint {

/// How DSQL's transaction rules see a statement.
enum class StatementCategory {
  Ddl,          ///< schema changes, GRANT/REVOKE included (one per transaction)
  Dml,          ///< INSERT, UPDATE, DELETE, MERGE, COPY FROM
  Query,        ///< SELECT, SHOW, EXPLAIN
  Transaction,  ///< BEGIN, COMMIT, ROLLBACK, SAVEPOINT ...
  Other,        ///< SET, CALL, DO, and statements that change no schema
};

StatementCategory categorize(const Node* node);

}  // namespace dsqlint

namespace dsqlint {

/// PostgreSQL refuses to run it inside a transaction block (CREATE/DROP INDEX
/// CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM ...), so apply cannot wrap the
/// file it is in into one transaction.
bool runs_outside_transaction(const Node* node);

/// The table whose rows a statement writes (INSERT, UPDATE, DELETE, MERGE, COPY FROM,
/// TRUNCATE) as "schema.name"; "*" when it cannot tell (DO, CALL); empty when it writes none.
std::string written_relation(const Node* node);

/// The tables a statement that copies rows from a query reads (INSERT ... SELECT, UPDATE ...
/// FROM, DELETE ... USING, MERGE, CREATE TABLE AS, SELECT INTO), as "schema.name" keys;
/// empty for any other statement. Such a statement sees the table's columns as they stand.
std::vector<std::string> read_relations(const Node* node);

}  // namespace dsqlint
