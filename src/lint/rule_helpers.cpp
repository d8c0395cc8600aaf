#include "lint/rule_helpers.h"

#include <array>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "lint/names.h"

namespace dsqlint {

NodesOf<ColumnDef> column_defs(const CreateStmt* create) {
  return list_nodes<ColumnDef>(create ? create->tableElts : NIL, T_ColumnDef);
}

NodesOf<AlterTableCmd> alter_commands(const AlterTableStmt* alter) {
  return list_nodes<AlterTableCmd>(alter ? alter->cmds : NIL, T_AlterTableCmd);
}

const Constraint* column_constraint(const ColumnDef* column, ConstrType type) {
  if (!column) return nullptr;
  ListCell* cell;  // walked in place: this runs for every column of every CREATE TABLE
  foreach (cell, column->constraints) {
    const Node* node = static_cast<const Node*>(lfirst(cell));
    if (IsA(node, Constraint) && reinterpret_cast<const Constraint*>(node)->contype == type)
      return reinterpret_cast<const Constraint*>(node);
  }
  return nullptr;
}

const DefElem* find_option(const List* options, std::string_view name) {
  for (const DefElem* option : list_nodes<DefElem>(options, T_DefElem))
    if (option->defname && option->defname == name) return option;
  return nullptr;
}

std::optional<int64_t> option_integer(const DefElem* option) {
  if (!option || !option->arg) return std::nullopt;
  if (IsA(option->arg, Integer)) return intVal(option->arg);
  // Numbers beyond int32 arrive as Float nodes holding the digits.
  if (IsA(option->arg, Float)) {
    const std::string_view digits = castNode(Float, option->arg)->fval;
    int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc() && end == digits.data() + digits.size()) return value;
  }
  return std::nullopt;
}

std::string option_word(const DefElem* option) {
  if (!option || !option->arg || !IsA(option->arg, String)) return "";
  std::string out = strVal(option->arg);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_serial_type(const TypeName* type) {
  if (!type || list_length(type->names) != 1 || type->pct_type || type->arrayBounds != NIL) return false;
  static constexpr std::array<std::string_view, 6> kSerials{"serial",  "serial4",     "bigserial",
                                                            "serial8", "smallserial", "serial2"};
  const std::string_view name = strVal(linitial(type->names));  // type_name(), without building a string
  for (const std::string_view serial : kSerials)
    if (name == serial) return true;
  return false;
}

bool is_narrow_integer_type(const TypeName* type) {
  if (!type || type->arrayBounds != NIL || type->pct_type || list_length(type->names) == 0) return false;
  const std::string_view name = strVal(llast(type->names));  // type_name(), without building a string
  return name == "int2" || name == "int4" || name == "smallint" || name == "integer";
}

std::optional<Token> token_at(const Statement& stmt, uint32_t offset) {
  Lexer lexer(stmt.file().text, offset, stmt.span().end);
  const Token token = lexer.next_significant();
  if (token.kind == TokenKind::End) return std::nullopt;
  return token;
}

Span type_span(const Statement& stmt, const TypeName* type) {
  const uint32_t begin = stmt.offset(type ? type->location : -1);
  Lexer lexer(stmt.file().text, begin, stmt.span().end);
  Token token = lexer.next_significant();
  Span span{token.span.begin, token.span.begin};
  while (token.kind == TokenKind::Word || token.kind == TokenKind::QuotedIdent) {
    span.end = token.span.end;
    token = lexer.next_significant();
    if (token.kind != TokenKind::Dot) break;
    token = lexer.next_significant();
  }
  return span;
}

std::optional<Span> number_after_keyword(const Statement& stmt, const DefElem* option) {
  if (!option || option->location < 0) return std::nullopt;
  const auto keyword = token_at(stmt, stmt.offset(option->location));
  if (!keyword) return std::nullopt;
  auto value = token_at(stmt, keyword->span.end);
  if (!value) return std::nullopt;
  const uint32_t begin = value->span.begin;
  if (value->kind == TokenKind::Operator) value = token_at(stmt, value->span.end);  // + or -
  if (!value || value->kind != TokenKind::Number) return std::nullopt;
  return Span{begin, value->span.end};
}

std::optional<Edit> add_identity_cache(const Statement& stmt, const Constraint* identity) {
  if (!identity) return std::nullopt;
  const auto keyword = stmt.find_word("IDENTITY", stmt.offset(identity->location));
  if (!keyword) return std::nullopt;
  const auto next = token_at(stmt, keyword->span.end);
  if (!next || next->kind != TokenKind::LParen) return Edit{Span{keyword->span.end, keyword->span.end}, " (CACHE 1)"};
  Lexer lexer(stmt.file().text, next->span.end, stmt.span().end);
  int depth = 1;
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant()) {
    depth += token.kind == TokenKind::LParen;
    depth -= token.kind == TokenKind::RParen;
    if (depth == 0) return Edit{Span{token.span.begin, token.span.begin}, " CACHE 1"};
  }
  return std::nullopt;
}

std::vector<IdentityColumn> identity_columns(const Statement& stmt) {
  std::vector<IdentityColumn> out;
  if (const auto* create = stmt.as<CreateStmt>()) {
    for (const ColumnDef* column : column_defs(create))
      if (const Constraint* identity = column_constraint(column, CONSTR_IDENTITY))
        out.push_back({identity, column, column->colname ? column->colname : "?", create->relation});
  }
  if (const auto* alter = stmt.as<AlterTableStmt>()) {
    for (const AlterTableCmd* command : alter_commands(alter))
      if (command->subtype == AT_AddIdentity && command->def && IsA(command->def, Constraint))
        out.push_back(
            {castNode(Constraint, command->def), nullptr, command->name ? command->name : "?", alter->relation});
  }
  return out;
}

Span identity_span(const Statement& stmt, const Constraint* identity) {
  const uint32_t begin = stmt.offset(identity ? identity->location : -1);
  const auto keyword = stmt.find_word("IDENTITY", begin);
  if (!keyword) return stmt.span();
  const auto first = token_at(stmt, begin);
  return Span{first ? first->span.begin : begin, keyword->span.end};
}

std::vector<SequenceOptions> sequence_options(const Statement& stmt) {
  std::vector<SequenceOptions> out;
  if (const auto* create = stmt.as<CreateSeqStmt>())
    out.push_back({create->options, "sequence " + display_name(create->sequence)});
  if (const auto* alter = stmt.as<AlterSeqStmt>())
    out.push_back({alter->options, "sequence " + display_name(alter->sequence)});
  for (const IdentityColumn& column : identity_columns(stmt))
    out.push_back({column.identity->options,
                   fmt::format("identity column {} of table {}", column.name, display_name(column.table))});
  if (const auto* alter = stmt.as<AlterTableStmt>()) {
    for (const AlterTableCmd* command : alter_commands(alter))
      if (command->subtype == AT_SetIdentity && command->def && IsA(command->def, List))
        out.push_back({castNode(List, command->def),
                       fmt::format("identity column {} of table {}", command->name ? command->name : "?",
                                   display_name(alter->relation))});
  }
  return out;
}

std::string dotted_name(const List* names) {
  std::string out;
  for (const String* part : list_nodes<String>(names, T_String))
    out += (out.empty() ? "" : ".") + std::string(part->sval);
  return out;
}

std::string dropped_objects_on_tables(const DropStmt* drop) {
  std::string out;
  for (const List* names : list_nodes<List>(drop->objects, T_List)) {
    const auto parts = list_nodes<String>(names, T_String).to_vector();
    if (parts.empty()) continue;
    std::string table;
    for (size_t i = 0; i + 1 < parts.size(); ++i) table += (i ? "." : "") + std::string(parts[i]->sval);
    out += fmt::format("{}{} on table {}", out.empty() ? "" : ", ", parts.back()->sval, table);
  }
  return out;
}

std::string column_list(const std::vector<std::string>& names) {
  std::string out = names.size() == 1 ? "column " : "columns ";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

}  // namespace dsqlint

namespace dsqlint {

std::vector<std::string> altered_columns(const AlterTableStmt* alter, AlterTableType subtype) {
  std::vector<std::string> columns;
  for (const AlterTableCmd* command : alter_commands(alter))
    if (command->subtype == subtype && command->name) columns.emplace_back(command->name);
  return columns;
}

}  // namespace dsqlint
