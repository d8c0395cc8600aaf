#include <CLI/CLI.hpp>

#include <iostream>

#include "apply/database.h"
#include "cli/apply_command.h"
#include "cli/check_command.h"
#include "cli/fix_command.h"
#include "cli/lambda_command.h"
#include "cli/man_command.h"
#include "cli/rules_command.h"
#include "parse/parsed_file.h"
#include "report/reporter.h"

using namespace dsqlint;

int main(int argc, char** argv) {
  CLI::App app{"dsqlint: make PostgreSQL migrations safe to run on Amazon Aurora DSQL"};
  app.set_version_flag("--version", std::string("dsqlint ") + DSQLINT_VERSION + "\n" + parser_version());
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
  check_cmd->add_option("--stdin-filename", check.stdin_filename,
                        "name to report for '-'; stdin stands in for that file, after the files before it in its folder");
  check_cmd->add_flag("--no-history", check.no_history,
                      "check named files alone, without replaying the files before them in their migrations folder");
  check_cmd->add_flag("--no-cache", [&](std::int64_t) { check.cache.enabled = false; },
                      "replay the history of named files anew instead of reading it from the cache");
  check_cmd->add_option("--cache-dir", check.cache.dir,
                        "where the replayed history is kept (default $XDG_CACHE_HOME/dsqlint, else ~/.cache/dsqlint)");
  check_cmd->add_option("--fail-on", check.fail_on,
                        "lowest severity that exits 1: info | warning | error | never (default: the config's, else warning)");
  check_cmd->add_option("-j,--jobs", check.jobs, "files checked in parallel (at most one per CPU)")->default_str("1");
  check_cmd->add_option("--baseline", check.baseline, "hide the findings recorded in FILE by --write-baseline");
  check_cmd->add_option("--write-baseline", check.write_baseline,
                        "record every current finding in FILE (JSON) and exit 0, to adopt dsqlint on an old folder");

  FixOptions fix;
  CLI::App* fix_cmd = app.add_subcommand("fix", "rewrite the migrations in place with the safe fixes of every finding");
  fix_cmd->add_option("paths", fix.paths, "files or folders (default ./migrations); '-' reads stdin, writes stdout");
  fix_cmd->add_flag("--diff", fix.diff, "print a unified diff instead of writing; exit 1 if there are changes");
  fix_cmd->add_flag("--unsafe-fixes", fix.unsafe_fixes, "also apply unsafe fixes (they change what the migration does)");
  fix_cmd->add_option("--target", fix.target, "dsql | dsql:YYYY-MM-DD | postgres (default: the config's, else dsql)");
  fix_cmd->add_option("--config", fix.config, "use this config file instead of the nearest .dsqlint.toml");
  fix_cmd->add_option("--stdin-filename", fix.stdin_filename, "name to report for '-'");
  fix_cmd->add_option("--fail-on", fix.fail_on,
                      "lowest remaining severity that exits 1: info | warning | error | never (default: the config's, "
                      "else warning)");

  auto add_connection = [](CLI::App* command, ConnectionOptions& connection) {
    command->add_option("--provider", connection.provider,
                        "aurora-dsql | aurora-serverless-v2 | neon | postgres | dsql-local (default: inferred)");
    command->add_option("--connection-string", connection.connection_string, "libpq URL or key=value (default: DATABASE_URL)");
    command->add_option("--endpoint", connection.endpoint, "Aurora DSQL cluster endpoint (default: DSQL_ENDPOINT)");
    command->add_option("--region", connection.region, "AWS region (default: AWS_REGION)");
    command->add_option("--user", connection.user,
                        "database role an --endpoint or --iam connection signs its token for (default: admin for an "
                        "endpoint, DbConnectAdmin; any other role signs DbConnect)");
    command->add_flag("--iam", connection.iam,
                      "sign an RDS IAM token (rds-db:connect) as the connection string's password: aurora-serverless-v2");
    command->add_option("--ssl-root-cert", connection.ssl_root_cert,
                        "CA bundle that verifies the endpoint's certificate (default: PGSSLROOTCERT, else the "
                        "system's, /etc/ssl/certs/ca-certificates.crt)");
  };

  std::string plan_folder_option = "migrations", plan_provider;
  CLI::App* plan_cmd = app.add_subcommand("plan", "print the exact steps apply would run, without connecting");
  plan_cmd->add_option("--folder", plan_folder_option, "migrations folder")->default_str("migrations");
  plan_cmd->add_option("--provider", plan_provider, "aurora-dsql | aurora-serverless-v2 | neon | postgres | dsql-local");

  ApplyCommandOptions apply;
  CLI::App* apply_cmd = app.add_subcommand("apply", "apply the pending migrations: tracked, locked, resumable");
  apply_cmd->alias("migrate");
  apply_cmd->add_option("--folder", apply.folder, "migrations folder")->default_str("migrations");
  add_connection(apply_cmd, apply.connection);
  apply_cmd->add_flag("--no-lock", apply.no_lock, "skip the migration lock (not recommended in production)");
  apply_cmd->add_flag("--dry-run", apply.dry_run, "read the tracking state and print what would run; write nothing");
  apply_cmd->add_flag("--allow-out-of-order", apply.allow_out_of_order, "apply files that sort before applied ones");
  apply_cmd->add_option("--lock-wait", apply.lock_wait_seconds, "seconds to wait for a held lock")->default_str("0");
  apply_cmd->add_option("--lease-seconds", apply.lease_seconds, "lease length")->default_str("300")->group("");

  std::string status_folder = "migrations";
  ConnectionOptions status_connection;
  bool status_json = false;
  CLI::App* status_cmd = app.add_subcommand("status", "each migration: applied, pending, running, failed, edited, missing");
  status_cmd->add_option("--folder", status_folder, "migrations folder")->default_str("migrations");
  add_connection(status_cmd, status_connection);
  status_cmd->add_flag("--json", status_json, "as JSON (version 1)");

  ConnectionOptions unlock_connection;
  bool unlock_force = false;
  CLI::App* unlock_cmd = app.add_subcommand("unlock", "release a stale migration lock");
  add_connection(unlock_cmd, unlock_connection);
  unlock_cmd->add_flag("--force", unlock_force, "release a lease that is still fresh");

  std::string rehash_folder = "migrations", rehash_file;
  ConnectionOptions rehash_connection;
  CLI::App* rehash_cmd = app.add_subcommand("rehash", "accept a reviewed edit of an applied migration");
  rehash_cmd->add_option("file", rehash_file, "the migration's file name")->required();
  rehash_cmd->add_option("--folder", rehash_folder, "migrations folder")->default_str("migrations");
  add_connection(rehash_cmd, rehash_connection);

  std::string permissions_folder = "permissions";
  ConnectionOptions permissions_connection;
  CLI::App* permissions_cmd = app.add_subcommand(
      "apply-permissions", "run the permissions folder's SQL (roles, grants) once per file version, tracked by hash");
  permissions_cmd->add_option("--folder", permissions_folder, "permissions folder")->default_str("permissions");
  add_connection(permissions_cmd, permissions_connection);

  std::string rehearse_folder = "migrations";
  CLI::App* rehearse_cmd =
      app.add_subcommand("rehearse", "apply the folder as DSQL would, on a throwaway local PostgreSQL, then remove it");
  rehearse_cmd->add_option("--folder", rehearse_folder, "migrations folder")->default_str("migrations");

  CLI::App* lambda_cmd = app.add_subcommand(
      "lambda", "serve as the MigrateDSQL AWS Lambda function (custom runtime): apply the bundled migrations on "
                "each invocation");
  std::string package_folder = "migrations", package_output = "migrate.zip";
  CLI::App* package_cmd = app.add_subcommand(
      "lambda-package", "write the MigrateDSQL function's zip for the provided.al2023 runtime: bootstrap, dsqlint, "
                        "its libraries and the migrations");
  package_cmd->add_option("--folder", package_folder, "migrations folder to bundle")->default_str("migrations");
  package_cmd->add_option("-o,--output", package_output, "the zip to write")->default_str("migrate.zip");

  CLI::App* man_cmd = app.add_subcommand("man", "print the manual page (roff)")->group("");

  bool rules_json = false, rules_kinds = false;
  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rule catalogue and the allow-list of statement kinds");
  rules_cmd->add_flag("--json", rules_json, "as JSON");
  rules_cmd->add_flag("--kinds", rules_kinds, "only the allow-list: every statement kind and its decision");

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
    // The message quotes what it could not take, e.g. a connection string with its password.
    std::cerr << "dsqlint: " << mask_secrets(e.what()) << "\nrun 'dsqlint --help' for usage\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  if (*check_cmd) return static_cast<int>(run_check(check));
  if (*plan_cmd) return run_plan(plan_folder_option, plan_provider);
  if (*apply_cmd) return run_apply(apply);
  if (*status_cmd) return run_status(status_folder, status_connection, status_json);
  if (*unlock_cmd) return run_unlock(unlock_connection, unlock_force);
  if (*rehearse_cmd) return run_rehearse(rehearse_folder);
  if (*permissions_cmd) return run_apply_permissions(permissions_folder, permissions_connection);
  if (*rehash_cmd) return run_rehash(rehash_folder, rehash_file, rehash_connection);
  if (*lambda_cmd) return run_lambda();
  if (*package_cmd) return run_lambda_package(package_folder, package_output);
  if (*rules_cmd) return static_cast<int>(run_rules(rules_json, rules_kinds));
  if (*fix_cmd) return static_cast<int>(run_fix(fix));
  if (*man_cmd) return static_cast<int>(run_man(app));
  return static_cast<int>(run_explain(explain_id));
}
