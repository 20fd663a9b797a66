#!/usr/bin/env bash
# Installs everything sprintetl needs to build and test on Debian 12:
# compilers, libraries and Chromium from Debian, DuckDB from the npm registry
# (through scripts/fetch-duckdb.sh at configure time), and playwright-core for
# the report's browser test (tests/browser, pinned by its package-lock.json).
# Safe to run again; it installs only what is missing. Runs apt-get through sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates tzdata
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libtomlplusplus-dev libcli11-dev
  libspdlog-dev libfmt-dev libcpp-httplib-dev libzstd-dev libhowardhinnant-date-dev
  libgtest-dev libgmock-dev libbenchmark-dev chromium
)

# Any npm on PATH fetches DuckDB; Debian's npm is installed only when there is none, since
# it conflicts with Node.js packages from other sources.
command -v npm >/dev/null || packages+=(npm)
command -v node >/dev/null || packages+=(nodejs)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"; then
    echo "setup: apt-get could not install: ${missing[*]}" >&2
    echo "setup: install them by hand (or fix the conflicting packages apt named), then rerun" >&2
    exit 1
  fi
fi
echo "setup: Debian packages ready"

# npm ci installs exactly the locked versions, into tests/browser/node_modules.
(cd "$(dirname "$0")/../tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
echo "setup: playwright-core ready in tests/browser"
