#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lint/rule.h"
#include "lint/rule_helpers.h"

namespace dsqlint::rules {
namespace {

/// Extensions whose usual purpose, gen_random_uuid(), PostgreSQL 13+ and DSQL have built in.
bool is_uuid_extension(std::string_view name) { return name == "pgcrypto" || name == "uuid-ossp"; }

void strip(const Statement& stmt, std::string_view what, Findings& out) {
  out.report(stmt, StatementClass::Strip,
             fmt::format("DSQL has no extensions, so apply skips {}; gen_random_uuid() is built in", what))
      .at(stmt.word_or_start("EXTENSION"))
      .help(
          "use gen_random_uuid(); the extension's other functions (uuid_generate_v4(), crypt(), digest() ...) "
          "do not exist on DSQL");
}

void refuse(const Statement& stmt, std::string_view what, Findings& out) {
  out.report(stmt, StatementClass::Unsupported, fmt::format("DSQL rejects {}: it has no extensions", what))
      .at(stmt.word_or_start(stmt.as<LoadStmt>() ? "LOAD" : "EXTENSION"))
      .help("remove the dependency on the extension: do its work in the application or with built-in functions");
}

/// DROP EXTENSION names, when every one is an extension that CREATE EXTENSION skipped.
bool drops_only_uuid_extensions(const DropStmt* drop) {
  const auto names = list_nodes<String>(drop->objects, T_String);
  if (names.empty() || names.size() != static_cast<size_t>(list_length(drop->objects))) return false;
  for (const String* name : names)
    if (!is_uuid_extension(name->sval)) return false;
  return true;
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (const auto* create = stmt.as<CreateExtensionStmt>()) {
    const std::string what = fmt::format("CREATE EXTENSION {}", create->extname);
    return is_uuid_extension(create->extname) ? strip(stmt, what, out) : refuse(stmt, what, out);
  }
  if (const auto* drop = stmt.as<DropStmt>(); drop && drop->removeType == OBJECT_EXTENSION) {
    std::vector<std::string> names;
    for (const String* name : list_nodes<String>(drop->objects, T_String)) names.emplace_back(name->sval);
    const std::string what = fmt::format("DROP EXTENSION {}", fmt::join(names, ", "));
    return drops_only_uuid_extensions(drop) ? strip(stmt, what, out) : refuse(stmt, what, out);
  }
  if (const auto* alter = stmt.as<AlterExtensionStmt>())
    return refuse(stmt, fmt::format("ALTER EXTENSION {}", alter->extname), out);
  if (const auto* contents = stmt.as<AlterExtensionContentsStmt>())
    return refuse(stmt, fmt::format("ALTER EXTENSION {}", contents->extname), out);
  if (const auto* load = stmt.as<LoadStmt>())
    return refuse(stmt, fmt::format("LOAD '{}'", load->filename ? load->filename : ""), out);
}

const RuleRegistrar kRule{{
    .id = "create-extension",
    .summary = "CREATE/ALTER/DROP EXTENSION and LOAD",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateExtensionStmt, T_AlterExtensionStmt, T_AlterExtensionContentsStmt, T_DropStmt, T_LoadStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
