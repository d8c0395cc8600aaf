// SARIF 2.1.0 as GitHub code scanning accepts it (shared/integration.md §1), one run.
//
// Streamed like the JSON report: results are written as each file is checked, so the run
// object lists "results" first and "invocations", "tool" and the rest last (JSON objects
// are unordered). "tool.driver.rules" lists the rules that fired, in the order they first
// fired, which is what each result's ruleIndex counts. Syntax errors are results of the
// syntax-error rule; files that could not be read (io, encoding) are tool execution
// notifications, and make executionSuccessful false, as they make the exit code 2.
// Suppressed findings (comment, baseline, config) stay, with a `suppressions` entry.
#include <filesystem>
#include <unordered_map>

#include "lint/fingerprint.h"
#include "report/artifact_uri.h"
#include "report/json_writer.h"
#include "report/reporter.h"
#include "report/sarif_rules.h"

namespace dsqlint {

namespace {

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";
/// Our own fingerprint (lint/fingerprint.h); GitHub's primaryLocationLineHash is left to
/// upload-sarif, which computes it from the checked-out source.
constexpr std::string_view kFingerprintKey = "dsqlintFingerprint/v1";

struct SarifRun : ReporterScratch {
  std::filesystem::path root;  ///< the working directory: %SRCROOT%
  std::unordered_map<std::string_view, size_t> rule_index;
  std::vector<std::string_view> rules;  ///< in ruleIndex order
  size_t results = 0;
  std::string notifications;  ///< toolExecutionNotifications, as JSON array elements
  bool execution_successful = true;
};

SarifRun& run_of(ReportState& state) { return static_cast<SarifRun&>(*state.scratch); }

size_t rule_index(SarifRun& run, std::string_view rule) {
  const auto [it, added] = run.rule_index.emplace(rule, run.rules.size());
  if (added) run.rules.push_back(rule);
  return it->second;
}

void write_region(JsonWriter& json, const FileResult& file, Span span) {
  const auto [begin, end] = file.range(span);
  json.begin_object().field("startLine", begin.line).field("startColumn", begin.column);
  json.field("endLine", end.line).field("endColumn", end.column).end_object();
}

void write_artifact(JsonWriter& json, const ArtifactUri& uri) {
  json.key("artifactLocation").begin_object().field("uri", uri.uri);
  if (uri.relative) json.field("uriBaseId", kSrcRoot);
  json.end_object();
}

void write_location(JsonWriter& json, const FileResult& file, const ArtifactUri& uri, Span span) {
  json.begin_object().key("physicalLocation").begin_object();
  write_artifact(json, uri);
  json.key("region");
  write_region(json, file, span);
  json.end_object().end_object();
}

/// Safe fixes with concrete edits only: an empty artifactChanges gets an upload rejected.
void write_fixes(JsonWriter& json, const FileResult& file, const ArtifactUri& uri, const Finding& finding) {
  bool any = false;
  for (const Fix& fix : finding.fixes) {
    if (fix.applicability != Applicability::Safe || fix.edits.empty()) continue;
    if (!any) json.key("fixes").begin_array();
    any = true;
    json.begin_object();
    if (!fix.description.empty()) json.key("description").begin_object().field("text", sentence(fix.description)).end_object();
    json.key("artifactChanges").begin_array().begin_object();
    write_artifact(json, uri);
    json.key("replacements").begin_array();
    for (const Edit& edit : fix.edits) {
      json.begin_object().key("deletedRegion");
      write_region(json, file, edit.span);
      json.key("insertedContent").begin_object().field("text", edit.text).end_object().end_object();
    }
    json.end_array().end_object().end_array().end_object();
  }
  if (any) json.end_array();
}

void write_result(JsonWriter& json, SarifRun& run, const FileResult& file, const ArtifactUri& uri,
                  const StatementResult& statement, const Finding& finding, const Fingerprint& fingerprint) {
  json.begin_object().field("ruleId", finding.rule).field("ruleIndex", rule_index(run, finding.rule));
  json.field("level", sarif_level(finding.severity));
  std::string message = sentence(finding.message);
  if (!finding.help.empty()) message += " " + sentence(finding.help);
  json.key("message").begin_object().field("text", message).end_object();
  json.key("locations").begin_array();
  write_location(json, file, uri, finding.span);
  json.end_array();
  json.key("partialFingerprints").begin_object().field(kFingerprintKey, fingerprint).end_object();
  write_fixes(json, file, uri, finding);
  if (finding.suppressed) {
    // A `-- dsqlint-ignore` comment is in the source; the baseline and config are not.
    const std::string_view kind = finding.suppressed->kind == "comment" ? "inSource" : "external";
    json.key("suppressions").begin_array().begin_object().field("kind", kind);
    if (!finding.suppressed->reason.empty()) json.field("justification", finding.suppressed->reason);
    json.end_object().end_array();
  }
  json.key("properties").begin_object().field("class", class_name(finding.klass));
  json.field("statement", statement.index).end_object();
  json.end_object();
}

void add_notification(SarifRun& run, const FileResult& file, const ArtifactUri& uri, const FileError& error) {
  JsonWriter json(run.notifications, !run.notifications.empty());
  const std::string_view id = error_id(error);
  json.begin_object().field("level", "error");
  json.key("message").begin_object().field("text", sentence(error_text(file, error))).end_object();
  json.key("descriptor").begin_object().field("id", id).field("index", notification_index(id)).end_object();
  json.key("locations").begin_array();
  write_location(json, file, uri, error.span.value_or(Span{}));
  json.end_array().end_object();
  run.execution_successful = false;
}

}  // namespace

void sarif_begin(ReportState& state, std::string& out) {
  auto run = std::make_unique<SarifRun>();
  std::error_code error;
  run->root = std::filesystem::current_path(error);
  if (auto real = std::filesystem::canonical(run->root, error); !error) run->root = std::move(real);
  state.scratch = std::move(run);
  JsonWriter json(out);
  json.begin_object().field("$schema", kSchema).field("version", "2.1.0");
  json.key("runs").begin_array().begin_object().key("results").begin_array();
}

void sarif_file(ReportState& state, const FileResult& file, std::string& out) {
  SarifRun& run = run_of(state);
  const ArtifactUri uri = artifact_uri(file.source.path, run.root);
  for (const FileError& error : file.errors)
    if (error.kind != "parse") add_notification(run, file, uri, error);
  bool any = false;
  for (const StatementResult& statement : file.statements) any = any || !statement.findings.empty();
  if (!any) return;
  const auto prints = fingerprints(file);
  JsonWriter json(out, run.results > 0);
  for (size_t s = 0; s < file.statements.size(); ++s) {
    const StatementResult& statement = file.statements[s];
    for (size_t f = 0; f < statement.findings.size(); ++f) {
      write_result(json, run, file, uri, statement, statement.findings[f], prints[s][f]);
      ++run.results;
    }
  }
}

void sarif_end(ReportState& state, const Summary&, std::string& out) {
  SarifRun& run = run_of(state);
  out += ']';
  JsonWriter json(out, true);
  json.key("invocations").begin_array().begin_object().field("executionSuccessful", run.execution_successful);
  if (!run.notifications.empty()) json.key("toolExecutionNotifications").begin_array().raw(run.notifications).end_array();
  json.end_object().end_array();
  json.key("tool").begin_object().key("driver").begin_object();
  json.field("name", "dsqlint").field("version", DSQLINT_VERSION).field("semanticVersion", DSQLINT_VERSION);
  json.field("informationUri", kInformationUri);
  json.key("rules").begin_array();
  for (const std::string_view rule : run.rules) write_rule_descriptor(json, rule);
  json.end_array().key("notifications").begin_array();
  write_notification_descriptors(json);
  json.end_array().end_object().end_object();
  json.field("columnKind", "unicodeCodePoints");
  json.key("originalUriBaseIds").begin_object().key(kSrcRoot).begin_object();
  json.field("uri", folder_uri(run.root)).end_object().end_object();
  json.key("properties").begin_object().field("target", state.target).end_object();
  json.end_object().end_array().end_object();
  json.flush();
  out += '\n';
}

}  // namespace dsqlint
