#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with CTest.
# The tests start their own fake API servers on 127.0.0.1; nothing leaves
# the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j 2 --timeout 300
