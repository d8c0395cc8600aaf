#!/usr/bin/env bash
# Validates dsqlint's SARIF with Microsoft's SARIF Multitool: the committed SARIF 2.1.0
# schema (sarif/sarif-schema-2.1.0.json) plus the spec rules (SARIF1xxx/2xxx) and GitHub's
# ingestion rules (GH1xxx/GH2xxx). Fails on any error-level validator result.
#
# usage: sarif-multitool.sh DSQLINT_BINARY SOURCE_DIR WORK_DIR
#
# The multitool comes from npm (@microsoft/sarif-multitool, pinned below) and is cached in
# WORK_DIR/npm (or $DSQLINT_SARIF_MULTITOOL_DIR). Its Linux package is a self-contained .NET
# build: no .NET runtime is needed, and it runs with invariant globalization, so no libicu
# either. Without npm the script installs Debian's nodejs and npm when CI=true, and fails
# with instructions otherwise. The platform binary is called directly: the npm wrapper
# passes its arguments through a shell, which would split --rule-kind "Sarif;Gh".
set -euo pipefail

dsqlint=$(realpath "$1")
source_dir=$(realpath "$2")
work=$3
version=5.7.0
mkdir -p "$work"
work=$(realpath "$work")
cache=${DSQLINT_SARIF_MULTITOOL_DIR:-$work/npm}
tool=$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

fail() {
  echo "sarif-multitool: $*" >&2
  exit 1
}

install_npm() {
  command -v npm >/dev/null && return
  [ "${CI:-}" = true ] || fail "npm is missing: run .ci/install-deps (or apt-get install nodejs npm); CI=true installs it"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
}

install_multitool() {
  [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || fail "the multitool's npm package runs on Linux x86-64 only"
  if [ -x "$tool" ] && [[ "$("$tool" --version 2>&1 || true)" == *"Multitool $version"* ]]; then return; fi
  install_npm
  echo "installing @microsoft/sarif-multitool@$version into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error "@microsoft/sarif-multitool@$version" >&2
  [ -f "$tool" ] || fail "npm installed no $tool"
  chmod u+x "$tool"  # the package's postinstall does this, but newer npm skips install scripts
}

install_multitool
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

cases=$work/cases
rm -rf "$cases"
mkdir -p "$cases/inputs/with space"

# Runs dsqlint (from the directory in $at) writing SARIF to cases/NAME.sarif; findings
# (exit 1) and input errors (exit 2) are expected, a crash is not.
sarif() {
  local name=$1
  shift
  local status=0
  (cd "$at" && "$dsqlint" check --fail-on never "$@" --format "sarif=$cases/$name.sarif") </dev/null >/dev/null 2>&1 || status=$?
  [ "$status" -le 2 ] || fail "dsqlint check $* exited $status"
  [ -s "$cases/$name.sarif" ] || fail "dsqlint check $* wrote no SARIF"
}

at=$source_dir
sarif example fixtures/example/migrations
sarif rules-all fixtures/rules
sarif rules-some fixtures/rules/create-index-sync fixtures/rules/fk-add-without-not-valid \
  fixtures/rules/serial-type fixtures/rules/rls fixtures/rules/do-block-foreign-key
sarif syntax-error fixtures/rules/syntax-error/middle.sql
sarif report-fixtures fixtures/report

at=$cases/inputs
printf 'CREATE TABLE "t" ("id" text PRIMARY KEY);\nSELECT '"'"'caf\xe9'"'"';\n' >"$at/latin1.sql"
printf 'CREATE INDEX "i" ON "t" ("id");\n' >"$at/with space/café.sql"
printf 'CREATE TABLE "t" ("id" text PRIMARY KEY);\n' >"$at/clean.sql"
sarif input-errors latin1.sql "with space" missing.sql clean.sql
sarif clean clean.sql
(cd "$at" && printf 'CREATE INDEX "i" ON "t" ("id");\nALTER TABLE "t" ENABLE ROW LEVEL SECURITY;\n' |
  "$dsqlint" check - --stdin-filename db/migrations/0003.sql --format text --format "sarif=$cases/stdin.sarif" \
    >/dev/null) || [ $? -eq 1 ] || fail "dsqlint check - exited badly"

# A broken copy proves the validator sees errors at all: column 0 is the classic mistake.
python3 - "$cases/rules-some.sarif" "$cases/negative-control.sarif" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
json.dump(log, open(sys.argv[2], "w"))
EOF

out=$work/validation.sarif
"$tool" validate "$cases"/*.sarif --output "$out" --log ForceOverwrite --rule-kind "Sarif;Gh" \
  --json-schema "$source_dir/sarif/sarif-schema-2.1.0.json" \
  --config "$source_dir/tests/integration/sarif-multitool-config.xml" >"$work/validate.log" 2>&1 ||
  { cat "$work/validate.log" >&2; fail "the multitool failed"; }

python3 - "$out" "$cases" <<'EOF'
import collections, json, os, sys
log = json.load(open(sys.argv[1]))
cases = sorted(f for f in os.listdir(sys.argv[2]) if f.endswith(".sarif"))
run = log["runs"][0]
rules = {r["id"]: r for r in run["tool"]["driver"].get("rules", [])}
artifacts = [a["location"]["uri"] for a in run.get("artifacts", [])]
errors = collections.defaultdict(list)
counts = collections.Counter()
for result in run.get("results", []):
    rule = rules.get(result["ruleId"], {})
    level = result.get("level") or rule.get("defaultConfiguration", {}).get("level", "warning")
    loc = result["locations"][0]["physicalLocation"]["artifactLocation"]
    uri = loc.get("uri") or artifacts[loc["index"]]
    name = os.path.basename(uri)
    counts[(name, level)] += 1
    if level == "error":
        text = result["message"].get("text") or " ".join(result["message"].get("arguments", []))
        errors[name].append(f'{result["ruleId"]}: {text}')
for notification in run["invocations"][0].get("toolExecutionNotifications", []):
    if notification.get("level") == "error":
        errors["(validator)"].append(notification["message"]["text"])
files = sorted(set(cases) | {n for n, _ in counts})
print("SARIF multitool validation (spec + GitHub rules):")
for name in files:
    e, w = counts[(name, "error")], counts[(name, "warning")]
    print(f"  {name}: {e} errors, {w} warnings")
bad = False
if not errors.pop("negative-control.sarif", None):
    print("the negative control (startColumn 0) was not flagged: the validator checks nothing")
    bad = True
for name, messages in errors.items():
    bad = True
    print(f"{name}:")
    for m in messages[:20]:
        print(f"  error {m}")
if not bad:
    print(f"all {len(files) - 1} SARIF logs valid; the negative control was caught")
sys.exit(1 if bad else 0)
EOF
