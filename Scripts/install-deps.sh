#!/usr/bin/env bash
# Installs only what is missing: the C libraries lagrangify links (GMP, FLINT 2.9, OpenBLAS, static libstdc++) and LiE, the
# peer the Lie-group tests compare against. Shared by both README commands and .ci/run.
set -euo pipefail
need=()
for pkg in libgmp-dev libflint-dev libopenblas-dev pkg-config lie; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
# lagrangify links libstdc++ statically (Package.swift): the archive comes with the C++ development files, which the
# Swift toolchain's own requirements normally bring (Debian 12: libstdc++-12-dev).
compgen -G "/usr/lib/gcc/x86_64-linux-gnu/*/libstdc++.a" >/dev/null || need+=("libstdc++-12-dev")
if ((${#need[@]})); then
    echo "install-deps: installing ${need[*]}" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "install-deps: the Swift 6 toolchain is not on PATH (https://swift.org/install)" >&2; exit 1; }
