#include "plan/planner.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "aws/sha256.h"
#include "lint/schema_changes.h"
#include "lint/statement.h"
#include "parse/parsed_file.h"
#include "parse/lexer.h"
#include "plan/dsql_local.h"
#include "plan/provider.h"
#include "plan/recreation_step.h"
#include "plan/resume_check.h"

namespace dsqlint {

namespace {

const Finding* first_finding(const StatementResult& statement, StatementClass klass) {
  for (const Finding& finding : statement.findings)
    if (finding.klass == klass) return &finding;
  return nullptr;
}

std::string first_message(const StatementResult& statement, StatementClass klass) {
  const Finding* finding = first_finding(statement, klass);
  return finding ? fmt::format("{} [{}]", finding->message, finding->rule) : std::string(class_name(klass));
}

/// dsql-local runs the DSQL statement on PostgreSQL: DSQL-only keywords out.
void localize(Step& step) {
  if (step.kind != StepKind::Run && step.kind != StepKind::IndexAsync) return;
  LocalStatement local = translate_for_postgres(step.sql);
  if (local.sql) {
    step.sql = std::move(*local.sql);
    return;
  }
  step.kind = StepKind::Skip;
  step.note = "dsql-local: " + local.skipped_because;
}

/// Whether `sql` is a CREATE [UNIQUE] INDEX: the step that builds the index of a rewrite
/// (ADD UNIQUE becomes CREATE UNIQUE INDEX ASYNC, then ADD CONSTRAINT ... USING INDEX).
bool creates_index(std::string_view sql) {
  Lexer lexer(sql);
  if (!is_word(sql, lexer.next_significant(), "CREATE")) return false;
  const Token next = lexer.next_significant();
  if (is_word(sql, next, "INDEX")) return true;
  return is_word(sql, next, "UNIQUE") && is_word(sql, lexer.next_significant(), "INDEX");
}

/// A step of a rewrite resumes by what its own SQL does (ADD CONSTRAINT, RENAME ...).
void add_own_resume_check(Step& step) {
  const SourceFile source = make_source("", step.sql);
  const ParsedFile parsed = parse_file(source);
  if (parsed.statements.size() != 1 || parsed.statements[0].kind != SyntaxKind::Postgres) return;
  const std::vector<SchemaChange> changes = schema_changes(Statement(parsed.statements[0], source, 1));
  if (changes.size() == 1 && changes[0].kind != SchemaChange::Kind::CreateIndex) add_resume_check(step, changes[0]);
}

/// One step per statement of the rewrite, in order; the first may build an index.
void add_rewrite(FilePlan& plan, const Step& step, const StatementResult& statement, Provider provider) {
  for (size_t i = 0; i < statement.rewritten.size(); ++i) {
    Step part = step;
    part.ddl = statement.category != StatementCategory::Dml;  // a DO block's rewrite is its DDL
    if (i > 0) part.already_done_codes.clear(), part.verify_sql.clear();
    part.sql = statement.rewritten[i];
    if (part.already_done_codes.empty()) add_own_resume_check(part);
    if (i > 0 || !creates_index(part.sql)) part.index.reset();
    else if (!part.index && !statement.changes.empty()) part.index = built_index(statement.changes.front());
    part.kind = i == 0 && statement.klass == StatementClass::Index ? StepKind::IndexAsync : StepKind::Run;
    if (std::ranges::find(statement.extra->batched, i) != statement.extra->batched.end())
      part.ddl = false, part.repeat_until_none = true, part.already_done_codes.clear();
    part.note = i == 0 ? first_message(statement, statement.klass) : "follow-up of the rewrite";
    if (provider == Provider::DsqlLocal) localize(part);
    plan.steps.push_back(std::move(part));
  }
}

void add_statement(FilePlan& plan, const FileResult& file, const StatementResult& statement, Provider provider) {
  const std::string text(file.source.slice(statement.span));
  // Non-transactional statements (VACUUM ...) run on their own like DDL, their marker after.
  Step step{.statement = statement.index,
            .sql = text,
            .ddl = statement.category == StatementCategory::Ddl || statement.outside_transaction};
  if (!statement.changes.empty()) add_resume_check(step, statement.changes.front());
  if (statement.parse_error || statement.klass == StatementClass::Unsupported) {
    step.kind = StepKind::Refuse;
    step.note = statement.parse_error ? "syntax error" : first_message(statement, StatementClass::Unsupported);
    if (const Finding* finding = first_finding(statement, StatementClass::Unsupported); finding && !statement.parse_error)
      step.rule = finding->rule;
  } else if (statement.klass == StatementClass::Strip) {
    step.kind = StepKind::Skip;
    step.note = first_message(statement, StatementClass::Strip);
  } else if (statement.folded_into != 0) {
    step.kind = StepKind::Folded;
    step.note = "folded into CREATE TABLE, statement " + std::to_string(statement.folded_into);
  } else if (statement.emulated) {
    step.kind = StepKind::Emulated;
    const auto emulation = std::find_if(statement.findings.begin(), statement.findings.end(),
                                        [](const Finding& f) { return f.rule == "enum-type"; });
    step.note = emulation == statement.findings.end() ? first_message(statement, StatementClass::Rewrite)
                                                      : emulation->message;
  } else if (statement.category == StatementCategory::Transaction) {
    step.kind = StepKind::Skip;
    step.note = "transaction control: apply draws the transaction boundaries itself";
  } else if (statement.klass == StatementClass::Recreation) {
    step.kind = StepKind::Recreate;
    step.ddl = true;
    step.note = first_message(statement, StatementClass::Recreation);
    plan_recreation(step, file, statement, provider);
  } else if (!statement.rewritten.empty()) {
    return add_rewrite(plan, step, statement, provider);
  }
  if (provider == Provider::DsqlLocal) localize(step);
  plan.steps.push_back(std::move(step));
}

/// Whether a check of rows may not move before the statement: it writes rows, or creates,
/// renames or drops a table or column.
bool writes_rows_or_tables(const StatementResult& statement) {
  if (!statement.writes.empty() || statement.category == StatementCategory::Dml) return true;
  using Kind = SchemaChange::Kind;
  return std::any_of(statement.changes.begin(), statement.changes.end(), [](const SchemaChange& change) {
    return change.kind == Kind::CreateTable || change.kind == Kind::RenameTable || change.kind == Kind::DropTable ||
           change.kind == Kind::AddColumn || change.kind == Kind::DropColumn || change.kind == Kind::RenameColumn;
  });
}

/// A guarded DO block: its guard goes on the statement's first step, its handler on each.
void add_guard(FilePlan& plan, size_t first, const StatementResult& statement) {
  for (size_t i = first; i < plan.steps.size(); ++i) {
    if (plan.steps[i].kind != StepKind::Run && plan.steps[i].kind != StepKind::IndexAsync) return;
    if (i == first) plan.steps[i].run_if_sql = statement.extra->run_if_sql;
    plan.steps[i].handled_codes = statement.extra->handled_codes;
  }
}

std::string indent(std::string_view text, std::string_view margin) {
  std::string out(margin);
  for (const char c : text) {
    out += c;
    if (c == '\n') out += margin;
  }
  return out;
}

std::string_view kind_label(const Step& step) {
  switch (step.kind) {
    case StepKind::Run: return step.ddl ? "ddl" : "run";
    case StepKind::IndexAsync: return "index";
    case StepKind::Recreate: return "recreate";
    case StepKind::Skip: return "SKIP";
    case StepKind::Folded: return "folded";
    case StepKind::Emulated: return "emulated";
    case StepKind::Precheck: return "check";
    case StepKind::Refuse: return "REFUSE";
  }
  return "";
}

/// CREATE INDEX ASYNC returns a job to wait for (dsql-local's translation keeps the kind).
bool waits_for_job(const Step& step) {
  const LocalStatement local = translate_for_postgres(step.sql);
  return step.kind == StepKind::IndexAsync || (local.sql && *local.sql != step.sql);
}

}  // namespace

std::string normalized_sha256(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::string text;
  text.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != '\r') {
      text += bytes[i];
      continue;
    }
    text += '\n';
    if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
  }
  return sha256_hex(text);
}

FilePlan plan_file(const FileResult& file, Provider provider) {
  FilePlan plan{.path = file.source.path,
                .name = std::filesystem::path(file.source.path).filename().string(),
                .sha256 = normalized_sha256(file.source.text),
                .raw_sha256 = sha256_hex(file.source.text)};
  bool outside_transaction = false;
  size_t after_last_write = 0;  // where a statement's prechecks go: after what changes the rows they read
  for (const StatementResult& statement : file.statements) {
    for (const StatementResult::Precheck& check : statement.extra->prechecks)
      plan.steps.insert(plan.steps.begin() + static_cast<long>(after_last_write++),
                        Step{.statement = statement.index, .kind = StepKind::Precheck, .sql = check.sql,
                             .note = check.message});
    const size_t first = plan.steps.size();
    add_statement(plan, file, statement, provider);
    add_guard(plan, first, statement);
    if (writes_rows_or_tables(statement)) after_last_write = plan.steps.size();
    outside_transaction = outside_transaction || statement.outside_transaction;
  }
  plan.one_transaction = !is_dsql(provider) && !outside_transaction;
  return plan;
}

void tell_apart_empty_duplicates(Plan& plan) {
  std::set<std::string> seen;
  for (FilePlan& file : plan.files)
    if (!seen.insert(file.sha256).second && file.steps.empty())
      file.sha256 = file.raw_sha256 = sha256_hex(file.sha256 + " " + file.name);
}

bool refuses(const FilePlan& file) {
  for (const Step& step : file.steps)
    if (step.kind == StepKind::Refuse) return true;
  return false;
}

std::string describe(const FilePlan& file, size_t first_step) {
  std::string out = fmt::format("{}  sha256:{}  {} step(s){}\n", file.path, file.sha256.substr(0, 12), file.steps.size(),
                                file.one_transaction ? ", one transaction with its tracking row" : "");
  for (size_t i = first_step; i < file.steps.size(); ++i) {
    const Step& step = file.steps[i];
    out += fmt::format("  [{}/{}] {:<8} statement {}", i + 1, file.steps.size(), kind_label(step), step.statement);
    if (!step.note.empty() && step.kind != StepKind::Run) out += ": " + step.note;
    out += "\n";
    if (step.kind == StepKind::Recreate) {
      for (const std::string& line : describe_recreation(step)) out += "      " + line + "\n";
      continue;
    }
    // A folded statement runs as nothing: its change is in the CREATE TABLE.
    if (step.kind == StepKind::Skip || step.kind == StepKind::Refuse || step.kind == StepKind::Folded ||
        step.kind == StepKind::Emulated)
      continue;
    if (step.kind == StepKind::Precheck) {
      out += indent(step.sql, "      ") + "\n      stop, changing nothing, if it returns a row\n";
      continue;
    }
    if (!step.run_if_sql.empty())
      out += "      only when " + step.run_if_sql + " (the DO block's guard); otherwise the statement is done\n";
    if (!step.handled_codes.empty())
      out += fmt::format("      {} (what the DO block's handler swallowed) means the statement is done\n",
                         fmt::join(step.handled_codes, " or "));
    if (step.index && !step.index->name.empty())
      out += fmt::format("      drop {} first if a failed build left it INVALID{}\n", quoted_index_name(*step.index),
                         file.one_transaction ? "" : " (its own transaction)");
    out += indent(step.sql, "      ") + "\n";
    if (step.repeat_until_none) out += "      commit; again, a transaction per batch, until it changes no row\n";
    else if (!file.one_transaction) out += "      commit\n";
    if (step.index)
      out += fmt::format("      {}check the index is valid\n",
                         waits_for_job(step) ? "wait for the index job, then " : "");
  }
  return out;
}

}  // namespace dsqlint
