#include "plan/recreation_spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/source_file.h"
#include "lint/rule_helpers.h"
#include "plan/recreation_alter.h"
#include "plan/sql_quote.h"

namespace dsqlint {

namespace {

using namespace recreation;

constexpr size_t kMaxName = 63;  // NAMEDATALEN - 1

/// The longest prefix of `text` of at most `bytes` bytes that ends at a character boundary.
size_t clip(std::string_view text, size_t bytes) {
  if (bytes >= text.size()) return text.size();
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return bytes;
}

/// `name` shortened so that `name + tail` fits in an identifier.
std::string with_tail(std::string_view name, std::string_view tail) {
  return std::string(name.substr(0, clip(name, kMaxName - tail.size()))) + std::string(tail);
}

std::string render(const Clause& clause) {
  if (!clause.temp_name.empty()) return "CONSTRAINT " + quote_identifier(clause.temp_name) + " " + clause.body;
  if (!clause.name.empty()) return "CONSTRAINT " + quote_identifier(clause.name) + " " + clause.body;
  return clause.body;
}

/// The name an unnamed CREATE INDEX got (ChooseIndexName): table_columns_idx.
std::string index_name(const IndexStmt* index, const std::string& table, std::set<std::string>& used) {
  std::vector<std::string> columns;
  for (const List* list : {index->indexParams, index->indexIncludingParams})
    for (const IndexElem* elem : list_nodes<IndexElem>(list, T_IndexElem)) {
      if (elem->name) columns.emplace_back(elem->name);
      else if (elem->expr && IsA(elem->expr, FuncCall)) columns.emplace_back(strVal(llast(castNode(FuncCall, elem->expr)->funcname)));
      else columns.emplace_back("expr");
    }
  std::string name2 = joined(columns, "_");
  for (int pass = 0;; ++pass) {
    std::string name = object_name(table, name2, pass ? "idx" + std::to_string(pass) : "idx");
    if (used.insert(name).second) return name;
  }
}

Result<RecreatedIndex> recreated_index(const std::string& definition, TableDraft& draft, const RecreationSpec& spec,
                                       std::string_view tail) {
  const SourceFile file = make_source("index", definition);
  const ParsedFile parsed = parse_file(file);
  if (parsed.statements.size() != 1 || !parsed.statements[0].node || !IsA(parsed.statements[0].node, IndexStmt))
    return Error{"cannot read the index definition " + definition};
  const Statement stmt(parsed.statements[0], file, 1);
  const auto* index = stmt.as<IndexStmt>();
  RecreatedIndex out;
  out.final_name = index->idxname ? index->idxname : index_name(index, draft.table, draft.used_names);
  out.temp_name = with_tail(out.final_name, tail);
  // Everything after the table name (USING, keys, INCLUDE, WHERE ...) stays as written.
  const std::vector<Token> tokens = tokens_in(stmt, stmt.offset(index->relation->location), stmt.span().end);
  const size_t i = after_name(tokens);
  if (i >= tokens.size()) return Error{"cannot read the index definition " + definition};
  out.sql = std::string("CREATE ") + (index->unique ? "UNIQUE " : "") + "INDEX " + (spec.dsql ? "ASYNC " : "") +
            quote_identifier(out.temp_name) + " ON " + qualified_name(spec.schema, spec.new_table) + " " +
            trimmed(stmt.file().slice(Span{tokens[i].span.begin, stmt.span().end}));
  return out;
}

/// The key the copy walks: the old table's primary key, or the one this statement adds.
Result<std::vector<std::string>> key_columns(const TableModel& before, const TableDraft& draft) {
  std::vector<std::string> keys;
  if (const IndexModel* primary = before.primary_key()) keys = primary->columns;
  for (const Clause& clause : draft.constraints)
    if (keys.empty() && clause.type == CONSTR_PRIMARY) keys = clause.columns;
  if (keys.empty())
    return Error{"table " + before.name + " has no primary key, and apply copies rows in primary-key order"};
  for (const std::string& key : keys)
    if (!before.column(key)) return Error{"key column " + key + " of table " + before.name + " is not a column it had"};
  return keys;
}

Result<RecreationSpec> build_spec(TableDraft& draft, const TableModel& before, std::string_view suffix, bool dsql) {
  RecreationSpec spec{.schema = draft.schema, .table = draft.table, .dsql = dsql, .changes = draft.changes};
  spec.new_table = with_tail(draft.table, fmt::format("__mantle_new_{}", suffix));
  spec.old_table = with_tail(draft.table, fmt::format("__mantle_old_{}", suffix));
  auto keys = key_columns(before, draft);
  if (!keys) return keys.error();
  spec.key_columns = std::move(*keys);
  std::vector<std::string> elements;
  size_t renamed = 0;
  const auto temp_name = [&](Clause& clause) {
    if (clause.type != CONSTR_PRIMARY && clause.type != CONSTR_UNIQUE) return;
    clause.temp_name = with_tail(clause.name, fmt::format("__mantle_{}_{}", renamed++, suffix));
    spec.constraints.push_back(RenamedConstraint{clause.temp_name, clause.name});
  };
  for (const ColumnDraft& column : draft.columns)
    for (const Clause& clause : column.clauses)
      if (clause.type == CONSTR_PRIMARY && clause.columns == spec.key_columns) spec.conflict_columns = spec.key_columns;
  for (const Clause& clause : draft.constraints)
    if (clause.type == CONSTR_PRIMARY && clause.columns == spec.key_columns) spec.conflict_columns = spec.key_columns;
  for (ColumnDraft& column : draft.columns) {
    std::string text = fmt::format("{} {}{}{}", quote_identifier(column.name), column.type_sql, column.collate.empty() ? "" : " ",
                                   column.collate);
    for (Clause& clause : column.clauses) temp_name(clause), text += fmt::format(" {}", render(clause));
    elements.push_back(std::move(text));
    if (column.identity) spec.identity_columns.push_back(column.name);
    if (column.source.empty() || column.generated) continue;
    spec.insert_columns.push_back(column.name);
    spec.select_expressions.push_back(column.source);
    spec.overriding_system_value = spec.overriding_system_value || column.identity_always;
  }
  for (Clause& clause : draft.constraints) temp_name(clause), elements.push_back(render(clause));
  spec.create_sql = "CREATE TABLE " + qualified_name(spec.schema, spec.new_table) + " (\n  " + joined(elements, ",\n  ") + "\n)";
  for (const std::string& definition : draft.index_definitions) {
    auto index = recreated_index(definition, draft, spec, fmt::format("__mantle_{}_{}", renamed++, suffix));
    if (!index) return index.error();
    spec.indexes.push_back(std::move(*index));
  }
  return spec;
}

bool valid_suffix(std::string_view suffix) {
  return !suffix.empty() && suffix.size() <= 24 && std::all_of(suffix.begin(), suffix.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

std::string object_name(std::string_view name1, std::string_view name2, std::string_view label) {
  const size_t available = kMaxName - label.size() - 1 - (name2.empty() ? 0 : 1);
  size_t chars1 = name1.size(), chars2 = name2.size();
  while (chars1 + chars2 > available) (chars1 > chars2 ? chars1 : chars2)--;
  if (name2.empty()) return fmt::format("{}_{}", name1.substr(0, clip(name1, chars1)), label);
  return fmt::format("{}_{}_{}", name1.substr(0, clip(name1, chars1)), name2.substr(0, clip(name2, chars2)), label);
}

std::string qualified_name(std::string_view schema, std::string_view name) {
  return quote_identifier(schema) + "." + quote_identifier(name);
}

Result<RecreationSpec> recreation_spec(const TableModel& before, std::string_view alter_statement_sql,
                                       std::string_view suffix, bool dsql) {
  if (!valid_suffix(suffix)) return Error{"the helper-table suffix must be 1 to 24 letters, digits or underscores"};
  auto draft = altered_table(before, alter_statement_sql);
  if (!draft) return draft.error();
  return build_spec(*draft, before, suffix, dsql);
}

std::vector<std::string> describe(const RecreationSpec& spec) {
  const std::string table = qualified_name(spec.schema, spec.table);
  const std::string fresh = qualified_name(spec.schema, spec.new_table);
  const std::string old = qualified_name(spec.schema, spec.old_table);
  std::vector<std::string> out;
  if (!spec.changes.empty()) out.push_back("changes: " + joined(spec.changes, "; "));
  out.push_back("stop writes to " + table + " first: rows written during the copy are lost at the swap");
  out.push_back(spec.create_sql);
  out.push_back("copy rows in key order (" + joined(spec.key_columns, ", ", true) +
                ") in batches of <=3,000 rows / 10 MiB, each committed with its progress: INSERT INTO " + fresh + " (" +
                joined(spec.insert_columns, ", ", true) + ") SELECT " + joined(spec.select_expressions, ", ") +
                " FROM " + table);
  out.push_back("verify that " + table + " and " + fresh + " hold the same number of rows");
  for (const std::string& column : spec.identity_columns)
    out.push_back("restart identity column " + quote_identifier(column) + " past the highest copied value");
  for (const RecreatedIndex& index : spec.indexes)
    out.push_back(index.sql + (spec.dsql ? "; CALL sys.wait_for_job(job_id); check the index is valid" : ""));
  out.push_back("ALTER TABLE " + table + " RENAME TO " + quote_identifier(spec.old_table));
  out.push_back("ALTER TABLE " + fresh + " RENAME TO " + quote_identifier(spec.table));
  out.push_back("DROP TABLE " + old + " (after verifying the row counts again)");
  for (const RenamedConstraint& constraint : spec.constraints)
    out.push_back("ALTER TABLE " + table + " RENAME CONSTRAINT " + quote_identifier(constraint.temp_name) + " TO " +
                  quote_identifier(constraint.final_name));
  for (const RecreatedIndex& index : spec.indexes)
    out.push_back("ALTER INDEX " + qualified_name(spec.schema, index.temp_name) + " RENAME TO " + quote_identifier(index.final_name));
  return out;
}

}  // namespace dsqlint
