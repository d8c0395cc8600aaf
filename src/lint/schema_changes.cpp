#include "lint/schema_changes.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "lint/names.h"
#include "lint/rule_helpers.h"
#include "lint/statement.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

std::string key_of(const RangeVar* relation) {
  return relation ? relation_key(relation->schemaname, relation->relname) : std::string();
}

/// A qualified name list (schema, name) as a key.
std::string key_of_names(const List* names) {
  if (!names) return "";
  const int n = list_length(names);
  const char* name = strVal(llast(names));
  const char* schema = n >= 2 ? strVal(list_nth(names, n - 2)) : nullptr;
  return relation_key(schema, name);
}

/// The text of [begin, end) without surrounding whitespace.
std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

/// The clauses of the first parenthesised list at or after `from` (a CREATE TABLE's
/// element list): for each, the span from its first to its last significant token.
std::vector<Span> list_elements(const Statement& stmt, uint32_t from) {
  std::vector<Span> out;
  const std::string_view text = stmt.file().text;
  Lexer lexer(text, from, stmt.span().end);
  int depth = 0;
  Span current{0, 0};
  bool open = false;
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant()) {
    if (token.kind == TokenKind::LParen && depth++ == 0) continue;
    if (depth == 0) continue;
    if ((token.kind == TokenKind::RParen && depth == 1) || (token.kind == TokenKind::Comma && depth == 1)) {
      if (open) out.push_back(current);
      open = false;
      if (token.kind == TokenKind::RParen) break;
      continue;
    }
    if (token.kind == TokenKind::RParen) --depth;
    if (!open) current.begin = token.span.begin, open = true;
    current.end = token.span.end;
  }
  return out;
}

/// The end of an ALTER TABLE subcommand starting at `from`: before the next comma at
/// depth 0, or at the statement end. Stops early at any of `stop_words` at depth 0.
uint32_t clause_end(const Statement& stmt, uint32_t from, std::initializer_list<std::string_view> stop_words = {}) {
  const std::string_view text = stmt.file().text;
  Lexer lexer(text, from, stmt.span().end);
  int depth = 0;
  uint32_t end = from;
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant()) {
    if (token.kind == TokenKind::LParen) ++depth;
    if (token.kind == TokenKind::RParen) --depth;
    if (depth == 0 && token.kind == TokenKind::Comma) break;
    if (depth == 0 && token.span.begin > from &&
        std::any_of(stop_words.begin(), stop_words.end(), [&](std::string_view w) { return is_word(text, token, w); }))
      break;
    end = token.span.end;
  }
  return end;
}

int32_t integer_typmod(const TypeName* type, int position) {
  if (!type || list_length(type->typmods) <= position) return -1;
  const Node* node = static_cast<const Node*>(list_nth(type->typmods, position));
  if (!node || nodeTag(node) != T_A_Const) return -1;
  const auto* constant = reinterpret_cast<const A_Const*>(node);
  return !constant->isnull && nodeTag(&constant->val) == T_Integer ? constant->val.ival.ival : -1;
}

/// The bytes a key of this type declares: fixed widths, or the length of varchar(n)/char(n).
int32_t declared_width(const std::string& type, const TypeName* type_name_node) {
  static const std::map<std::string, int32_t, std::less<>> fixed = {
      {"bool", 1},        {"int2", 2},   {"int4", 4},  {"int8", 8},       {"float4", 4},    {"float8", 8},
      {"serial", 4},      {"serial4", 4}, {"bigserial", 8}, {"serial8", 8}, {"smallserial", 2},
      {"serial2", 2},     {"uuid", 16},  {"date", 4},  {"time", 8},       {"timestamp", 8}, {"timestamptz", 8},
      {"oid", 4}};
  if (const auto it = fixed.find(type); it != fixed.end()) return it->second;
  if (type == "varchar" || type == "bpchar") return integer_typmod(type_name_node, 0);
  return -1;
}

/// Sequences a default expression takes values from: nextval('s'), possibly cast.
std::vector<std::string> nextval_sequences(const Node* expr) {
  if (!expr || nodeTag(expr) != T_FuncCall) return {};
  const auto* call = reinterpret_cast<const FuncCall*>(expr);
  if (std::string_view(strVal(llast(call->funcname))) != "nextval" || list_length(call->args) != 1) return {};
  const Node* arg = static_cast<const Node*>(linitial(call->args));
  if (arg && nodeTag(arg) == T_TypeCast) arg = reinterpret_cast<const TypeCast*>(arg)->arg;
  if (!arg || nodeTag(arg) != T_A_Const) return {};
  const auto* constant = reinterpret_cast<const A_Const*>(arg);
  if (constant->isnull || nodeTag(&constant->val) != T_String) return {};
  // regclass input: unquoted parts fold to lower case, quoted parts keep theirs.
  std::string text = constant->val.sval.sval, schema, name;
  std::string* part = &name;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    else if (c == '.' && !quoted) schema = std::move(name), name.clear();
    else *part += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return {relation_key(schema.empty() ? nullptr : schema.c_str(), name.c_str())};
}

ColumnModel column_model(const Statement& stmt, const ColumnDef* def, Span element) {
  const std::string_view text = stmt.file().text;
  ColumnModel column{.name = def->colname ? def->colname : "", .type = type_name(def->typeName)};
  column.width = declared_width(column.type, def->typeName);
  column.definition = trimmed(text.substr(element.begin, element.size()));
  uint32_t type_end = element.end;
  const ListCell* cell;
  foreach (cell, def->constraints) {
    const auto* constraint = static_cast<const Constraint*>(lfirst(cell));
    if (constraint->location >= 0) type_end = std::min(type_end, stmt.offset(constraint->location));
    if (constraint->contype == CONSTR_NOTNULL || constraint->contype == CONSTR_PRIMARY) column.not_null = true;
    if (constraint->contype == CONSTR_DEFAULT) column.sequences = nextval_sequences(constraint->raw_expr);
  }
  if (def->collClause && def->collClause->location >= 0)
    type_end = std::min(type_end, stmt.offset(def->collClause->location));
  if (def->typeName && def->typeName->location >= 0) {
    const uint32_t type_begin = stmt.offset(def->typeName->location);
    if (type_begin < type_end) column.type_sql = trimmed(text.substr(type_begin, type_end - type_begin));
  }
  return column;
}

std::vector<std::string> string_list(const List* list) {
  std::vector<std::string> out;
  const ListCell* cell;
  foreach (cell, list) out.emplace_back(strVal(lfirst(cell)));
  return out;
}

IndexModel constraint_index(const Constraint* constraint, std::vector<std::string> columns, std::string definition) {
  return IndexModel{.name = constraint->conname ? constraint->conname : (constraint->indexname ? constraint->indexname : ""),
                    .columns = std::move(columns),
                    .unique = true,
                    .primary = constraint->contype == CONSTR_PRIMARY,
                    .definition = std::move(definition)};
}

bool is_index_constraint(const Constraint* constraint) {
  return constraint->contype == CONSTR_PRIMARY || constraint->contype == CONSTR_UNIQUE;
}

SchemaChange create_table(const Statement& stmt, const CreateStmt* create) {
  SchemaChange change{.kind = Kind::CreateTable, .table = key_of(create->relation), .span = stmt.span()};
  TableModel& table = change.created;
  table.schema = create->relation->schemaname ? create->relation->schemaname : "public";
  table.name = create->relation->relname;
  if (!create->tableElts) return change;
  const std::vector<Span> elements = list_elements(stmt, stmt.offset(create->relation->location));
  const std::string_view text = stmt.file().text;
  auto element_at = [&](int location) {
    const uint32_t at = stmt.offset(location);
    for (const Span& span : elements)
      if (span.begin <= at && at < span.end) return span;
    return Span{at, at};
  };
  const ListCell* cell;
  foreach (cell, create->tableElts) {
    const auto* node = static_cast<const Node*>(lfirst(cell));
    if (nodeTag(node) == T_ColumnDef) {
      const auto* def = reinterpret_cast<const ColumnDef*>(node);
      const Span element = element_at(def->location);
      table.columns.push_back(column_model(stmt, def, element));
      const ListCell* inner;
      foreach (inner, def->constraints) {
        const auto* constraint = static_cast<const Constraint*>(lfirst(inner));
        if (is_index_constraint(constraint))
          table.indexes.push_back(constraint_index(constraint, {def->colname}, table.columns.back().definition));
      }
    } else if (nodeTag(node) == T_Constraint) {
      const auto* constraint = reinterpret_cast<const Constraint*>(node);
      const Span element = element_at(constraint->location);
      std::string definition = trimmed(text.substr(element.begin, element.size()));
      if (is_index_constraint(constraint))
        table.indexes.push_back(constraint_index(constraint, string_list(constraint->keys), std::move(definition)));
      else
        table.constraints.push_back(std::move(definition));
    }
  }
  table.lifetime_columns = static_cast<unsigned>(table.columns.size());
  return change;
}

SchemaChange create_index(const Statement& stmt, const IndexStmt* index) {
  SchemaChange change{.kind = Kind::CreateIndex, .table = key_of(index->relation), .span = stmt.span()};
  change.index.name = index->idxname ? index->idxname : "";
  change.index.unique = index->unique;
  change.index.definition = std::string(stmt.text());
  const ListCell* cell;
  foreach (cell, index->indexParams) {
    const auto* elem = static_cast<const IndexElem*>(lfirst(cell));
    change.index.columns.emplace_back(elem->name ? elem->name : "");
  }
  return change;
}

/// The text after the top-level word `keyword` in `clause`, trimmed; empty when absent.
std::string text_after_word(const Statement& stmt, Span clause, std::string_view keyword) {
  const std::string_view text = stmt.file().text;
  Lexer lexer(text, clause.begin, clause.end);
  int depth = 0;
  for (Token token = lexer.next_significant(); token.kind != TokenKind::End; token = lexer.next_significant()) {
    depth += token.kind == TokenKind::LParen ? 1 : token.kind == TokenKind::RParen ? -1 : 0;
    if (depth == 0 && is_word(text, token, keyword)) return trimmed(text.substr(token.span.end, clause.end - token.span.end));
  }
  return "";
}

SchemaChange add_column(const Statement& stmt, const ColumnDef* def, SchemaChange change) {
  const uint32_t begin = stmt.offset(def->location);
  change.kind = Kind::AddColumn;
  change.column = column_model(stmt, def, Span{begin, clause_end(stmt, begin)});
  for (const Constraint* constraint : list_nodes<Constraint>(def->constraints, T_Constraint))
    if (is_index_constraint(constraint))
      change.created.indexes.push_back(constraint_index(constraint, {change.column.name}, change.column.definition));
  return change;
}

SchemaChange alter_column_type(const Statement& stmt, const ColumnDef* def, SchemaChange change) {
  const std::string_view text = stmt.file().text;
  change.kind = Kind::AlterColumnType;
  change.column.name = change.name;
  change.column.type = type_name(def->typeName);
  change.column.width = declared_width(change.column.type, def->typeName);
  if (def->typeName && def->typeName->location >= 0) {
    const uint32_t begin = stmt.offset(def->typeName->location);
    change.column.type_sql = trimmed(text.substr(begin, clause_end(stmt, begin, {"USING", "COLLATE"}) - begin));
  }
  if (def->collClause && def->collClause->location >= 0) {
    const uint32_t begin = stmt.offset(def->collClause->location);
    change.clause = trimmed(text.substr(begin, clause_end(stmt, begin, {"USING"}) - begin));
  }
  return change;
}

void alter_table(const Statement& stmt, const AlterTableStmt* alter, std::vector<SchemaChange>& out) {
  const std::string table = key_of(alter->relation);
  const std::string_view text = stmt.file().text;
  const std::vector<const AlterTableCmd*> commands = alter_commands(alter);
  const std::vector<Span> clauses = alter_subcommand_spans(stmt, alter);
  for (size_t i = 0; i < commands.size(); ++i) {
    const AlterTableCmd* cmd = commands[i];
    SchemaChange change{.table = table, .name = cmd->name ? cmd->name : "", .span = stmt.span()};
    switch (cmd->subtype) {
      case AT_AddColumn: change = add_column(stmt, reinterpret_cast<const ColumnDef*>(cmd->def), std::move(change)); break;
      case AT_DropColumn: change.kind = Kind::DropColumn; break;
      case AT_AlterColumnType:
        change = alter_column_type(stmt, reinterpret_cast<const ColumnDef*>(cmd->def), std::move(change));
        break;
      case AT_ColumnDefault:
        change.kind = Kind::SetColumnDefault;
        change.column.name = change.name;
        change.column.sequences = nextval_sequences(cmd->def);
        if (cmd->def && clauses.size() == commands.size()) change.clause = text_after_word(stmt, clauses[i], "DEFAULT");
        break;
      case AT_SetNotNull: change.kind = Kind::SetNotNull; break;
      case AT_DropNotNull: change.kind = Kind::DropNotNull; break;
      case AT_AddConstraint: {
        const auto* constraint = reinterpret_cast<const Constraint*>(cmd->def);
        const uint32_t begin = stmt.offset(constraint->location);
        std::string definition = trimmed(text.substr(begin, clause_end(stmt, begin) - begin));
        if (is_index_constraint(constraint)) {
          change.kind = Kind::AddIndexConstraint;
          change.index = constraint_index(constraint, string_list(constraint->keys), std::move(definition));
        } else {
          change.kind = Kind::AddConstraint;
          change.name = constraint->conname ? constraint->conname : "";
          change.new_name = std::move(definition);
        }
        break;
      }
      case AT_ValidateConstraint: change.kind = Kind::ValidateConstraint; break;
      case AT_DropConstraint: change.kind = Kind::DropConstraint; break;
      case AT_EnableRowSecurity:
      case AT_ForceRowSecurity: change.kind = Kind::EnableRls; break;
      default: continue;
    }
    out.push_back(std::move(change));
  }
}

void rename(const RenameStmt* rename, const Statement& stmt, std::vector<SchemaChange>& out) {
  const std::string new_name = rename->newname ? rename->newname : "";
  switch (rename->renameType) {
    case OBJECT_TABLE:
      out.push_back({.kind = Kind::RenameTable, .table = key_of(rename->relation), .name = new_name, .span = stmt.span()});
      break;
    case OBJECT_COLUMN:
      out.push_back({.kind = Kind::RenameColumn,
                     .table = key_of(rename->relation),
                     .name = rename->subname ? rename->subname : "",
                     .new_name = new_name,
                     .span = stmt.span()});
      break;
    case OBJECT_INDEX:
      out.push_back({.kind = Kind::RenameIndex, .name = key_of(rename->relation), .new_name = new_name, .span = stmt.span()});
      break;
    case OBJECT_TABCONSTRAINT:
      out.push_back({.kind = Kind::RenameConstraint,
                     .table = key_of(rename->relation),
                     .name = rename->subname ? rename->subname : "",
                     .new_name = new_name,
                     .span = stmt.span()});
      break;
    default: break;
  }
}

void drop(const DropStmt* drop, const Statement& stmt, std::vector<SchemaChange>& out) {
  Kind kind;
  switch (drop->removeType) {
    case OBJECT_TABLE: kind = Kind::DropTable; break;
    case OBJECT_INDEX: kind = Kind::DropIndex; break;
    case OBJECT_SEQUENCE: kind = Kind::DropSequence; break;
    case OBJECT_SCHEMA: kind = Kind::DropSchema; break;
    default: return;
  }
  const ListCell* cell;
  foreach (cell, drop->objects) {
    const auto* object = static_cast<const Node*>(lfirst(cell));
    std::string key = nodeTag(object) == T_List ? key_of_names(reinterpret_cast<const List*>(object)) : strVal(object);
    SchemaChange change{.kind = kind, .span = stmt.span()};
    (kind == Kind::DropIndex ? change.name : change.table) = std::move(key);
    out.push_back(std::move(change));
  }
}

}  // namespace

std::vector<Span> alter_subcommand_spans(const Statement& stmt, const AlterTableStmt* alter) {
  const std::string_view text = stmt.file().text;
  Lexer lexer(text, stmt.offset(alter->relation->location), stmt.span().end);
  Token token = lexer.next_significant();
  while (token.kind == TokenKind::Word || token.kind == TokenKind::QuotedIdent) {  // the (qualified) table name
    token = lexer.next_significant();
    if (token.kind != TokenKind::Dot) break;
    token = lexer.next_significant();
  }
  if (token.kind == TokenKind::Operator && text.substr(token.span.begin, token.span.size()) == "*") token = lexer.next_significant();
  std::vector<Span> out;
  std::optional<Span> current;
  int depth = 0;
  for (; token.kind != TokenKind::End && token.kind != TokenKind::Semicolon; token = lexer.next_significant()) {
    if (token.kind == TokenKind::Comma && depth == 0) {
      if (current) out.push_back(*current);
      current.reset();
      continue;
    }
    depth += token.kind == TokenKind::LParen ? 1 : token.kind == TokenKind::RParen ? -1 : 0;
    if (current) current->end = token.span.end;
    else current = token.span;
  }
  if (current) out.push_back(*current);
  return out;
}

std::string relation_key(const char* schema, const char* name) {
  return std::string(schema ? schema : "public") + "." + (name ? name : "");
}

std::vector<SchemaChange> schema_changes(const Statement& stmt) {
  std::vector<SchemaChange> out;
  const Node* node = stmt.node();
  if (!node || stmt.kind() != SyntaxKind::Postgres) return out;
  switch (nodeTag(node)) {
    case T_CreateStmt: out.push_back(create_table(stmt, reinterpret_cast<const CreateStmt*>(node))); break;
    case T_IndexStmt: out.push_back(create_index(stmt, reinterpret_cast<const IndexStmt*>(node))); break;
    case T_AlterTableStmt: {
      const auto* alter = reinterpret_cast<const AlterTableStmt*>(node);
      if (alter->objtype == OBJECT_TABLE) alter_table(stmt, alter, out);
      break;
    }
    case T_RenameStmt: rename(reinterpret_cast<const RenameStmt*>(node), stmt, out); break;
    case T_DropStmt: drop(reinterpret_cast<const DropStmt*>(node), stmt, out); break;
    case T_CreateSeqStmt:
      out.push_back({.kind = Kind::CreateSequence, .table = key_of(reinterpret_cast<const CreateSeqStmt*>(node)->sequence),
                     .span = stmt.span()});
      break;
    case T_CreateSchemaStmt: {
      const auto* schema = reinterpret_cast<const CreateSchemaStmt*>(node);
      if (schema->schemaname) out.push_back({.kind = Kind::CreateSchema, .table = schema->schemaname, .span = stmt.span()});
      break;
    }
    case T_CreatePolicyStmt:
      out.push_back({.kind = Kind::CreatePolicy, .table = key_of(reinterpret_cast<const CreatePolicyStmt*>(node)->table),
                     .span = stmt.span()});
      break;
    case T_AlterPolicyStmt:
      out.push_back({.kind = Kind::CreatePolicy, .table = key_of(reinterpret_cast<const AlterPolicyStmt*>(node)->table),
                     .span = stmt.span()});
      break;
    case T_CreateStatsStmt: {
      const auto* stats = reinterpret_cast<const CreateStatsStmt*>(node);
      const ListCell* cell;
      foreach (cell, stats->relations) {
        const auto* relation = static_cast<const Node*>(lfirst(cell));
        if (nodeTag(relation) == T_RangeVar)
          out.push_back({.kind = Kind::CreateStatistics, .table = key_of(reinterpret_cast<const RangeVar*>(relation)),
                         .span = stmt.span()});
      }
      break;
    }
    default: break;
  }
  return out;
}

}  // namespace dsqlint
