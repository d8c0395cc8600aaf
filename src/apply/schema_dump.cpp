#include "apply/schema_dump.h"

namespace dsqlint {

namespace {

constexpr const char* kUserRelations =
    "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relname NOT LIKE '\\_\\_mantle\\_%'";

void append_rows(std::string& out, const QueryResult& result, const char* prefix) {
  for (const Row& row : result.rows) {
    out += prefix;
    for (size_t i = 0; i < row.size(); ++i) out += (i ? " " : "") + row[i].value_or("NULL");
    out += "\n";
  }
}

}  // namespace

std::string dump_schema(Session& session) {
  std::string out;
  append_rows(out,
              session.exec(std::string("SELECT n.nspname || '.' || c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
                                       "CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END, "
                                       "coalesce('DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') "
                                       "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                       "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                                       "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
                                       "WHERE c.relkind IN ('r', 'p', 'v') AND ") +
                           kUserRelations + " ORDER BY 1, a.attnum"),
              "column ");
  append_rows(out,
              session.exec(std::string("SELECT n.nspname || '.' || c.relname, co.conname, pg_get_constraintdef(co.oid) "
                                       "FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid "
                                       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ") +
                           kUserRelations + " ORDER BY 1, 2"),
              "constraint ");
  append_rows(out,
              session.exec(std::string("SELECT pg_get_indexdef(i.indexrelid), CASE WHEN i.indisvalid THEN '' ELSE 'INVALID' END "
                                       "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                                       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ") +
                           kUserRelations + " ORDER BY 1"),
              "index ");
  append_rows(out,
              session.exec("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE c.relkind = 'S' AND " + std::string(kUserRelations) + " ORDER BY 1"),
              "sequence ");
  return out;
}

}  // namespace dsqlint
