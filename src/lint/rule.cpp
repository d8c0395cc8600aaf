#include "lint/rule.h"

#include <algorithm>

#include "lint/rule_docs.h"

namespace dsqlint {

namespace {

std::vector<const Rule*>& registry() {
  static std::vector<const Rule*> rules;
  return rules;
}

}  // namespace

FindingBuilder& FindingBuilder::help(std::string text) {
  finding_.help = std::move(text);
  return *this;
}

FindingBuilder& FindingBuilder::at(Span span) {
  finding_.span = span;
  return *this;
}

FindingBuilder& FindingBuilder::severity(Severity severity) {
  finding_.severity = severity;
  return *this;
}

FindingBuilder& FindingBuilder::fix(Applicability applicability, std::string description, std::vector<Edit> edits,
                                    std::vector<std::string> followups) {
  finding_.fixes.push_back(Fix{applicability, std::move(description), std::move(edits), std::move(followups)});
  return *this;
}

FindingBuilder Findings::report(const Statement& statement, StatementClass klass, std::string message) {
  if (items_.empty()) items_.reserve(kFirstRoom);
  items_.push_back(Finding{.rule = rule_,
                           .klass = klass,
                           .severity = default_severity(klass),
                           .message = std::move(message),
                           .span = statement.span()});
  return FindingBuilder(items_.back());
}

FindingBuilder Findings::report(Span span, StatementClass klass, std::string message) {
  if (items_.empty()) items_.reserve(kFirstRoom);
  items_.push_back(Finding{
      .rule = rule_, .klass = klass, .severity = default_severity(klass), .message = std::move(message), .span = span});
  return FindingBuilder(items_.back());
}

RuleRegistrar::RuleRegistrar(Rule rule) : rule_(std::move(rule)) {
  auto& rules = registry();
  const auto at = std::lower_bound(rules.begin(), rules.end(), rule_.id,
                                   [](const Rule* r, std::string_view id) { return r->id < id; });
  rules.insert(at, &rule_);
}

const std::vector<const Rule*>& all_rules() { return registry(); }

const Rule* find_rule(std::string_view id) {
  for (const Rule* rule : registry())
    if (rule->id == id) return rule;
  return nullptr;
}

std::string_view rule_doc(std::string_view id) {
  for (const RuleDoc& doc : rule_docs())
    if (doc.id == id) return doc.markdown;
  return {};
}

}  // namespace dsqlint
