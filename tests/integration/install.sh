#!/usr/bin/env bash
# `cmake --install` puts dsqlint where a user (and pre-commit's `language: system`) finds
# it: bin/dsqlint, a man page that renders and lists every rule, and the rule docs.
# Usage: install.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
[ -x "$prefix/bin/dsqlint" ] || fail "no bin/dsqlint"
"$prefix/bin/dsqlint" --version | grep -q '[0-9]\.[0-9]' || fail "bin/dsqlint --version"
page=$prefix/share/man/man1/dsqlint.1
[ -f "$page" ] || fail "no share/man/man1/dsqlint.1"

catalogue=$("$prefix/bin/dsqlint" rules --json |
  python3 -c 'import json, sys; [print(r["id"], r["class"]) for r in json.load(sys.stdin)]')
rules=$(awk '{print $1}' <<<"$catalogue")
[ -n "$rules" ] || fail "dsqlint rules listed nothing"
for id in $rules; do
  doc=$prefix/share/doc/dsqlint/rules/${id//-/_}.md
  [ -f "$doc" ] || fail "no rule doc $doc"
done

# The page renders without a single roff warning and lists every rule with its class.
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff failed: $warnings"
[ -z "$warnings" ] || fail "groff warnings: $warnings"
if command -v man >/dev/null; then
  MANWIDTH=100 man -l "$page" >/dev/null 2>"$prefix/man.err" || fail "man -l failed: $(cat "$prefix/man.err")"
fi
text=$(groff -man -Tutf8 -P-cbou -rLL=100n -rHY=0 "$page" 2>/dev/null)
for section in NAME SYNOPSIS DESCRIPTION COMMANDS RULES "EXIT STATUS"; do
  grep -q "^$section" <<<"$text" || fail "man page has no $section section"
done
# Each rule id, then its summary, then "(CLASS, severity)" (tags may share the line).
printf '%s' "$text" >"$prefix/page.txt"
python3 - "$catalogue" "$prefix/page.txt" <<'PY' || fail "man page rule catalogue"
import re, sys
text = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
for line in sys.argv[1].splitlines():
    rule, klass = line.split()
    found = re.search(r"(?:^| )" + re.escape(rule) + r" (.*?)\((OK|INDEX|REWRITE|STRIP|RECREATION|UNSUPPORTED),", text)
    if not found or found.group(2) != klass:
        sys.exit(f"man page does not list {rule} ({klass})")
PY
for command in check fix rules explain; do
  grep -q "^ *dsqlint $command" <<<"$text" || fail "man page has no usage for $command"
done
grep -q -- "--unsafe-fixes" <<<"$text" || fail "man page lacks fix's options"
echo "install test: ok ($(wc -w <<<"$rules") rules)"
