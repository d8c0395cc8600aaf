#pragma once
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "lint/file_result.h"

namespace dsqlint {

/// Serial columns on DSQL, which has no serial type: apply creates an identity column in
/// its place (serial-type), whose sequence PostgreSQL names as it names a serial's. The
/// model keeps the column's serial type (a rebuild makes it an identity again); later
/// statements written for a serial are carried out on the identity, as Prisma writes them:
///  - ALTER COLUMN ... DROP DEFAULT (an autoincrement removed) runs as DROP IDENTITY, which
///    drops the sequence too; the column stays bigint, as DSQL made it;
///  - a change of the column's type to another integer keeps it an identity (PostgreSQL
///    keeps a serial's default), to any other type ends the identity and its sequence;
///  - DROP SEQUENCE of a sequence so gone does nothing (it is skipped), where it would fail.
class SerialEmulation {
 public:
  explicit SerialEmulation(const FileResult& file) : file_(file) {}

  /// Rewrites or skips `statement` as above, before the state rules see it.
  void before_rules(StatementResult& statement, const Catalog& catalog);
  /// Brings the model to what DSQL holds after the statement's changes were applied.
  void after_apply(const StatementResult& statement, Catalog& catalog) {
    if (!retyped_.empty()) end_identities(statement, catalog);
  }

 private:
  struct Retyped {
    std::string table, column;
    std::string sequence;  ///< its sequence's key, which a change that ends the identity ends
  };
  void end_identities(const StatementResult& statement, Catalog& catalog);

  const FileResult& file_;
  std::vector<Retyped> retyped_;  ///< serial columns the current statement changes
};

}  // namespace dsqlint
