#include "report/sarif_rules.h"

#include <array>
#include <cctype>

#include "lint/rule.h"

namespace dsqlint {

namespace {

constexpr size_t kMaxDescription = 1024;  // GitHub's limit for short and full descriptions

struct NotificationKind {
  std::string_view id, name, text, help;
};
constexpr std::array<NotificationKind, 2> kNotifications{{
    {"io-error", "UnreadableInput",
     "An input could not be read as a migration (missing, unreadable, binary or empty), so it was not checked.",
     "Check the path, or remove the file if it is not a migration. dsqlint exits 2 when an input cannot be read."},
    {"encoding-error", "InvalidUtf8", "An input is not valid UTF-8, so it was not checked.",
     "Convert the file to UTF-8 (for example with iconv). DSQL stores text as UTF-8; dsqlint exits 2 on such a file."},
}};

/// "create-index-sync" -> "CreateIndexSync". The validator wants a name unlike the id even
/// ignoring case, so a one-word id gets a suffix: "rls" -> "RlsStatement".
std::string rule_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (const char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (id.find('-') == std::string_view::npos) out += "Statement";
  return out;
}

/// At most `limit` bytes, cut at a character boundary, "..." marking the cut.
std::string clip(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

/// The body of the doc's "## What it flags" section, trimmed; empty when there is none.
std::string flags_section(std::string_view doc) {
  constexpr std::string_view kHeading = "## What it flags\n";
  const size_t start = doc.find(kHeading);
  if (start == std::string_view::npos) return "";
  std::string_view body = doc.substr(start + kHeading.size());
  body = body.substr(0, body.find("\n## "));
  const size_t first = body.find_first_not_of(" \n");
  const size_t last = body.find_last_not_of(" \n");
  return first == std::string_view::npos ? "" : std::string(body.substr(first, last - first + 1));
}

/// The rule's doc file name: rules/<id in snake_case>.md.
std::string doc_path(std::string_view id) {
  std::string name(id);
  for (char& c : name)
    if (c == '-') c = '_';
  return "rules/" + name + ".md";
}

std::string_view problem_severity(Severity severity) {
  return severity == Severity::Info ? "recommendation" : severity_name(severity);
}

}  // namespace

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "note";
}

std::string sentence(std::string_view text) {
  std::string out(text);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  if (out.empty()) return "No message.";
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  if (out.back() != '.' && out.back() != '!' && out.back() != '?') out += '.';
  return out;
}

void write_rule_descriptor(JsonWriter& json, std::string_view rule_id) {
  const Rule* rule = find_rule(rule_id);
  const std::string summary = sentence(rule ? rule->summary : rule_id);
  const std::string_view doc = rule_doc(rule_id);
  std::string full = flags_section(doc);
  full = full.empty() ? summary : clip(std::move(full), kMaxDescription);
  const Severity severity = default_severity(rule ? rule->klass : StatementClass::Unsupported);
  json.begin_object().field("id", rule_id).field("name", rule_name(rule_id));
  json.key("shortDescription").begin_object().field("text", clip(summary, kMaxDescription)).end_object();
  json.key("fullDescription").begin_object().field("text", full).end_object();
  json.key("help").begin_object().field("text", doc.empty() ? summary : std::string(doc));
  if (!doc.empty()) json.field("markdown", doc);
  json.end_object();
  if (!doc.empty()) json.field("helpUri", std::string(kInformationUri) + "/blob/main/" + doc_path(rule_id));
  json.key("defaultConfiguration").begin_object().field("level", sarif_level(severity)).end_object();
  json.key("properties").begin_object();
  json.key("tags").begin_array().value("dsql").value("migrations");
  if (rule) json.value(class_name(rule->klass));
  json.end_array();
  json.field("precision", "very-high").field("problem.severity", problem_severity(severity));
  json.end_object().end_object();
}

void write_notification_descriptors(JsonWriter& json) {
  for (const NotificationKind& kind : kNotifications) {
    json.begin_object().field("id", kind.id).field("name", kind.name);
    json.key("shortDescription").begin_object().field("text", kind.text).end_object();
    json.key("fullDescription").begin_object().field("text", kind.text).end_object();
    json.key("help").begin_object().field("text", kind.help).end_object();
    json.key("defaultConfiguration").begin_object().field("level", "error").end_object();
    json.end_object();
  }
}

size_t notification_index(std::string_view id) {
  for (size_t i = 0; i < kNotifications.size(); ++i)
    if (kNotifications[i].id == id) return i;
  return 0;
}

}  // namespace dsqlint
