#include "lint/suppressions.h"

#include <algorithm>

#include <fmt/format.h>

#include "cli/suggest.h"
#include "lint/rule.h"
#include "parse/lexer.h"

namespace dsqlint {

namespace {

constexpr std::string_view kMarker = "dsqlint-ignore";

struct Suppression {
  Span span;                       ///< the comment
  bool whole_file = false;
  std::vector<std::string> rules;  ///< ids as written
  std::string reason;
  std::vector<bool> used;          ///< per rule id
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

/// "-- dsqlint-ignore[-file] a, b: reason" -> the parts; nullopt for any other comment.
std::optional<Suppression> read_comment(std::string_view text, Span span) {
  std::string_view body = trim(text.substr(2));  // after "--"
  if (!body.starts_with(kMarker)) return std::nullopt;
  body.remove_prefix(kMarker.size());
  Suppression out{.span = span};
  if (body.starts_with("-file")) out.whole_file = true, body.remove_prefix(5);
  if (!body.empty() && body.front() != ' ' && body.front() != '\t' && body.front() != ':') return std::nullopt;
  const size_t colon = body.find(':');
  out.reason = std::string(colon == std::string_view::npos ? "" : trim(body.substr(colon + 1)));
  std::string_view list = body.substr(0, colon);
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view id = trim(list.substr(0, comma));
    if (!id.empty()) out.rules.emplace_back(id);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  out.used.assign(out.rules.size(), false);
  return out;
}

std::vector<Suppression> read_suppressions(const SourceFile& source) {
  std::vector<Suppression> out;
  Lexer lexer(source.text);
  for (Token token = lexer.next(); token.kind != TokenKind::End; token = lexer.next())
    if (token.kind == TokenKind::LineComment)
      if (auto suppression = read_comment(source.slice(token.span), token.span)) out.push_back(std::move(*suppression));
  return out;
}

/// The statement a line suppression covers: the one it sits in, else the next one.
StatementResult* covered(FileResult& file, const Suppression& suppression) {
  for (StatementResult& statement : file.statements)
    if (statement.span.end > suppression.span.begin) return &statement;
  return nullptr;
}

/// Where to report a problem with a suppression: its statement, or the last one.
StatementResult* home(FileResult& file, const Suppression& suppression) {
  if (StatementResult* statement = covered(file, suppression)) return statement;
  return file.statements.empty() ? nullptr : &file.statements.back();
}

void hide(StatementResult& statement, Suppression& suppression) {
  for (Finding& finding : statement.findings) {
    if (finding.suppressed) continue;
    for (size_t i = 0; i < suppression.rules.size(); ++i)
      if (finding.rule == suppression.rules[i]) {
        finding.suppressed = Suppressed{"comment", suppression.reason};
        suppression.used[i] = true;
      }
  }
}

void report(StatementResult& statement, std::string_view rule, Span span, std::string message, std::string help) {
  const Rule* registered = find_rule(rule);
  statement.findings.push_back(Finding{.rule = registered ? registered->id : rule,
                                       .klass = StatementClass::Ok,
                                       .severity = Severity::Warning,
                                       .message = std::move(message),
                                       .help = std::move(help),
                                       .span = span});
}

std::string did_you_mean(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const Rule* rule : all_rules()) ids.push_back(rule->id);
  const auto near = closest(id, ids);
  return near ? fmt::format("; did you mean {}?", *near) : "";
}

void check_suppression(FileResult& file, const Suppression& suppression) {
  StatementResult* statement = home(file, suppression);
  if (!statement) return;
  const std::string form = suppression.whole_file ? "dsqlint-ignore-file" : "dsqlint-ignore";
  if (suppression.rules.empty())
    report(*statement, "suppression-without-reason", suppression.span, fmt::format("{} names no rule", form),
           fmt::format("write -- {} rule-id: reason", form));
  else if (suppression.reason.empty())
    report(*statement, "suppression-without-reason", suppression.span,
           fmt::format("{} {} gives no reason", form, fmt::join(suppression.rules, ", ")),
           "add the reason after a colon, so the next reader knows why the finding is accepted");
  for (size_t i = 0; i < suppression.rules.size(); ++i) {
    if (suppression.used[i]) continue;
    const std::string& id = suppression.rules[i];
    if (!find_rule(id))
      report(*statement, "unused-suppression", suppression.span, fmt::format("{} names {}, which is no rule", form, id),
             "use an id from `dsqlint rules`" + did_you_mean(id));
    else
      report(*statement, "unused-suppression", suppression.span,
             fmt::format("{} {} suppresses nothing: the rule finds nothing {}", form, id,
                         suppression.whole_file ? "in this file" : "in this statement"),
             "delete the comment");
  }
}

/// Whether `text` holds the marker anywhere. Found from its 'q', a letter SQL seldom uses:
/// memmem's general search cost as much as the UTF-8 check of every file.
bool mentions_marker(std::string_view text) {
  constexpr size_t kRare = 2;
  static_assert(kMarker[kRare] == 'q');
  for (size_t at = text.find('q', kRare); at != std::string_view::npos; at = text.find('q', at + 1))
    if (text.substr(at - kRare, kMarker.size()) == kMarker) return true;
  return false;
}

}  // namespace

void apply_suppressions(FileResult& file) {
  if (!mentions_marker(file.source.text)) return;
  std::vector<Suppression> suppressions = read_suppressions(file.source);
  for (Suppression& suppression : suppressions) {
    if (suppression.whole_file) {
      for (StatementResult& statement : file.statements) hide(statement, suppression);
    } else if (StatementResult* statement = covered(file, suppression)) {
      hide(*statement, suppression);
    }
  }
  for (const Suppression& suppression : suppressions) check_suppression(file, suppression);
}

}  // namespace dsqlint
