#pragma once
#include <string>
#include <string_view>

#include "core/finding.h"
#include "report/json_writer.h"

namespace dsqlint {

/// The project's home, SARIF's driver.informationUri; rule docs live under it (helpUri).
inline constexpr std::string_view kInformationUri = "https://github.com/dsqlint/dsqlint";

/// SARIF's level for a severity: error, warning or note.
std::string_view sarif_level(Severity severity);

/// `text` as a sentence, which SARIF viewers and the validator expect (SARIF2001): first
/// letter upper-case, ending with a period. Our messages are written without either.
std::string sentence(std::string_view text);

/// A rule's reportingDescriptor: id, PascalCase name, short and full description, help
/// (text and markdown) from its doc, helpUri, default level and GitHub's properties.
void write_rule_descriptor(JsonWriter& json, std::string_view rule_id);

/// The descriptors of input errors (io-error, encoding-error), in this order; notifications
/// refer to them by id and index.
void write_notification_descriptors(JsonWriter& json);
size_t notification_index(std::string_view id);

}  // namespace dsqlint
