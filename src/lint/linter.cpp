#include "lint/linter.h"

#include <algorithm>
#include <cassert>

#include "core/edits.h"
#include "lint/rebuild_refusal.h"
#include "lint/replay.h"
#include "lint/rule.h"
#include "lint/suppressions.h"
#include "lint/statement_category.h"

namespace dsqlint {

namespace {

/// The rules that look at a statement of this kind and node type, in id order; built once,
/// so the per-statement loop does not ask every rule.
const std::vector<RuleCall<CheckFunction>>& rules_for(const Statement& statement) {
  constexpr size_t kTags = 1024;
  constexpr size_t kKinds = static_cast<size_t>(SyntaxKind::SyntaxError) + 1;
  static const auto table = [] {
    std::vector<std::vector<RuleCall<CheckFunction>>> by_tag(kTags), by_kind(kKinds);
    for (const Rule* rule : all_rules()) {
      if (!rule->check) continue;
      const RuleCall call{rule->check, rule->id, rule->targets};
      if (rule->syntax != SyntaxKind::Postgres) {
        by_kind[static_cast<size_t>(rule->syntax)].push_back(call);
        continue;
      }
      // Each rule goes to the tags it names (once each), in id order: asking every tag of
      // every rule was a millisecond of each run's start.
      if (rule->nodes.empty()) {
        for (std::vector<RuleCall<CheckFunction>>& rules : by_tag) rules.push_back(call);
        continue;
      }
      for (const NodeTag node : rule->nodes) {
        std::vector<RuleCall<CheckFunction>>& rules = by_tag.at(static_cast<size_t>(node));
        if (rules.empty() || rules.back().run != call.run) rules.push_back(call);
      }
    }
    return std::pair{std::move(by_tag), std::move(by_kind)};
  }();
  if (statement.kind() != SyntaxKind::Postgres) return table.second[static_cast<size_t>(statement.kind())];
  const auto tag = static_cast<size_t>(nodeTag(statement.node()));
  assert(tag < kTags);
  return table.first[tag];
}

StatementCategory category_of(const Statement& statement) {
  const bool iam = statement.kind() == SyntaxKind::AwsIamGrant || statement.kind() == SyntaxKind::AwsIamRevoke;
  return iam ? StatementCategory::Ddl : categorize(statement.node());  // IAM mapping changes the catalog
}

/// Follows BEGIN ... COMMIT blocks so rules can see what a transaction already holds.
/// A statement apply skips (STRIP) adds nothing to the transaction.
void advance(TransactionState& state, const Statement& statement, StatementClass klass) {
  if (const auto* transaction = statement.as<TransactionStmt>()) {
    switch (transaction->kind) {
      case TRANS_STMT_BEGIN:
      case TRANS_STMT_START:
        state = TransactionState{.in_block = true};
        return;
      case TRANS_STMT_COMMIT:
      case TRANS_STMT_ROLLBACK:
      case TRANS_STMT_PREPARE:
        state = TransactionState{};
        return;
      default:
        return;
    }
  }
  if (!state.in_block || klass == StatementClass::Strip) return;
  const StatementCategory category = category_of(statement);
  if (category == StatementCategory::Ddl) ++state.ddl_before;
  if (category == StatementCategory::Dml) ++state.dml_before;
}

/// The statement text with the edits of every INDEX and REWRITE fix applied, then
/// the fixes' follow-up statements: exactly what apply runs.
std::vector<std::string> rewrite(const Statement& statement, const std::vector<Finding>& findings) {
  std::vector<Edit> edits;
  edits.reserve(findings.size());
  // The follow-ups go straight after a place for the rewritten statement: a braced list
  // would copy it, and a vector of follow-ups apart would copy them again.
  std::vector<std::string> steps(1);
  for (const Finding& finding : findings) {
    if (finding.klass != StatementClass::Index && finding.klass != StatementClass::Rewrite) continue;
    if (finding.fixes.empty()) continue;
    const Fix& fix = finding.fixes.front();
    edits.insert(edits.end(), fix.edits.begin(), fix.edits.end());
    steps.insert(steps.end(), fix.followups.begin(), fix.followups.end());
  }
  steps.front() = apply_edits(statement.text(), statement.span().begin, std::move(edits));
  return steps;
}

StatementResult verdict(const Statement& statement, std::vector<Finding> findings) {
  StatementResult result{.index = statement.index(), .span = statement.span()};
  for (const Finding& finding : findings) result.klass = std::max(result.klass, finding.klass);
  result.parse_error = statement.kind() == SyntaxKind::SyntaxError;
  const bool rewrites = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return (f.klass == StatementClass::Index || f.klass == StatementClass::Rewrite) && !f.fixes.empty();
  });
  if (result.klass <= StatementClass::Rewrite) {
    if (rewrites) result.rewritten = rewrite(statement, findings);
    else result.runs_as_written = true;
  }
  result.findings = std::move(findings);
  return result;
}

/// A DO block rewritten into plain SQL (Drizzle's foreign-key idiom) changes the schema as
/// the ALTER TABLE inside it does (apply adds the key NOT VALID, then validates it): the
/// catalog learns that ALTER's changes, read from the parse the rules already made.
void add_rewritten_changes(StatementResult& result, const Statement& statement, const Context& context) {
  const auto& idiom = context.fk_idiom_cache;
  if (result.rewritten.empty() || !idiom || idiom->first != statement.index() || !idiom->second.matches) return;
  const ParsedStatement inner{.span = idiom->second.alter_span,
                              .node = reinterpret_cast<Node*>(const_cast<AlterTableStmt*>(idiom->second.alter)),
                              .base = idiom->second.base};
  for (SchemaChange& change : schema_changes(Statement(inner, statement.file(), statement.index()))) {
    change.span = result.span;
    result.changes.push_back(std::move(change));
  }
}

/// A guarded DO block becomes the statement it guards, classified and rewritten as that
/// statement is on its own, behind the block's guard.
void unwrap_guarded(StatementResult& result, const Statement& statement, const Context& context) {
  const auto& cache = context.guarded_cache;
  if (!cache || cache->first != statement.index() || !cache->second.matches) return;
  const GuardedBlock& block = cache->second;
  FileResult inner = lint_statements(make_source(context.file.path, block.sql), context.target);
  if (inner.statements.size() != 1) return;
  StatementResult& guarded = inner.statements.front();
  const auto place = [&](Span span) {
    return block.offset ? Span{span.begin + block.offset, span.end + block.offset} : result.span;
  };
  for (Finding& finding : guarded.findings) {
    finding.span = place(finding.span);
    finding.fixes.clear();  // fix unwraps the block first; the statement's own fixes follow on the next pass
    result.findings.push_back(std::move(finding));
  }
  result.klass = std::max(StatementClass::Rewrite, guarded.klass);
  result.parse_error = guarded.parse_error;
  result.rewritten.clear();
  result.runs_as_written = false;
  if (result.klass <= StatementClass::Rewrite)
    result.rewritten = guarded.runs_as_written ? std::vector<std::string>{block.sql} : guarded.rewritten;
  result.changes = std::move(guarded.changes);
  for (SchemaChange& change : result.changes) change.span = result.span, change.unqualified = false;  // written in the block
  result.category = guarded.category;
  result.outside_transaction = guarded.outside_transaction;
  result.writes = guarded.writes;
  StatementExtras& extra = result.extra.edit();
  extra.run_if_sql = block.run_if_sql;
  extra.guarded_sql = block.sql;
  extra.handled_codes = block.handled_codes;
}

}  // namespace

FileResult lint_statements(SourceFile source, const TargetProfile& target) {
  FileResult result{.source = std::move(source)};
  result.lines = LineIndex(result.source.text);
  ParsedFile parsed = parse_file(result.source);
  Context context{target, result.source, parsed, {}};
  result.statements.reserve(parsed.statements.size());
  uint32_t index = 0;
  for (const ParsedStatement& parsed_statement : parsed.statements) {
    const Statement statement(parsed_statement, result.source, ++index);
    Findings findings;
    for (const RuleCall<CheckFunction>& rule : rules_for(statement)) {
      if (!runs_for(rule.targets, target)) continue;
      findings.set_rule(rule.id);
      rule.run(statement, context, findings);
    }
    if (statement.kind() == SyntaxKind::SyntaxError)
      result.errors.push_back(FileError{"parse", parsed_statement.error, Span{parsed_statement.error_offset,
                                                                              parsed_statement.error_offset}});
    result.statements.push_back(verdict(statement, std::move(findings.items())));
    result.statements.back().changes = schema_changes(statement);
    refuse_unfollowed_subcommands(result.statements.back(), statement);
    if (statement.as<DoStmt>()) add_rewritten_changes(result.statements.back(), statement, context);
    result.statements.back().category = category_of(statement);
    result.statements.back().outside_transaction = runs_outside_transaction(statement.node());
    result.statements.back().writes = written_relation(statement.node());
    if (auto reads = read_relations(statement.node()); !reads.empty()) result.statements.back().extra.edit().reads = std::move(reads);
    if (statement.as<DoStmt>()) unwrap_guarded(result.statements.back(), statement, context);
    // Drizzle's foreign-key DO block writes no rows: it only adds the key.
    if (context.fk_idiom_cache && context.fk_idiom_cache->first == statement.index() &&
        context.fk_idiom_cache->second.matches)
      result.statements.back().writes.clear();
    advance(context.transaction, statement, result.statements.back().klass);
  }
  return result;
}

FileResult lint_file(SourceFile source, const TargetProfile& target) {
  FileResult result = lint_statements(std::move(source), target);
  Catalog catalog;
  replay(catalog, result, target);
  apply_suppressions(result);
  return result;
}

FileResult unreadable_file(SourceFile source, FileError error) {
  FileResult result{.source = std::move(source)};
  result.lines = LineIndex(result.source.text);
  result.errors.push_back(std::move(error));
  return result;
}

void Summary::add(const FileResult& file) {
  for (const StatementResult& statement : file.statements) {
    ++total;
    parse_errors += statement.parse_error;
    switch (statement.klass) {
      case StatementClass::Ok: ++ok; break;
      case StatementClass::Index: ++index; break;
      case StatementClass::Rewrite: ++rewrite; break;
      case StatementClass::Strip: ++strip; break;
      case StatementClass::Recreation: ++recreation; break;
      case StatementClass::Unsupported: ++unsupported; break;
    }
  }
}

}  // namespace dsqlint
