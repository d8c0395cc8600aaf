#pragma once
#include "catalog/schema.h"
#include "lint/file_result.h"

namespace dsqlint {

/// An ALTER COLUMN ... TYPE that gives each column the type and collation it has, without
/// USING: PostgreSQL changes nothing, and the rebuild DSQL needs for a real change would
/// copy the whole table for nothing. Its alter-column-type finding becomes a STRIP one, and
/// apply skips the statement. Reads the catalog as the statements before it left it.
void skip_unchanged_types(StatementResult& statement, const Catalog& catalog);

}  // namespace dsqlint
