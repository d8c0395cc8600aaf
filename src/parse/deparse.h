#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/parsed_file.h"

struct Node;
struct TypeName;
struct List;

// PostgreSQL 16's deparser (libpg_query), the one way SQL text comes out of parse nodes: the
// schema model keeps expressions and types in its canonical form, and renders definitions
// by building node trees and deparsing them.
namespace dsqlint {

/// The SQL of a statement node; nullopt when the deparser cannot print it.
std::optional<std::string> deparse(Node* statement);

/// An expression as SQL ("now()", "(a > 0)"); empty when it cannot be printed.
std::string expression_sql(const Node* expression);

/// A type name as SQL ("varchar(255)", "timestamp(3) with time zone", "text[]").
std::string type_sql(const TypeName* type);

/// A key for what the deparser prints of a type, written into `key` (its room reused):
/// its names, integer modifiers and array bounds. False when the type has anything else
/// (%TYPE, SETOF, an expression as modifier), which only the deparser can tell apart, and
/// for a name over 200-odd bytes, not worth keeping as a key.
bool type_key(const TypeName* type, std::string& key);

/// Sequence or identity options as SQL ("CACHE 1 START 5"); empty for none.
std::string sequence_options_sql(const List* options);

/// The node of an expression written in `sql`, parsed into `arena`'s memory; null when
/// `sql` is not one expression.
Node* parse_expression(ParsedFile& arena, std::string_view sql);

/// The node of a type written in `sql`, parsed into `arena`'s memory.
TypeName* parse_type(ParsedFile& arena, std::string_view sql);

/// The nodes of several types, each as parse_type gives it, in one parse (a table's
/// columns: a parse each cost more than the types themselves); all null when the texts
/// do not read as that many types.
std::vector<TypeName*> parse_types(ParsedFile& arena, const std::vector<std::string_view>& sql);

/// The options of `CREATE SEQUENCE s <sql>`, parsed into `arena`'s memory.
List* parse_sequence_options(ParsedFile& arena, std::string_view sql);

}  // namespace dsqlint
