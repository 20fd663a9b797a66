#!/usr/bin/env bash
# Proves the ZetaSQL check can fail: renders a copy of SQL_DIR with one extra
# model and one extra data test holding three statements real BigQuery
# rejects, and expects check.sh to report exactly those three.
# Usage: tests/zetasql/check_rejects.sh PATH/TO/sprintetl_bigquery_statements SQL_DIR
# Exits 77 (skipped under ctest) when check.sh skips.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
statements_tool="$1"
sql_dir="$2"

broken="$(mktemp -d)"
output="$(mktemp)"
trap 'rm -rf "$broken" "$output"' EXIT
cp -r "$sql_dir"/. "$broken"/
cat > "$broken/models/999_rejected.sql" <<'SQL'
-- An unknown column.
UPDATE dim_task SET no_such_column = 1 WHERE true;
-- DuckDB's argument order; BigQuery's DATE_DIFF takes (end, start, part).
SELECT DATE_DIFF('day', DATE '2024-01-01', DATE '2024-01-02') AS days;
SQL
cat > "$broken/tests/999_rejected.sql" <<'SQL'
-- DuckDB's aggregate FILTER clause, which BigQuery lacks.
SELECT count(*) FILTER (WHERE is_current) AS current_rows FROM dim_task
SQL

"$here/check.sh" "$statements_tool" "$broken" > "$output" 2>&1
status=$?
cat "$output"
if [ "$status" -eq 77 ]; then exit 77; fi
if [ "$status" -ne 1 ]; then
  echo "check_rejects: expected check.sh to exit 1 for the rejected statements, got $status" >&2
  exit 1
fi
for expected in "999_rejected.sql: .*no_such_column" "999_rejected.sql: .*date part" \
                "sql/tests/999_rejected.sql: " " 3 failed$"; do
  if ! grep -q -- "$expected" "$output"; then
    echo "check_rejects: no line matching '$expected' in the check's output" >&2
    exit 1
  fi
done
echo "check_rejects: the check rejected all three statements"
