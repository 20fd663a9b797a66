#!/usr/bin/env bash
# Analyses every BigQuery statement sprintetl renders with ZetaSQL, offline.
# Usage: tests/zetasql/check.sh PATH/TO/sprintetl_bigquery_statements [SQL_DIR]
# SQL_DIR (default: the source tree's sql/) is the folder of models, data
# tests and schema to render.
# Installs the pinned npm package on first use (npm ci), then runs analyze.mjs,
# which starts ZetaSQL's server on 127.0.0.1 and stops it afterwards. Exits 77
# (skipped under ctest) when node or npm is missing, except under CI=true.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
statements_tool="$1"
sql_dir="${2:-}"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "zetasql check: node and npm are needed; install them (scripts/setup.sh) to run it" >&2
  # CI installs both, so a missing one there is a broken setup, not a reason to skip.
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 77
fi
if [ ! -x "$here/node_modules/@fivetrandevelopers/zetasql/lib/zetasql/remote_server.so" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

statements="$(mktemp --suffix=.json)"
trap 'rm -f "$statements"' EXIT
"$statements_tool" sprintetl ${sql_dir:+"$sql_dir"} > "$statements"
node "$here/analyze.mjs" "$statements"
