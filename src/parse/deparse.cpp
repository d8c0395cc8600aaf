#include "parse/deparse.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <unordered_map>

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

namespace {

/// `n` in decimal, written into `digits`: keys are built for most columns, and
/// std::to_string made a string of each number only to append it.
std::string_view decimal(long n, char (&digits)[24]) {
  return {digits, static_cast<size_t>(std::to_chars(digits, digits + sizeof digits, n).ptr - digits)};
}

/// Appends `text` to `key` after its length, so that no text can pass for two.
void append_part(std::string& key, char tag, std::string_view text) {
  char digits[24];
  key += tag;
  key += decimal(static_cast<long>(text.size()), digits);
  key += ':';
  key += text;
}

/// A key for what the deparser prints of a simple expression (a constant, a cast of one, a
/// plain function call of such: the defaults of most columns) appended to `key`; false
/// for anything else, which only the deparser can print.
bool expression_key(const Node* node, std::string& key) {
  if (!node) return false;
  switch (nodeTag(node)) {
    case T_A_Const: {
      const auto* constant = castNode(A_Const, const_cast<Node*>(node));
      if (constant->isnull) {
        key += 'N';
        return true;
      }
      switch (nodeTag(&constant->val)) {
        case T_Integer: {
          char digits[24];
          append_part(key, 'I', decimal(constant->val.ival.ival, digits));
          return true;
        }
        case T_Float: append_part(key, 'F', constant->val.fval.fval); return true;
        case T_Boolean: key += constant->val.boolval.boolval ? 'T' : 'f'; return true;
        case T_String: append_part(key, 'S', constant->val.sval.sval); return true;
        case T_BitString: append_part(key, 'B', constant->val.bsval.bsval); return true;
        default: return false;
      }
    }
    case T_TypeCast: {
      const auto* cast = castNode(TypeCast, const_cast<Node*>(node));
      std::string type;
      if (!cast->typeName || !type_key(cast->typeName, type)) return false;
      append_part(key, 'C', type);
      return expression_key(cast->arg, key);
    }
    case T_FuncCall: {
      const auto* call = castNode(FuncCall, const_cast<Node*>(node));
      if (call->agg_order || call->agg_filter || call->over || call->agg_within_group || call->agg_star ||
          call->agg_distinct || call->func_variadic)
        return false;
      char digits[24];
      append_part(key, 'P', decimal(static_cast<long>(call->funcformat), digits));
      const ListCell* cell;
      foreach (cell, call->funcname) {
        const auto* name = static_cast<const Node*>(lfirst(cell));
        if (!IsA(name, String)) return false;
        append_part(key, 'n', strVal(name));
      }
      key += '(';
      foreach (cell, call->args)
        if (!expression_key(static_cast<const Node*>(lfirst(cell)), key)) return false;
      key += ')';
      return true;
    }
    default: return false;
  }
}

std::string deparsed_expression(const Node* expression) {
  return after(deparse(select_of(const_cast<Node*>(expression))).value_or(""), "SELECT ");
}

}  // namespace

std::string expression_sql(const Node* expression) {
  if (!expression) return "";
  // Column defaults repeat (now(), gen_random_uuid(), false): each is deparsed once per thread.
  thread_local std::unordered_map<std::string, std::string> printed;
  thread_local std::string key;
  key.clear();
  if (!expression_key(expression, key)) return deparsed_expression(expression);
  if (const auto it = printed.find(key); it != printed.end()) return it->second;
  std::string sql = deparsed_expression(expression);
  if (printed.size() < 4096) printed.emplace(key, sql);
  return sql;
}

bool type_key(const TypeName* type, std::string& key) {
  if (type->setof || type->pct_type) return false;
  // Written into a buffer and assigned once: this runs for every column, and growing
  // the string piece by piece cost more than the lookup the key is for.
  char buffer[256];
  size_t size = 0;
  const auto put = [&](std::string_view part, char separator) {
    if (size + part.size() + 1 > sizeof buffer) return false;  // too long to be worth a key
    std::copy(part.begin(), part.end(), buffer + size);
    size += part.size();
    buffer[size++] = separator;
    return true;
  };
  char digits[24];
  const ListCell* cell;
  foreach (cell, type->names)
    if (!put(strVal(lfirst(cell)), '\x01')) return false;
  if (!put("", '\x02')) return false;
  foreach (cell, type->typmods) {
    const auto* node = static_cast<const Node*>(lfirst(cell));
    if (!IsA(node, A_Const) || castNode(A_Const, const_cast<Node*>(node))->isnull ||
        !IsA(&castNode(A_Const, const_cast<Node*>(node))->val, Integer) ||
        !put(decimal(castNode(A_Const, const_cast<Node*>(node))->val.ival.ival, digits), '\x01'))
      return false;
  }
  if (!put("", '\x02')) return false;
  foreach (cell, type->arrayBounds)
    if (!put(decimal(intVal(lfirst(cell)), digits), '\x01')) return false;
  key.assign(buffer, size);
  return true;
}

namespace {

std::string deparsed_type(const TypeName* type) {
  auto* cast = makeNode(TypeCast);
  auto* null = makeNode(A_Const);
  null->isnull = true;
  null->location = -1;
  cast->arg = reinterpret_cast<Node*>(null);
  cast->typeName = const_cast<TypeName*>(type);
  cast->location = -1;
  return after(deparse(select_of(reinterpret_cast<Node*>(cast))).value_or(""), "SELECT NULL::");
}

}  // namespace

std::string type_sql(const TypeName* type) {
  if (!type) return "";
  // Migrations use few types for many columns: each is deparsed once per thread.
  thread_local std::unordered_map<std::string, std::string> printed;
  thread_local std::string key;
  if (!type_key(type, key)) return deparsed_type(type);
  const auto it = printed.find(key);
  if (it != printed.end()) return it->second;
  std::string sql = deparsed_type(type);
  if (printed.size() < 4096) printed.emplace(key, sql);
  return sql;
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

std::vector<TypeName*> parse_types(ParsedFile& arena, const std::vector<std::string_view>& sql) {
  std::vector<TypeName*> out(sql.size());
  if (sql.empty()) return out;
  std::string select = "SELECT NULL::";
  for (size_t i = 0; i < sql.size(); ++i) select.append(i == 0 ? "" : ", NULL::").append(sql[i]);
  const auto* parsed = parsed_as<SelectStmt>(arena, select, T_SelectStmt);
  // A text that spilled into the next one (a comma, a comment) shows as another count of
  // targets or a target that is no cast; otherwise each is the node it gives alone.
  if (!parsed || parsed->fromClause || list_length(parsed->targetList) != static_cast<int>(sql.size())) return out;
  for (size_t i = 0; i < sql.size(); ++i) {
    Node* cast = castNode(ResTarget, list_nth(parsed->targetList, static_cast<int>(i)))->val;
    if (!cast || !IsA(cast, TypeCast)) return std::vector<TypeName*>(sql.size());
    out[i] = castNode(TypeCast, cast)->typeName;
  }
  return out;
}

List* parse_sequence_options(ParsedFile& arena, std::string_view sql) {
  auto* create = parsed_as<CreateSeqStmt>(arena, "CREATE SEQUENCE s " + std::string(sql), T_CreateSeqStmt);
  return create ? create->options : nullptr;
}

}  // namespace dsqlint
