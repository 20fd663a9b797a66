#!/bin/sh
# Checks the fake BigQuery against the official Node.js client: installs the
# pinned @google-cloud/bigquery with `npm ci` into WORK_DIR, starts
# sprintetl-fake-apis on 127.0.0.1, runs check.js and checks the fake's
# request log. No Google host is contacted: check.js blocks every other host,
# no credentials are set, and metadata-server detection is off.
#
# Usage: run_check.sh FAKE_APIS_BINARY WORK_DIR
set -eu

fake_binary=$(realpath "$1")
work_dir=$2
here=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$work_dir"
cp "$here/package.json" "$here/package-lock.json" "$here/check.js" "$work_dir/"
cd "$work_dir"
if ! npm ci --no-audit --no-fund --loglevel=error >npm.log 2>&1; then
  cat npm.log >&2
  echo "npm ci failed; see above" >&2
  exit 1
fi

rm -f ports key.json fake.log
"$fake_binary" --port-file ports --bigquery-key-file key.json --verbose 2>fake.log &
fake_pid=$!
trap 'kill "$fake_pid" 2>/dev/null || true' EXIT
tries=0
while [ ! -s ports ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then
    echo "the fake APIs did not write their port file" >&2
    cat fake.log >&2
    exit 1
  fi
  sleep 0.1
done
base_url=$(sed -n 's/^bigquery=//p' ports)

env -u GOOGLE_APPLICATION_CREDENTIALS METADATA_SERVER_DETECTION=none \
  node check.js "$base_url" key.json "$work_dir"

# The fake logged the upload, the duplicate upload (409) and the query results calls.
grep -q "^bigquery POST /upload/bigquery/v2/projects/test-project/jobs?uploadType=multipart -> 200" fake.log
grep -q "^bigquery POST /upload/bigquery/v2/projects/test-project/jobs?uploadType=multipart -> 409" fake.log
grep -q "^bigquery GET /bigquery/v2/projects/test-project/queries/node_check_query_items" fake.log
echo "fake request log: $(grep -c "^bigquery " fake.log) BigQuery requests"
