#include "parse/deparse.h"

#include <cstdlib>
#include <memory>

#include "parse/pg.h"

extern "C" char* dsqlint_deparse(Node* statement);

namespace dsqlint {

namespace {

/// `text` without `prefix`, which the deparser writes before what the caller asked for.
std::string after(std::string text, std::string_view prefix) {
  return text.starts_with(prefix) ? text.substr(prefix.size()) : std::string();
}

/// The only statement of `sql` parsed into `arena`, when it is of type T.
template <typename T>
T* parsed_as(ParsedFile& arena, const std::string& sql, NodeTag tag) {
  const auto statement = parse_fragment(arena, sql, 0);
  if (!statement || !statement->node || nodeTag(statement->node) != tag) return nullptr;
  return reinterpret_cast<T*>(statement->node);
}

/// SELECT <expression>: a wrapper the deparser prints, built in the current parse memory.
Node* select_of(Node* expression) {
  auto* target = makeNode(ResTarget);
  target->val = expression;
  target->location = -1;
  auto* select = makeNode(SelectStmt);
  select->targetList = list_make1(target);
  return reinterpret_cast<Node*>(select);
}

}  // namespace

std::optional<std::string> deparse(Node* statement) {
  std::unique_ptr<char, decltype(&std::free)> text(dsqlint_deparse(statement), &std::free);
  if (!text) return std::nullopt;
  return std::string(text.get());
}

std::string expression_sql(const Node* expression) {
  if (!expression) return "";
  return after(deparse(select_of(const_cast<Node*>(expression))).value_or(""), "SELECT ");
}

std::string type_sql(const TypeName* type) {
  if (!type) return "";
  auto* cast = makeNode(TypeCast);
  auto* null = makeNode(A_Const);
  null->isnull = true;
  null->location = -1;
  cast->arg = reinterpret_cast<Node*>(null);
  cast->typeName = const_cast<TypeName*>(type);
  cast->location = -1;
  return after(deparse(select_of(reinterpret_cast<Node*>(cast))).value_or(""), "SELECT NULL::");
}

std::string sequence_options_sql(const List* options) {
  if (!options) return "";
  auto* create = makeNode(CreateSeqStmt);
  create->sequence = makeRangeVar(nullptr, const_cast<char*>("s"), -1);
  create->options = const_cast<List*>(options);
  std::string text = after(deparse(reinterpret_cast<Node*>(create)).value_or(""), "CREATE SEQUENCE s ");
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

Node* parse_expression(ParsedFile& arena, std::string_view sql) {
  auto* select = parsed_as<SelectStmt>(arena, "SELECT " + std::string(sql), T_SelectStmt);
  if (!select || list_length(select->targetList) != 1 || select->fromClause) return nullptr;
  return castNode(ResTarget, linitial(select->targetList))->val;
}

TypeName* parse_type(ParsedFile& arena, std::string_view sql) {
  Node* cast = parse_expression(arena, "NULL::" + std::string(sql));
  return cast && IsA(cast, TypeCast) ? castNode(TypeCast, cast)->typeName : nullptr;
}

List* parse_sequence_options(ParsedFile& arena, std::string_view sql) {
  auto* create = parsed_as<CreateSeqStmt>(arena, "CREATE SEQUENCE s " + std::string(sql), T_CreateSeqStmt);
  return create ? create->options : nullptr;
}

}  // namespace dsqlint
