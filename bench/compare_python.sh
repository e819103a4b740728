#!/bin/sh
# SPDX-License-Identifier: MIT
# C++ vs Python speed of the SGT + PACT 4-bit training step (mnist-cnn, batch 128, 2 threads,
# same LibTorch and BLAS: Debian's libtorch and python3-torch). Compares the fastest step of
# each (the least disturbed by other load on a shared machine).
#   bench/compare_python.sh [build-dir] [threads]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
threads=${2:-2}
steps=${STEPS:-20}
cpp=$("$build/bench/bench_sgt" "$threads" "$steps")
echo "$cpp"
cpp_ms=$(echo "$cpp" | awk '/^cpp_ms_per_sgt_pact4_step/ {print $2}')
py_ref=$(/usr/bin/python3 "$here/sgt_step.py" --threads "$threads" --steps "$steps" | awk '{print $2}')
py_reuse=$(/usr/bin/python3 "$here/sgt_step.py" --threads "$threads" --steps "$steps" --reuse | awk '{print $2}')
echo "python_ms_per_sgt_pact4_step (reference design, separate eval saliency pass) $py_ref"
echo "python_ms_per_sgt_pact4_step (same saliency reuse as C++) $py_reuse"
awk -v c="$cpp_ms" -v p="$py_ref" -v r="$py_reuse" 'BEGIN {
  printf "speedup_cpp_over_python_reference %.2f (target >= 1.5)\n", p / c;
  printf "speedup_cpp_over_python_same_algorithm %.2f\n", r / c }'
