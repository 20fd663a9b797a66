#!/usr/bin/env bash
# The whole product on bundled sample data: installs what is missing, builds,
# starts the fake ClickUp and HubSpot servers on 127.0.0.1 (invented data,
# demo tokens that only the fakes accept), closes "Sprint 41" with a fixed
# clock into demo/sprintetl.duckdb, and prints where the report is.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build.sh

rm -rf demo && mkdir -p demo
build/tests/sprintetl-fake-apis --port-file demo/fake-apis.ports 2>demo/fake-apis.log &
fakes=$!
trap 'kill "$fakes" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s demo/fake-apis.ports ] && break; sleep 0.1; done
[ -s demo/fake-apis.ports ] || { echo "demo: the fake APIs did not start; see demo/fake-apis.log" >&2; exit 1; }

SPRINTETL_CLICKUP_BASE_URL=$(sed -n 's/^clickup=//p' demo/fake-apis.ports)
SPRINTETL_HUBSPOT_BASE_URL=$(sed -n 's/^hubspot=//p' demo/fake-apis.ports)
export SPRINTETL_CLICKUP_BASE_URL SPRINTETL_HUBSPOT_BASE_URL
export CLICKUP_API_TOKEN=pk_test_clickup HUBSPOT_ACCESS_TOKEN=pat-test-hubspot

# A fixed clock the day after Sprint 41 (11/3 - 11/16) ended, so the demo
# gives the same result on any day.
build/sprintetl --config config/demo.toml run --now 2026-11-17T12:00:00Z
echo
echo "Open the report: $(pwd)/demo/report/sprint-report.html"
