#!/bin/sh
# SPDX-License-Identifier: MIT
# C++ vs Python speed of the SGT + PACT 4-bit training step (mnist-cnn, batch 128, 2 threads,
# same LibTorch and BLAS: Debian's libtorch and python3-torch). Each round runs the C++ step,
# the Python reference design (separate eval-mode saliency pass) and the Python step with the
# C++ saliency reuse, one after the other; a round's ratio compares its fastest steps (the least
# disturbed by other load), and the reported ratio is the median over rounds, so that load that
# comes and goes on a shared machine cannot favour one side.
#   bench/compare_python.sh [build-dir] [threads] [rounds]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
threads=${2:-2}
rounds=${3:-3}
steps=${STEPS:-12}
ratios=""
i=1
while [ "$i" -le "$rounds" ]; do
  cpp=$("$build/bench/bench_sgt" "$threads" "$steps" | awk '/^cpp_ms_per_sgt_pact4_step/ {print $2}')
  ref=$(/usr/bin/python3 "$here/sgt_step.py" --threads "$threads" --steps "$steps" | awk '{print $2}')
  reuse=$(/usr/bin/python3 "$here/sgt_step.py" --threads "$threads" --steps "$steps" --reuse | awk '{print $2}')
  line=$(awk -v c="$cpp" -v p="$ref" -v r="$reuse" 'BEGIN { printf "%.2f %.2f", p / c, r / c }')
  echo "round $i: cpp $cpp ms, python reference $ref ms, python same-algorithm $reuse ms, ratios $line"
  ratios="$ratios$line
"
  i=$((i + 1))
done
printf "%s" "$ratios" | sort -n -k1 | awk '{a[NR] = $1} END {
  printf "speedup_cpp_over_python_reference %.2f (median of %d rounds; target >= 1.5)\n", a[int((NR + 1) / 2)], NR }'
printf "%s" "$ratios" | sort -n -k2 | awk '{a[NR] = $2} END {
  printf "speedup_cpp_over_python_same_algorithm %.2f (median of %d rounds)\n", a[int((NR + 1) / 2)], NR }'
