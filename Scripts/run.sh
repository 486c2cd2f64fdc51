#!/usr/bin/env bash
# The README's main command: install what is missing, build in release mode, run lagrangify.
# Usage: Scripts/run.sh "Q L H" [options]   (no arguments: "Q L H")
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build -c release --product lagrangify >&2
if [ $# -eq 0 ]; then set -- "Q L H"; fi
exec .build/release/lagrangify "$@"
