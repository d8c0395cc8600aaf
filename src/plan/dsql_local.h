#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace dsqlint {

/// How dsql-local runs one DSQL statement on plain PostgreSQL: the statement with DSQL's
/// own keywords taken out (`CREATE INDEX ASYNC`, `ALTER TABLE ASYNC`), or nothing with
/// the reason, for what exists only on DSQL (`AWS IAM GRANT/REVOKE`, `sys.wait_for_job`).
struct LocalStatement {
  std::optional<std::string> sql;
  std::string skipped_because;
};

LocalStatement translate_for_postgres(std::string_view dsql_statement);

}  // namespace dsqlint
