#!/usr/bin/env bash
# Browser test of the HTML report, run by CTest as report_browser: writes the
# report pages with the gtest binary, then opens them in headless Chromium
# through playwright-core (tests/browser). Screenshots go to OUTPUT_DIR.
#
# Usage: scripts/browser-test.sh SPRINTETL_TESTS_BINARY OUTPUT_DIR
set -euo pipefail

tests_binary=$1
output_dir=$2
browser_dir="$(cd "$(dirname "$0")/../tests/browser" && pwd)"

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "browser-test: no Chromium at $chromium; run scripts/setup.sh or set CHROMIUM" >&2
  exit 1
fi
if [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
  echo "browser-test: installing playwright-core from tests/browser/package-lock.json"
  (cd "$browser_dir" && npm ci --no-audit --no-fund)
fi

mkdir -p "$output_dir"
SPRINTETL_REPORT_PAGES_DIR="$output_dir/pages" "$tests_binary" \
  --gtest_filter='ReportPagesTest.*' --gtest_brief=1
CHROMIUM="$chromium" node "$browser_dir/check_reports.mjs" "$output_dir/pages" "$output_dir"
