#include "cli/fix_command.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/check_command.h"
#include "cli/diff.h"
#include "cli/file_settings.h"
#include "cli/inputs.h"
#include "core/edits.h"
#include "lint/linter.h"

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBreakpoint = "--> statement-breakpoint";

/// One edit of a chosen fix. Follow-up insertions after the same statement do not
/// conflict with each other: they go in in the order their fixes were chosen.
struct PlannedEdit {
  Edit edit;
  bool followup = false;
};

bool conflicts(const PlannedEdit& x, const PlannedEdit& y) {
  const Span a = x.edit.span, b = y.edit.span;
  if (x.followup && y.followup && a == b) return false;
  if (!a.empty() && !b.empty()) return a.begin < b.end && b.begin < a.end;
  if (a.empty() && b.empty()) return a.begin == b.begin;
  const Span point = a.empty() ? a : b, range = a.empty() ? b : a;
  return point.begin >= range.begin && point.begin < range.end;  // at its start the order is ambiguous
}

/// How the file writes statement boundaries, so inserted statements look like the others.
struct Layout {
  std::string_view text;
  std::string eol;
  bool drizzle = false;

  explicit Layout(std::string_view source) : text(source) {
    const size_t newline = text.find('\n');
    eol = newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
    drizzle = text.find(kBreakpoint) != std::string_view::npos;
  }

  /// The whitespace before the statement when it is alone at the start of its line.
  std::string_view indent(uint32_t begin) const {
    const size_t line = text.rfind('\n', begin == 0 ? 0 : begin - 1);
    const size_t start = begin == 0 || line == std::string_view::npos ? 0 : line + 1;
    const std::string_view prefix = text.substr(start, begin - start);
    return prefix.find_first_not_of(" \t") == std::string_view::npos ? prefix : std::string_view();
  }
};

/// Where a statement's follow-ups go, and how each is written.
struct FollowupSite {
  uint32_t at = 0;
  bool needs_semicolon = false;  ///< the statement has no ';' of its own
  std::string before, after;     ///< around each follow-up statement
};

FollowupSite followup_site(const Layout& layout, Span statement) {
  const std::string_view text = layout.text;
  FollowupSite site;
  size_t i = text.find_first_not_of(" \t\r\n", statement.end);
  const bool semicolon = i != std::string_view::npos && text[i] == ';';
  const size_t after = semicolon ? i + 1 : statement.end;
  site.needs_semicolon = !semicolon;
  size_t line_end = text.find('\n', after);
  if (line_end == std::string_view::npos) line_end = text.size();
  if (line_end > after && text[line_end - 1] == '\r') --line_end;
  const std::string_view rest = text.substr(after, line_end - after);
  const size_t content = rest.find_first_not_of(" \t");
  const std::string indent(layout.indent(statement.begin));
  if (content != std::string_view::npos && !rest.substr(content).starts_with("--")) {
    // another statement follows on this line
    return FollowupSite{.at = static_cast<uint32_t>(after), .needs_semicolon = !semicolon, .before = " ", .after = ";"};
  }
  site.at = static_cast<uint32_t>(line_end);
  const bool breakpoint_on_line = rest.find(kBreakpoint) != std::string_view::npos;
  site.before = layout.eol + (layout.drizzle && !breakpoint_on_line ? std::string(kBreakpoint) + layout.eol : "") + indent;
  site.after = breakpoint_on_line ? ";" + layout.eol + std::string(kBreakpoint) : ";";
  return site;
}

/// The fix to apply for a finding: its first Safe one, or Unsafe when allowed; never a
/// DisplayOnly one. A suppressed finding is not fixed.
const Fix* allowed_fix(const Finding& finding, bool unsafe_fixes) {
  if (finding.suppressed) return nullptr;
  for (const Fix& fix : finding.fixes) {
    if (fix.applicability == Applicability::Safe) return &fix;
    if (fix.applicability == Applicability::Unsafe && unsafe_fixes) return &fix;
  }
  return nullptr;
}

/// One chosen fix: its edits, and what names it across passes (offsets move).
struct PlannedFix {
  std::vector<PlannedEdit> edits;
  std::string key;  ///< rule id and statement text
};

/// The fixes of one pass: every allowed fix that overlaps no fix chosen before it and
/// is not known to break the SQL.
std::vector<PlannedFix> plan_pass(const FileResult& file, bool unsafe_fixes, const std::set<std::string>& broken) {
  const Layout layout(file.source.text);
  std::vector<PlannedFix> chosen;
  std::vector<PlannedEdit> accepted;
  for (const StatementResult& statement : file.statements) {
    const FollowupSite site = followup_site(layout, statement.span);
    bool terminated = !site.needs_semicolon;
    for (const Finding& finding : statement.findings) {
      const Fix* fix = allowed_fix(finding, unsafe_fixes);
      if (!fix) continue;
      PlannedFix planned{.key = std::string(finding.rule) + '\n' + std::string(file.source.slice(statement.span))};
      if (broken.contains(planned.key)) continue;
      for (const Edit& edit : fix->edits) planned.edits.push_back(PlannedEdit{edit});
      if (!fix->followups.empty() && !terminated)
        planned.edits.push_back(PlannedEdit{Edit{Span{statement.span.end, statement.span.end}, ";"}, true});
      for (const std::string& sql : fix->followups)
        planned.edits.push_back(PlannedEdit{Edit{Span{site.at, site.at}, site.before + sql + site.after}, true});
      const bool clash = std::any_of(planned.edits.begin(), planned.edits.end(), [&](const PlannedEdit& edit) {
        return std::any_of(accepted.begin(), accepted.end(), [&](const PlannedEdit& other) { return conflicts(edit, other); });
      });
      if (clash) continue;
      terminated = terminated || !fix->followups.empty();
      accepted.insert(accepted.end(), planned.edits.begin(), planned.edits.end());
      chosen.push_back(std::move(planned));
    }
  }
  return chosen;
}

size_t parse_errors(const FileResult& file) {
  size_t count = 0;
  for (const StatementResult& statement : file.statements) count += statement.parse_error;
  return count;
}

size_t finding_count(const FileResult& file) {
  size_t count = 0;
  for (const StatementResult& statement : file.statements)
    for (const Finding& finding : statement.findings) count += !finding.suppressed;
  return count;
}

/// Reads and validates one input; an error message when it must not be touched.
Result<SourceFile> read_input(const InputFile& input) {
  if (!input.problem.empty()) return Error{input.problem};
  auto bytes = read_file_bytes(input.path);
  if (!bytes) return Error{bytes.error().message};
  SourceFile source = make_source(input.display_path, std::move(*bytes));
  if (const auto problem = validate_source(source)) return Error{input.display_path + ": " + problem->message};
  return source;
}

/// The file's text with `fixes` applied.
std::string apply_fixes(const std::string& text, const std::vector<PlannedFix>& fixes) {
  std::vector<Edit> edits;
  for (const PlannedFix& fix : fixes)
    for (const PlannedEdit& edit : fix.edits) edits.push_back(edit.edit);
  return apply_edits(text, 0, std::move(edits));
}

}  // namespace

FixOutcome fix_source(const SourceFile& source, const TargetProfile& target, bool unsafe_fixes, const Config* config) {
  // A rule the config turns off is not fixed, as its findings are not reported.
  const auto lint = [&](SourceFile text) {
    FileResult result = lint_file(std::move(text), target);
    if (config) apply_rule_settings(result, *config);
    return result;
  };
  FixOutcome outcome{.result = lint(source)};
  std::set<std::string> broken;  // fixes that made a statement unparsable: never tried again
  for (int pass = 0; pass < kMaxFixPasses; ++pass) {
    const std::vector<PlannedFix> fixes = plan_pass(outcome.result, unsafe_fixes, broken);
    if (fixes.empty()) break;
    const std::string& text = outcome.result.source.text;
    FileResult next = lint(make_source(source.path, apply_fixes(text, fixes)));
    if (parse_errors(next) > parse_errors(outcome.result)) {
      // Find the culprits one by one; the others are applied together on the next pass.
      for (const PlannedFix& fix : fixes)
        if (parse_errors(lint(make_source(source.path, apply_fixes(text, {fix})))) >
            parse_errors(outcome.result))
          broken.insert(fix.key);
      outcome.broke_syntax = true;
      continue;
    }
    if (next.source.text == text) break;
    outcome.result = std::move(next);
    outcome.fixed += fixes.size();
    ++outcome.passes;
  }
  return outcome;
}

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view content) {
  std::error_code error;
  fs::path target = fs::canonical(path, error);
  if (error) target = path;
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / fmt::format(".{}.dsqlint-XXXXXX", target.filename().string())).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) return fmt::format("{}: cannot create a temporary file in {}: {}", path, dir.string(), std::strerror(errno));
  auto fail = [&](const char* what) {
    const std::string message = fmt::format("{}: {}: {}", path, what, std::strerror(errno));
    if (fd >= 0) close(fd);
    unlink(temp.c_str());
    return message;
  };
  struct stat info {};
  if (stat(target.c_str(), &info) == 0 && fchmod(fd, info.st_mode & 07777) != 0) return fail("cannot set permissions");
  for (size_t written = 0; written < content.size();) {
    const ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot write");
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) return fail("cannot sync");
  if (close(fd) != 0) {
    unlink(temp.c_str());
    return fmt::format("{}: cannot close: {}", path, std::strerror(errno));
  }
  if (rename(temp.c_str(), target.c_str()) != 0) {
    const std::string message = fmt::format("{}: cannot replace: {}", path, std::strerror(errno));
    unlink(temp.c_str());
    return message;
  }
  if (const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY); dir_fd >= 0) {
    fsync(dir_fd);  // makes the rename durable; a failure here loses nothing already written
    close(dir_fd);
  }
  return std::nullopt;
}

ExitCode run_fix(const FixOptions& options) {
  const SettingsRequest request{.config = options.config, .target = options.target, .fail_on = options.fail_on};
  const auto paths = options.paths.empty() ? default_paths(request) : Result<std::vector<std::string>>(options.paths);
  if (!paths) {
    std::cerr << "dsqlint: " << paths.error().message << "\n";
    return ExitCode::kUsage;
  }
  const std::vector<InputFile> inputs = collect_inputs(*paths, options.stdin_filename);
  // Each file is fixed for the target its config names, as check judges it.
  const auto settings = resolve_settings(inputs, request);
  if (!settings) {
    std::cerr << "dsqlint: " << settings.error().message << "\n";
    return ExitCode::kUsage;
  }
  size_t fixed = 0, files = 0, remaining = 0;
  bool input_error = false, failed = false, changed = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InputFile& input = inputs[i];
    const FileSettings& file_settings = (*settings)[i];
    auto source = read_input(input);
    if (!source) {
      std::cerr << "dsqlint: " << source.error().message << " (not fixed)\n";
      input_error = true;
      continue;
    }
    FixOutcome outcome = fix_source(*source, file_settings.target, options.unsafe_fixes, file_settings.config.get());
    const std::string& text = outcome.result.source.text;
    if (outcome.broke_syntax)
      std::cerr << "dsqlint: " << input.display_path << ": some fixes were not applied: they made the SQL unparsable\n";
    remaining += finding_count(outcome.result);
    failed = failed || fails(outcome.result, file_settings.threshold);
    const bool differs = text != source->text;
    changed = changed || differs;
    fixed += outcome.fixed;
    files += differs;
    if (options.diff) {
      std::cout << unified_diff(source->text, text, input.display_path);
    } else if (input.path == "-") {
      std::cout << text;
    } else if (differs) {
      if (const auto error = write_file_atomically(input.path, text)) {
        std::cerr << "dsqlint: " << *error << "\n";
        input_error = true;
      }
    }
  }
  std::cout.flush();
  std::cerr << fmt::format("{} {} finding{} in {} file{} ({} remaining)\n", options.diff ? "would fix" : "fixed", fixed,
                           fixed == 1 ? "" : "s", files, files == 1 ? "" : "s", remaining);
  if (input_error || !std::cout) return ExitCode::kUsage;
  if (options.diff) return changed ? ExitCode::kFindings : ExitCode::kClean;
  return failed ? ExitCode::kFindings : ExitCode::kClean;
}

}  // namespace dsqlint
