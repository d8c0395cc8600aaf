#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct Node;
struct RangeVar;

// The columns and relations an expression or query names, read from its parse tree, and
// the same SQL with one of them renamed: how the schema model follows a RENAME into the
// expressions and view queries it keeps.
namespace dsqlint {

/// The columns an expression references by name (the last part of each reference), each
/// once, in order; nullopt when the tree cannot be walked.
std::optional<std::vector<std::string>> referenced_columns(const Node* expression);

/// The relations a query reads, as "schema.name" keys (public when unqualified), each once.
std::vector<std::string> referenced_relations(const Node* query);

/// A table's own expression (a CHECK, a generated column, an index key or predicate) as
/// SQL without the table's name in its column references ("users"."age" becomes "age"), as
/// PostgreSQL keeps it: Drizzle writes CHECKs qualified, and the qualified form no longer
/// reads the table once a rebuild or a rename gives it another name. `table` null: as is.
std::string own_expression_sql(const Node* expression, const RangeVar* table);

/// The expression `sql` with every reference to column `from` (unqualified, or qualified by
/// `table`) naming `to` instead; `sql` itself when nothing changes or it cannot be read.
std::string rename_column_in_expression(std::string_view sql, std::string_view table, std::string_view from,
                                        std::string_view to);

/// The query `sql` with every reference to relation `from_key` ("schema.name") naming
/// `to_name` instead; `sql` itself when nothing changes or it cannot be read.
std::string rename_relation_in_query(std::string_view sql, std::string_view from_key, std::string_view to_name);

/// The query `sql` with references to `table`.`from` naming `to`: qualified by the table
/// or its alias, or unqualified when the query reads only that table.
std::string rename_column_in_query(std::string_view sql, std::string_view table_key, std::string_view from,
                                   std::string_view to);

}  // namespace dsqlint
