#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds QuantLens into ./build (or $QUANTLENS_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUANTLENS_BUILD_DIR:-$root/build}
jobs=${QUANTLENS_JOBS:-$(nproc)}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${QUANTLENS_BUILD_TYPE:-RelWithDebInfo} "$@"
cmake --build "$build" --parallel "$jobs"
