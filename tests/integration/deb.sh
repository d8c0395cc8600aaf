#!/usr/bin/env bash
# cpack builds a .deb that declares its runtime libraries and holds the binary, the man
# page and the rule docs; unpacked into a fresh root, the binary runs.
# Usage: deb.sh BUILD_DIR        (exits 77, skipped, without dpkg-deb and dpkg-shlibdeps)
set -euo pipefail
build=$1
if ! command -v dpkg-deb >/dev/null || ! command -v dpkg-shlibdeps >/dev/null; then
  echo "skipped: dpkg-deb and dpkg-shlibdeps (dpkg-dev) are not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb test: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; fail "cpack failed"; }
deb=$(ls "$tmp"/out/dsqlint_*.deb)
info=$(dpkg-deb -I "$deb")
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
for library in libc6 libfmt libsimdjson libstdc++6; do
  grep -q "$library" <<<"$depends" || fail "Depends lacks $library: $depends"
done
grep -q "^ Package: dsqlint$" <<<"$info" || fail "package name: $info"
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/dsqlint ./usr/share/man/man1/dsqlint.1 ./usr/share/doc/dsqlint/rules/create_index_sync.md; do
  grep -q " $path\$" <<<"$contents" || fail "the package lacks $path"
done
dpkg-deb -x "$deb" "$tmp/root"
version=$("$tmp/root/usr/bin/dsqlint" --version) || fail "the packaged binary does not run"
grep -q "$(sed -n 's/^ Version: //p' <<<"$info")" <<<"$version" || fail "version $version"
echo "deb test: ok ($(basename "$deb"); Depends: $depends)"
