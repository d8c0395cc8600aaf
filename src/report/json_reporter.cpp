#include <algorithm>

#include "report/json_writer.h"
#include "report/reporter.h"

namespace dsqlint {

namespace {

void write_range(JsonWriter& json, LineIndex::Cursor& lines, Span span) {
  const auto [begin, end] = lines.range(span.begin, span.end);
  json.number_field("line", begin.line).number_field("column", begin.column);
  json.number_field("end_line", end.line).number_field("end_column", end.column);
}

void write_fix(JsonWriter& json, LineIndex::Cursor& lines, const Fix& fix) {
  json.begin_object();
  json.key("applicability").symbol(applicability_name(fix.applicability)).field("description", fix.description);
  json.key("edits").begin_array();
  for (const Edit& edit : fix.edits) {
    json.begin_object();
    write_range(json, lines, edit.span);
    json.field("text", edit.text).end_object();
  }
  json.end_array().key("followups").begin_array();
  for (const std::string& sql : fix.followups) json.value(sql);
  json.end_array().end_object();
}

void write_finding(JsonWriter& json, LineIndex::Cursor& lines, const Finding& finding) {
  json.begin_object();
  json.field("rule", finding.rule).key("severity").symbol(severity_name(finding.severity));
  json.key("class").symbol(class_name(finding.klass));
  json.field("message", finding.message).field("help", finding.help);
  write_range(json, lines, finding.span);
  json.key("fixes").begin_array();
  for (const Fix& fix : finding.fixes) write_fix(json, lines, fix);
  json.end_array();
  if (finding.suppressed)
    json.key("suppressed").begin_object().field("kind", finding.suppressed->kind).field("reason", finding.suppressed->reason).end_object();
  json.end_object();
}

std::string_view kind_name(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::PrimaryKey: return "primary_key";
    case ConstraintKind::Unique: return "unique";
    case ConstraintKind::Check: return "check";
    case ConstraintKind::ForeignKey: return "foreign_key";
    case ConstraintKind::Exclusion: return "exclusion";
  }
  return "";
}

void write_names(JsonWriter& json, std::string_view field, const std::vector<std::string>& names) {
  json.key(field).begin_array();
  for (const std::string& name : names) json.value(name);
  json.end_array();
}

void write_column(JsonWriter& json, const ColumnModel& column) {
  json.begin_object().field("name", column.name).field("type", column.type->sql).field("not_null", column.not_null);
  if (!column.default_sql.empty()) json.field("default", column.default_sql);
  if (column.identity != Identity::None)
    json.field("identity", column.identity == Identity::Always ? "always" : "by default");
  if (!column.extra->generated_sql.empty()) json.field("generated", column.extra->generated_sql);
  if (!column.extra->collation.empty()) json.field("collation", column.extra->collation);
  json.end_object();
}

void write_constraint(JsonWriter& json, const ConstraintModel& constraint) {
  json.begin_object().field("name", constraint.name).field("kind", kind_name(constraint.kind));
  write_names(json, "columns", constraint.columns);
  if (!constraint.expression_sql.empty()) json.field("expression", constraint.expression_sql);
  if (constraint.kind == ConstraintKind::ForeignKey) {
    json.field("references", constraint.references->table);
    write_names(json, "referenced_columns", constraint.references->columns);
  }
  json.field("valid", constraint.valid).end_object();
}

/// A RECREATION statement's table as the catalog knew it: what apply rebuilds.
void write_table(JsonWriter& json, const TableModel& table) {
  json.key("table").begin_object().field("schema", table.schema).field("name", table.name);
  json.key("columns").begin_array();
  for (const ColumnModel& column : table.columns) write_column(json, column);
  json.end_array().key("constraints").begin_array();
  for (const ConstraintModel& constraint : table.constraints) write_constraint(json, constraint);
  json.end_array().key("indexes").begin_array();
  for (const IndexModel& index : table.indexes) {
    json.begin_object().field("name", index.name).field("unique", index.unique);
    write_names(json, "columns", index.columns());
    if (!index.extra->predicate_sql.empty()) json.field("where", index.extra->predicate_sql);
    json.end_object();
  }
  json.end_array().field("origin", describe(table.origin)).end_object();
}

void write_statement(JsonWriter& json, const FileResult& file, LineIndex::Cursor& lines,
                     const StatementResult& statement) {
  const auto [begin, end] = lines.range(statement.span.begin, statement.span.end);
  json.begin_object().number_field("index", statement.index).number_field("line", begin.line);
  json.number_field("column", begin.column).number_field("end_line", end.line).number_field("end_column", end.column);
  // Most statements run unchanged: their text escaped once for "sql", copied for "rewritten".
  const std::string_view sql = file.source.slice(statement.span);
  json.key("class").symbol(class_name(statement.klass)).key("sql");
  const size_t sql_from = json.written();
  const size_t sql_to = json.value(sql).written();
  json.key("rewritten").begin_array();
  if (statement.runs_as_written) json.repeat(sql_from, sql_to);
  for (const std::string& step : statement.rewritten) {
    if (step == sql) json.repeat(sql_from, sql_to);
    else json.value(step);
  }
  json.end_array().key("findings").begin_array();
  for (const Finding& finding : statement.findings) write_finding(json, lines, finding);
  json.end_array();
  if (statement.table_is_new) json.field("table_is_new", true);
  if (statement.table_definition) write_table(json, *statement.table_definition);
  json.end_object();
}

void write_file(JsonWriter& json, const FileResult& file) {
  json.begin_object().field("path", file.source.path).key("statements").begin_array();
  LineIndex::Cursor lines(file.lines, file.source.text);
  for (const StatementResult& statement : file.statements) write_statement(json, file, lines, statement);
  json.end_array().key("errors").begin_array();
  for (const FileError& error : file.errors) {
    json.begin_object().field("kind", error.kind).field("message", error.message);
    if (error.span) {
      const Position at = file.position(error.span->begin);
      json.field("line", at.line).field("column", at.column);
    }
    json.end_object();
  }
  json.end_array().end_object();
}

}  // namespace

void json_begin(ReportState& state, std::string& out) {
  JsonWriter json(out);
  json.begin_object().field("version", 1);
  json.key("tool").begin_object().field("name", "dsqlint").field("version", DSQLINT_VERSION).end_object();
  json.field("target", state.target).key("files").begin_array();
}

void json_file(ReportState& state, const FileResult& file, std::string& out) {
  // Each statement's text appears about six times over (sql, rewritten, escapes, positions):
  // room for that, growing by doubling, so the buffer is not copied once per file.
  const size_t needed = out.size() + file.source.text.size() * 6 + 1024;
  if (needed > out.capacity()) out.reserve(std::max(needed, out.capacity() * 2));
  JsonWriter json(out, state.files_written > 0);
  write_file(json, file);
}

void json_end(ReportState&, const Summary& s, std::string& out) {
  out += ']';
  JsonWriter json(out, true);
  json.key("summary").begin_object();
  json.field("total", s.total).field("ok", s.ok).field("index", s.index).field("rewrite", s.rewrite);
  json.field("strip", s.strip).field("recreation", s.recreation).field("unsupported", s.unsupported);
  json.field("parse_errors", s.parse_errors).end_object();
  json.flush();
  out += "}\n";
}

}  // namespace dsqlint
