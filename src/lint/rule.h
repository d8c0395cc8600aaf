#pragma once
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "catalog/dependents.h"
#include "catalog/schema.h"
#include "core/finding.h"
#include "lint/drizzle_fk_idiom.h"
#include "lint/guarded_block.h"
#include "lint/schema_changes.h"
#include "lint/state_helpers.h"
#include "lint/statement.h"
#include "lint/target.h"

namespace dsqlint {

/// What a rule knows about the transaction around a statement, from the statements
/// before it in the same file.
struct TransactionState {
  bool in_block = false;  ///< inside an explicit BEGIN ... COMMIT
  int ddl_before = 0;     ///< DDL statements earlier in that block
  int dml_before = 0;     ///< DML statements earlier in that block
};

/// Everything a rule may consult besides the statement itself.
struct Context {
  const TargetProfile& target;
  const SourceFile& file;
  ParsedFile& parsed;  ///< for parsing fragments (DO block bodies) into the file's memory
  TransactionState transaction;
  /// The Drizzle FK idiom of the current DO statement, read once for both DO rules.
  std::optional<std::pair<uint32_t, DrizzleFkIdiom>> fk_idiom_cache;
  /// The guarded statement of the current DO statement (lint/guarded_block.h), read once.
  std::optional<std::pair<uint32_t, GuardedBlock>> guarded_cache;
};

class Findings;
struct StatementResult;

/// What a rule that needs history may consult: the catalog as every earlier statement
/// left it, and the statement the change belongs to (its class from the other rules).
struct StateContext {
  const TargetProfile& target;
  const Catalog& catalog;
  const std::string& path;  ///< the file being replayed
  const StatementResult& statement;
  const NewIndexes& created;  ///< what the change adds to the table's indexes, found once for the rules that count them
  /// A RECREATION's: what depends on the table of its first change, found once for the
  /// rules and replay (which keeps it for apply); null for any other statement.
  const TableDependents* dependents = nullptr;
};

/// Builder for one finding; returned by Findings::report.
class FindingBuilder {
 public:
  explicit FindingBuilder(Finding& finding) : finding_(finding) {}
  FindingBuilder& help(std::string text);
  FindingBuilder& at(Span span);               ///< narrower than the whole statement
  FindingBuilder& severity(Severity severity);  ///< instead of the class default
  FindingBuilder& fix(Applicability applicability, std::string description, std::vector<Edit> edits,
                      std::vector<std::string> followups = {});

 private:
  Finding& finding_;
};

/// Where rules put what they find. The rule id is filled in by the linter.
class Findings {
 public:
  FindingBuilder report(const Statement& statement, StatementClass klass, std::string message);
  FindingBuilder report(Span span, StatementClass klass, std::string message);
  void set_rule(std::string_view id) { rule_ = id; }
  std::vector<Finding>& items() { return items_; }

 private:
  /// Room made at the first finding: a statement that has findings often has three (an
  /// index's ASYNC, its IF NOT EXISTS, its USING), and growing moved each one again.
  static constexpr size_t kFirstRoom = 4;
  std::string_view rule_;
  std::vector<Finding> items_;
};

using CheckFunction = void (*)(const Statement&, Context&, Findings&);
using StateCheckFunction = void (*)(const SchemaChange&, const StateContext&, Findings&);

/// Which targets a rule runs for.
enum class Targets { Dsql, Postgres, All };

/// A rule: an id naming the pattern it finds, a one-line summary, the statements (or
/// schema changes) it looks at, and its check: of the statement alone, or of a schema
/// change against the catalog replayed from history. A rule with neither is reported by the linter itself
/// (suppression problems).
struct Rule {
  std::string_view id;
  std::string_view summary;
  StatementClass klass = StatementClass::Ok;  ///< the class its findings usually give
  std::vector<NodeTag> nodes;                 ///< parse-node types to run on; empty = all
  std::vector<SchemaChange::Kind> changes;    ///< schema-change kinds `state` runs on; empty = all
  SyntaxKind syntax = SyntaxKind::Postgres;   ///< or a non-PostgreSQL statement kind
  Targets targets = Targets::Dsql;
  CheckFunction check = nullptr;       ///< runs on each statement as it is parsed
  StateCheckFunction state = nullptr;  ///< runs on each schema change as the catalog is replayed
};

/// Registers a rule at static-initialisation time. Each rules/<id>.cpp holds one.
class RuleRegistrar {
 public:
  explicit RuleRegistrar(Rule rule);

 private:
  Rule rule_;
};

/// Whether a rule of `targets` runs for the target. Inline: asked of every rule for every
/// statement.
inline bool runs_for(Targets targets, const TargetProfile& target) {
  if (targets == Targets::Dsql) return target.is_dsql();
  if (targets == Targets::Postgres) return !target.is_dsql();
  return true;
}

/// What a loop over the rules needs of each, side by side: the registered rules lie apart,
/// each in its own file's data, and reading them for every statement missed the cache.
template <typename Function>
struct RuleCall {
  Function run;
  std::string_view id;
  Targets targets;
};

/// Every registered rule, sorted by id.
const std::vector<const Rule*>& all_rules();
const Rule* find_rule(std::string_view id);
/// The rule's markdown documentation, empty when it has none.
std::string_view rule_doc(std::string_view id);

}  // namespace dsqlint
