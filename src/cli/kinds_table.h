#pragma once
#include <string>

namespace dsqlint {

/// The allow-list of statement kinds as markdown tables: every statement node type, object
/// type and ALTER TABLE subcommand with its decision (`dsqlint rules`, `explain`, the man page).
std::string statement_kinds_markdown();

/// The same, as a JSON object {"statements": [...], "objects": [...], "subcommands": [...]}.
std::string statement_kinds_json();

}  // namespace dsqlint
