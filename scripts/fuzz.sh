#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (clang, ASan + UBSan, in build-asan/) and runs each for
# QUANTLENS_FUZZ_SECONDS (default 25) with -rss_limit_mb=2048 and a 10 s per-input timeout.
# Seeds are generated small valid files (fuzz/make_seeds.cpp); findings land in
# build-asan/fuzz/artifacts/<target>/ and fail the run. Every finding must become a
# regression test (tests/reliability).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUANTLENS_SANITIZE_BUILD_DIR:-$root/build-asan}
jobs=${QUANTLENS_JOBS:-2}
seconds=${QUANTLENS_FUZZ_SECONDS:-25}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQUANTLENS_SANITIZE=ON -DQUANTLENS_FUZZ=ON -DQUANTLENS_WERROR=OFF \
  -DQUANTLENS_FUZZ_SECONDS="$seconds" "${launcher[@]}" >/dev/null
targets=(make_fuzz_seeds)
for t in idx cifar image checkpoint packed intpack config tar session; do targets+=("fuzz_$t"); done
cmake --build "$build" -j"$jobs" --target "${targets[@]}"
cd "$build"
# One target at a time: each fuzzer uses one core and up to 2 GiB.
ctest --output-on-failure -L fuzz -j 1
