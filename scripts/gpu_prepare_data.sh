#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue 15: fills .gpudata/ (ignored by git; carried to the GPU machine) with what
# scripts/gpu_check.sh reads there: MNIST, the CIFAR-10 JPEG archive, the nlohmann_json and zlib
# development headers (the GPU machine has no apt), and a checkpoint written by this machine's
# LibTorch on the CPU (resumed there on the GPU). Needs a core build in build-core/ (or $1).
#   scripts/gpu_prepare_data.sh [build-core] [shared-data]
# Then, on the GPU machine: bash scripts/gpu_check.sh .gpudata OUT [cifar-budget-seconds]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-core}
shared=${2:-$root/../shared/data}
dest=$root/.gpudata
grep -qx '/.gpudata/' "$root/.git/info/exclude" 2>/dev/null ||
  { mkdir -p "$root/.git/info" && echo '/.gpudata/' >> "$root/.git/info/exclude"; }
mkdir -p "$dest/mnist" "$dest/prefix/include" "$dest/prefix/share/cmake"
cp "$shared"/mnist/*.gz "$dest/mnist/"
cp "$shared/cifar10-jpeg.tar.gz" "$dest/"
cp -r /usr/include/nlohmann "$dest/prefix/include/"
cp -r /usr/share/cmake/nlohmann_json "$dest/prefix/share/cmake/"
cp /usr/include/zlib.h /usr/include/zconf.h "$dest/prefix/include/"
if [ ! -f "$dest/cpu113/last.ckpt" ]; then
  "$build/bench/bench_device_training" curve --device cpu --dataset mnist \
    --data-dir "$dest/mnist" --bits 4 --sgt --epochs 1 --max-steps 30 --threads 2 \
    --run-folder "$dest/cpu113"
  rm -f "$dest/cpu113/best.ckpt" # 14 MB; last.ckpt is the one resumed
fi
du -sh "$dest"
