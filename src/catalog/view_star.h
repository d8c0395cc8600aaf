#pragma once
#include <string>

#include "catalog/schema.h"

namespace dsqlint {

/// A view's query with each `*` and `t.*` of its select list written out as the columns
/// the catalog's tables have now, as PostgreSQL fixes them when it creates the view: a
/// column added later (or a table rebuilt with one) does not join the view. The query as
/// it is when a `*` reads anything else than known tables (a view, a subquery, a function,
/// a join USING or NATURAL) or the query is not one plain SELECT.
std::string expand_star(const std::string& query_sql, const Catalog& catalog);

}  // namespace dsqlint
