#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/check_command.h"
#include "cli/rules_command.h"

using namespace dsqlint;

int main(int argc, char** argv) {
  CLI::App app{"dsqlint: make PostgreSQL migrations safe to run on Amazon Aurora DSQL"};
  app.set_version_flag("--version", DSQLINT_VERSION);
  app.require_subcommand(1);

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "classify every statement of the migrations for the target");
  check_cmd->add_option("paths", check.paths, "files or folders (default ./migrations); '-' reads stdin");
  check_cmd->add_option("--format", check.format, "text | json")->default_str("text");
  check_cmd->add_option("-o,--output", check.output, "write the report to FILE instead of stdout");
  check_cmd->add_option("--target", check.target, "dsql | dsql:YYYY-MM-DD | postgres")->default_str("dsql");
  check_cmd->add_option("--stdin-filename", check.stdin_filename, "name to report for '-'");
  check_cmd->add_option("--fail-on", check.fail_on, "lowest severity that exits 1: info | warning | error | never")
      ->default_str("warning");
  check_cmd->add_option("-j,--jobs", check.jobs, "files checked in parallel")->default_str("1");

  bool rules_json = false;
  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rule catalogue");
  rules_cmd->add_flag("--json", rules_json, "as JSON");

  std::string explain_id;
  CLI::App* explain_cmd = app.add_subcommand("explain", "print a rule's documentation");
  explain_cmd->add_option("rule", explain_id, "rule id, e.g. create-index-sync")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "dsqlint: " << e.what() << "\nrun 'dsqlint --help' for usage\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  if (*check_cmd) return static_cast<int>(run_check(check));
  if (*rules_cmd) return static_cast<int>(run_rules(rules_json));
  return static_cast<int>(run_explain(explain_id));
}
