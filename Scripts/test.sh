#!/usr/bin/env bash
# The README's test command: install what is missing, build, run every test (release build: the exact
# algebra and the transformer tests are 10-50x slower in debug).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift test -c release
