#!/usr/bin/env bash
# Fetches DuckDB's C header and shared library from the npm registry, checks
# both archives against pinned SHA-256 sums and unpacks them into DEST:
#   DEST/include/duckdb.h   from duckdb@1.4.4 (the last package that ships it)
#   DEST/lib/libduckdb.so   from @duckdb/node-bindings-linux-x64@1.4.4-r.4
# Both come from the same DuckDB release, so header and library agree.
# Usage: scripts/fetch-duckdb.sh DEST        (downloads are cached in DEST/../npm-cache)
set -euo pipefail

dest=${1:?usage: fetch-duckdb.sh DEST}
header_pkg="duckdb@1.4.4"
header_sha="5bb967dcbcd517670ba5f169f238fb9d6787e53752c60ebe24386169d76941ed"
lib_pkg="@duckdb/node-bindings-linux-x64@1.4.4-r.4"
lib_sha="732fac4dc6b8f198870b9c4bb6ddf13544466daca00ad28ba2f1d80de5d7aa4b"

if [ "$(uname -m)" != "x86_64" ]; then
  echo "fetch-duckdb: only linux x86-64 is supported (this machine is $(uname -m))" >&2
  exit 1
fi
command -v npm >/dev/null || { echo "fetch-duckdb: npm is missing; install Debian's npm" >&2; exit 1; }

cache="$(dirname "$dest")/npm-cache"
mkdir -p "$cache" "$dest/include" "$dest/lib"

# Prints the path of the cached tarball of package $1, packing it when absent.
fetch() {
  local pkg=$1 sha=$2 tgz
  tgz=$(ls "$cache"/*.tgz 2>/dev/null | while read -r f; do
    [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$sha" ] && echo "$f"; done | head -n1)
  if [ -z "$tgz" ]; then
    (cd "$cache" && npm pack --silent "$pkg" >/dev/null)
    tgz=$(ls "$cache"/*.tgz | while read -r f; do
      [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$sha" ] && echo "$f"; done | head -n1)
  fi
  if [ -z "$tgz" ]; then
    echo "fetch-duckdb: $pkg did not match its pinned SHA-256 $sha; refusing to use it" >&2
    exit 1
  fi
  echo "$tgz"
}

header_tgz=$(fetch "$header_pkg" "$header_sha")
lib_tgz=$(fetch "$lib_pkg" "$lib_sha")

tar -xzf "$header_tgz" -O package/src/duckdb/src/include/duckdb.h > "$dest/include/duckdb.h.tmp"
tar -xzf "$lib_tgz" -O package/libduckdb.so > "$dest/lib/libduckdb.so.tmp"
tar -xzf "$lib_tgz" -O package/LICENSE > "$dest/LICENSE"
mv "$dest/include/duckdb.h.tmp" "$dest/include/duckdb.h"
mv "$dest/lib/libduckdb.so.tmp" "$dest/lib/libduckdb.so"
echo "fetch-duckdb: DuckDB 1.4.4 ready in $dest"
