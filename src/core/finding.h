#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"

namespace dsqlint {

/// What apply does with a statement (design.md "Classes"). Declared in rising order of
/// consequence; a statement's class is the highest class among its findings.
enum class StatementClass { Ok, Index, Rewrite, Recreation, Strip, Unsupported };

enum class Severity { Info, Warning, Error };

/// Whether a fix may be applied without review (ruff's model).
enum class Applicability { Safe, Unsafe, DisplayOnly };

std::string_view class_name(StatementClass c);          ///< "OK", "INDEX", ...
std::string_view severity_name(Severity s);             ///< "info", "warning", "error"
std::string_view applicability_name(Applicability a);   ///< "safe", "unsafe", "display-only"
Severity default_severity(StatementClass c);

/// Replace the bytes of `span` with `text` (an insertion when span is empty).
struct Edit {
  Span span;
  std::string text;
};

/// A mechanical rewrite: edits to the statement, and statements to run after it
/// (e.g. the ASYNC validation of a NOT VALID foreign key).
struct Fix {
  Applicability applicability = Applicability::Safe;
  std::string description;
  std::vector<Edit> edits;
  std::vector<std::string> followups;
};

/// Why a finding is hidden from the text report and the exit code: a `-- dsqlint-ignore`
/// comment ("comment") or the baseline file ("baseline"). It stays in JSON and SARIF.
struct Suppressed {
  std::string kind;
  std::string reason;
};

/// One thing a rule found in one statement.
struct Finding {
  std::string_view rule;  ///< registered rule id (static storage)
  StatementClass klass = StatementClass::Ok;
  Severity severity = Severity::Info;
  std::string message;
  std::string help;
  Span span;
  std::vector<Fix> fixes;
  std::optional<Suppressed> suppressed;
};

}  // namespace dsqlint
