#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ThreadSanitizer run (issue 12): the threading tests (training controller with pause, stop
# and resume; the inference worker's newest-request-wins) in a clang build, build-tsan/, where
# the threading sources are compiled with -fsanitize=thread (tests/app/CMakeLists.txt).
# Not in CI: it needs its own clang configure; it takes a few minutes on 2 cores. Clean since
# the seventh session (docs/RELIABILITY.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUANTLENS_TSAN_BUILD_DIR:-$root/build-tsan}
jobs=${QUANTLENS_JOBS:-2}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQUANTLENS_TSAN=ON -DQUANTLENS_WERROR=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$jobs" --target tsan_tst_training_controller tsan_tst_inference_worker
cd "$build"
ctest --output-on-failure -L tsan -j 1 --repeat until-fail:${QUANTLENS_TSAN_REPEAT:-3}
