#!/usr/bin/env bash
# The hooks in .pre-commit-hooks.yaml, run by Debian's real pre-commit in a scratch git
# repository, with dsqlint on PATH as an installed binary would be: a bad migration is
# refused with its finding shown, a good one commits, a staged file is judged with the
# history of its folder, and dsqlint-fix rewrites a file.
# Usage: pre-commit.sh DSQLINT_BINARY SOURCE_DIR        (exits 77, skipped, without pre-commit)
set -euo pipefail
binary=$1
source_dir=$2
if ! command -v pre-commit >/dev/null || ! command -v git >/dev/null; then
  echo "skipped: pre-commit and git are not installed (.ci/install-deps installs them)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "pre-commit test: $*" >&2
  [ -f "$tmp/out" ] && cat "$tmp/out" >&2
  exit 1
}

# Nothing from the user's own git or pre-commit setup: HOME, config and caches are scratch.
export HOME=$tmp/home GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME=$tmp/cache PRE_COMMIT_COLOR=never
mkdir -p "$HOME" "$tmp/bin"
ln -s "$(realpath "$binary")" "$tmp/bin/dsqlint"
export PATH=$tmp/bin:$PATH
new_repo() {
  git init -q -b main "$1"
  git -C "$1" config user.name "dsqlint test"
  git -C "$1" config user.email "test@dsqlint.invalid"
}

# The hook repository: this working tree's hook file, committed (pre-commit clones a rev).
hooks=$tmp/hooks
new_repo "$hooks"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m "dsqlint hooks"
rev=$(git -C "$hooks" rev-parse HEAD)

project=$tmp/project
new_repo "$project"
cd "$project"
mkdir -p db/migrations
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: dsqlint
        files: ^db/migrations/.*\.sql$
YAML
git add .pre-commit-config.yaml
git commit -q -m "pre-commit config"
pre-commit install >/dev/null

# A good migration commits.
printf 'CREATE TABLE "items" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "name" text);\n' \
  >db/migrations/0001_items.sql
git add db/migrations/0001_items.sql
git commit -m "items" >"$tmp/out" 2>&1 || fail "a good migration was refused"
grep -q "dsqlint (Aurora DSQL migrations).*Passed" "$tmp/out" || fail "the hook did not run on the good migration"

# A migration DSQL rejects is refused, and the finding is shown with its place.
printf -- '-- touch rows\nCREATE TRIGGER "items_touch" BEFORE UPDATE ON "items"\n  FOR EACH ROW EXECUTE FUNCTION touch();\n' \
  >db/migrations/0002_trigger.sql
git add db/migrations/0002_trigger.sql
if git commit -m "trigger" >"$tmp/out" 2>&1; then fail "a migration with a trigger was committed"; fi
grep -q "Failed" "$tmp/out" || fail "the hook did not fail"
grep -Eq "db/migrations/0002_trigger.sql:2:[0-9]+: error: .*\[create-trigger\]" "$tmp/out" || fail "the finding is not shown"
[ "$(git rev-list --count HEAD)" = 2 ] || fail "the refused commit exists"
git rm -q --cached db/migrations/0002_trigger.sql
rm db/migrations/0002_trigger.sql

# A staged file is judged with the history of its folder: 0004 indexes a jsonb column that the
# committed 0003 added, so the commit is refused although 0004 alone looks harmless.
printf 'CREATE TABLE "docs" ("id" uuid PRIMARY KEY, "body" jsonb);\n' >db/migrations/0003_docs.sql
git add db/migrations/0003_docs.sql
git commit -m "docs" >"$tmp/out" 2>&1 || fail "the docs table was refused"
printf 'CREATE INDEX ASYNC "docs_body_idx" ON "docs" ("body");\n' >db/migrations/0004_docs_index.sql
git add db/migrations/0004_docs_index.sql
if git commit -m "docs index" >"$tmp/out" 2>&1; then fail "an index on a jsonb column was committed"; fi
grep -Eq "db/migrations/0004_docs_index.sql:1:[0-9]+: error: .*\[index-key-type\]" "$tmp/out" ||
  fail "the staged file was not judged with its history"
git rm -q --cached db/migrations/0004_docs_index.sql
rm db/migrations/0004_docs_index.sql

# try-repo, as a hook author tries the repository: dsqlint-fix rewrites the index to
# ASYNC (pre-commit fails a hook that changes files), then passes.
printf 'CREATE INDEX "items_name_idx" ON "items" ("name");\n' >db/migrations/0005_index.sql
git add db/migrations/0005_index.sql
if pre-commit try-repo "$hooks" dsqlint-fix --files db/migrations/0005_index.sql >"$tmp/out" 2>&1; then
  fail "dsqlint-fix passed although it rewrote the file"
fi
grep -q "files were modified by this hook" "$tmp/out" || fail "dsqlint-fix did not modify the file"
[ "$(cat db/migrations/0005_index.sql)" = 'CREATE INDEX ASYNC "items_name_idx" ON "items" ("name");' ] ||
  fail "dsqlint-fix wrote: $(cat db/migrations/0005_index.sql)"
pre-commit try-repo "$hooks" dsqlint-fix --files db/migrations/0005_index.sql >"$tmp/out" 2>&1 ||
  fail "dsqlint-fix failed on a fixed file"
pre-commit try-repo "$hooks" dsqlint --files db/migrations/0005_index.sql >"$tmp/out" 2>&1 ||
  fail "dsqlint failed on a fixed file"
echo "pre-commit test: ok"
