#include "lint/replay.h"

#include <algorithm>
#include <cassert>
#include <optional>

#include "lint/enum_emulation.h"
#include "lint/fold.h"
#include "lint/rebuild_refusal.h"
#include "lint/serial_emulation.h"
#include "lint/unchanged_type.h"
#include "lint/rule.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

/// The state rules that look at a change of this kind, in id order; built once, so the
/// per-change loop does not ask every rule (most return at once on a kind not theirs).
const std::vector<RuleCall<StateCheckFunction>>& state_rules(Kind kind) {
  constexpr size_t kKinds = static_cast<size_t>(Kind::Revoke) + 1;
  static const auto table = [] {
    std::vector<std::vector<RuleCall<StateCheckFunction>>> by_kind(kKinds);
    for (const Rule* rule : all_rules()) {
      if (!rule->state) continue;
      const RuleCall call{rule->state, rule->id, rule->targets};
      for (size_t k = 0; k < kKinds; ++k)
        if (rule->changes.empty() || std::ranges::find(rule->changes, static_cast<Kind>(k)) != rule->changes.end())
          by_kind[k].push_back(call);
    }
    return by_kind;
  }();
  assert(static_cast<size_t>(kind) < kKinds);
  return table[static_cast<size_t>(kind)];
}

/// A class raised by history: what apply would run changes only when the statement no
/// longer runs at all (RECREATION rebuilds, STRIP skips, UNSUPPORTED refuses).
void raise_class(StatementResult& statement) {
  StatementClass klass = StatementClass::Ok;
  for (const Finding& finding : statement.findings) klass = std::max(klass, finding.klass);
  if (klass == statement.klass) return;
  statement.klass = klass;
  if (klass > StatementClass::Rewrite) {
    statement.rewritten.clear();
    statement.runs_as_written = false;
  }
}

}  // namespace

void replay(Catalog& catalog, FileResult& file, const TargetProfile& target) {
  // On DSQL, changes to a table the file created are folded into its CREATE TABLE while it is empty.
  std::optional<TableFolding> folding;
  std::optional<EnumEmulation> enums;  // DSQL has no CREATE TYPE: enums become CHECKs
  std::optional<SerialEmulation> serials;  // nor serial: identity columns take their place
  if (target.is_dsql()) folding.emplace(file, target), enums.emplace(file, target), serials.emplace(file);
  Origin origin{file.source.path};  // the path copied once, not per statement
  for (StatementResult& statement : file.statements) {
    if (enums) enums->before_rules(statement, catalog);
    if (serials && !statement.changes.empty()) serials->before_rules(statement, catalog);
    skip_unchanged_types(statement, catalog);
    if (statement.changes.empty()) {
      if (folding) folding->before_apply(statement, catalog);
      continue;
    }
    // What depends on a rebuilt table, found once: the rules report it, apply carries it.
    std::optional<TableDependents> dependents;
    if (statement.klass == StatementClass::Recreation) dependents = dependents_of(catalog, statement.changes.front().table);
    Findings findings;
    for (const SchemaChange& change : statement.changes) {
      const NewIndexes created = new_indexes(change, catalog);
      const StateContext context{target, catalog, file.source.path, statement, created, dependents ? &*dependents : nullptr};
      for (const RuleCall<StateCheckFunction>& rule : state_rules(change.kind)) {
        if (!runs_for(rule.targets, target)) continue;
        findings.set_rule(rule.id);
        rule.run(change, context, findings);
      }
    }
    for (Finding& finding : findings.items()) statement.findings.push_back(std::move(finding));
    raise_class(statement);
    if (folding) folding->before_apply(statement, catalog);
    const SchemaChange& first = statement.changes.front();
    if (statement.klass == StatementClass::Recreation)
      if (const TableModel* table = catalog.table(first.table)) {
        statement.table_definition = std::make_shared<const TableModel>(*table);
        if (!dependents) dependents = dependents_of(catalog, first.table);  // raised to RECREATION by history
        if (!dependents->empty()) statement.extra.edit().dependents = std::move(*dependents);
        refuse_impossible_rebuild(statement);
      }
    if (first.kind == Kind::CreateIndex)
      if (const TableModel* table = catalog.table(first.table)) statement.table_is_new = table->origin.path == file.source.path;
    origin.statement = statement.index;
    origin.stripped = statement.klass == StatementClass::Strip || statement.klass == StatementClass::Unsupported;
    for (SchemaChange& change : statement.changes) apply_change(catalog, std::move(change), origin);
    if (serials) serials->after_apply(statement, catalog);
    if (folding) folding->after_apply(statement, catalog);
  }
}

}  // namespace dsqlint
