#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command (2): set up, build and run the whole test suite with CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build=${QUANTLENS_BUILD_DIR:-$root/build}
if [[ -z "${QUANTLENS_SHARED_DATA:-}" && -d "$root/../shared/data" ]]; then
  export QUANTLENS_SHARED_DATA="$root/../shared/data"
fi
cd "$build"
ctest --output-on-failure --timeout 900 -j "${QUANTLENS_TEST_JOBS:-2}"
# Opt-in (issue 12): the libFuzzer targets, 25 s each, in a separate clang ASan + UBSan build.
# Off by default: that build alone costs about as much as the rest of CI on 2 cores.
if [[ "${QUANTLENS_CI_FUZZ:-0}" == 1 ]]; then
  "$root/scripts/fuzz.sh"
fi
