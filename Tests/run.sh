#!/usr/bin/env bash
# Runs prefaudit's whole test suite (Swift Testing), after installing what is missing.
# Release configuration: the numeric tests are far too slow in a debug build.
# Usage: bash Tests/run.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh
swift test -c release -Xswiftc -enable-testing "$@"
