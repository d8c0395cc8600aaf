#pragma once

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
