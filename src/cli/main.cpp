#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/check_command.h"
#include "cli/fix_command.h"
#include "cli/man_command.h"
#include "cli/rules_command.h"
#include "report/reporter.h"

using namespace dsqlint;

int main(int argc, char** argv) {
  CLI::App app{"dsqlint: make PostgreSQL migrations safe to run on Amazon Aurora DSQL"};
  app.set_version_flag("--version", DSQLINT_VERSION);
  app.require_subcommand(1);

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "classify every statement of the migrations for the target");
  check_cmd->add_option("paths", check.paths, "files or folders (default ./migrations); '-' reads stdin");
  check_cmd->add_option("--format", check.formats,
                        "FMT or FMT=FILE, repeatable (--format text --format sarif=out.sarif); FMT: " +
                            reporter_names())
      ->default_str("text")
      ->allow_extra_args(false)
      ->take_all();
  check_cmd->add_option("-o,--output", check.output, "write the report of the one bare --format to FILE instead of stdout");
  check_cmd->add_option("--color", check.color, "colour the text report: auto | always | never (auto honours NO_COLOR)")
      ->default_str("auto");
  check_cmd->add_option("--target", check.target, "dsql | dsql:YYYY-MM-DD | postgres (default: the config's, else dsql)");
  check_cmd->add_option("--config", check.config, "use this config file instead of the nearest .dsqlint.toml");
  check_cmd->add_option("--stdin-filename", check.stdin_filename, "name to report for '-'");
  check_cmd->add_option("--fail-on", check.fail_on,
                        "lowest severity that exits 1: info | warning | error | never (default: the config's, else warning)");
  check_cmd->add_option("-j,--jobs", check.jobs, "files checked in parallel")->default_str("1");
  check_cmd->add_option("--baseline", check.baseline, "hide the findings recorded in FILE by --write-baseline");
  check_cmd->add_option("--write-baseline", check.write_baseline,
                        "record every current finding in FILE (JSON) and exit 0, to adopt dsqlint on an old folder");

  FixOptions fix;
  CLI::App* fix_cmd = app.add_subcommand("fix", "rewrite the migrations in place with the safe fixes of every finding");
  fix_cmd->add_option("paths", fix.paths, "files or folders (default ./migrations); '-' reads stdin, writes stdout");
  fix_cmd->add_flag("--diff", fix.diff, "print a unified diff instead of writing; exit 1 if there are changes");
  fix_cmd->add_flag("--unsafe-fixes", fix.unsafe_fixes, "also apply unsafe fixes (they change what the migration does)");
  fix_cmd->add_option("--target", fix.target, "dsql | dsql:YYYY-MM-DD | postgres")->default_str("dsql");
  fix_cmd->add_option("--stdin-filename", fix.stdin_filename, "name to report for '-'");
  fix_cmd->add_option("--fail-on", fix.fail_on, "lowest remaining severity that exits 1: info | warning | error | never")
      ->default_str("warning");

  CLI::App* man_cmd = app.add_subcommand("man", "print the manual page (roff)")->group("");

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
  if (*fix_cmd) return static_cast<int>(run_fix(fix));
  if (*man_cmd) return static_cast<int>(run_man(app));
  return static_cast<int>(run_explain(explain_id));
}
