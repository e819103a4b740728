#!/bin/bash
# SPDX-License-Identifier: MIT
# Issue 15: the whole GPU check as one script, for a machine with a CUDA PyTorch and no Qt.
#   1. core-only build against that PyTorch's LibTorch (warnings as errors first; the log says
#      what, if anything, needed relaxing)
#   2. the core tests on the device (tests/device, QUANTLENS_TEST_DEVICE=cuda)
#   3. a CPU checkpoint written by another LibTorch (Debian's 1.13), resumed on the GPU
#   4. images/s of mnist-cnn, batch 128: plain, SGT, PACT 4-bit, PACT 4-bit + SGT, C++ against
#      the Python reference bench/sgt_step.py on the same GPU, two alternating rounds
#   5. time to 99.0% MNIST test accuracy, PACT 4-bit + SGT
#   6. CIFAR-10 resnet20 PACT 4-bit + SGT: test accuracy against wall time within a budget
#
#   scripts/gpu_check.sh DATA OUT [cifar-budget-s] [deadline-s]
# Stages that would run past deadline-s (default 500, from the start) are skipped or shortened,
# so that the figures and results.tar.gz come back within the device tool's per-call limit.
# DATA holds mnist/*.gz, cifar10-jpeg.tar.gz, optionally prefix/ (nlohmann_json, zlib
# headers for machines without them) and cpu113/last.ckpt. OUT receives summary.txt (the
# figures), log.txt (everything) and results.tar.gz (run folders, checkpoints).
set -u
data=$(cd "$1" && pwd)
out=$2
budget=${3:-120}
deadline=${4:-500}
mkdir -p "$out"
work=${TMPDIR:-/tmp}/ql-gpu
rm -rf "$work"
mkdir -p "$work"
t0=$(date +%s)
exec > >(tee -a "$out/log.txt") 2>&1
say() { echo "$*" | tee -a "$out/summary.txt"; }
stage() { say "== [$(($(date +%s) - t0)) s] $*"; }
left() { echo $((deadline - ($(date +%s) - t0))); }

stage "machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee -a "$out/summary.txt"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)' | tee -a "$out/summary.txt"
nproc
[ -x /usr/local/cuda/bin/nvcc ] && export PATH=$PATH:/usr/local/cuda/bin
command -v nvcc && nvcc --version | tail -1
command -v cmake ninja g++ && cmake --version | head -1 && g++ --version | head -1

# CIFAR-10 JPEG -> binary batches (about 20 s of CPU), while the build runs
python3 scripts/cifar_jpeg_to_binary.py "$data/cifar10-jpeg.tar.gz" "$work/cifar" \
  > "$work/cifar-convert.log" 2>&1 &
convert_pid=$!

stage "configure + build (core only)"
prefix=$(python3 -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')
opts=(-G Ninja -DQUANTLENS_CORE_ONLY=ON -DCMAKE_BUILD_TYPE=Release
      "-DCMAKE_PREFIX_PATH=$prefix;$data/prefix")
if [ ! -f /usr/include/zlib.h ] && [ -f "$data/prefix/include/zlib.h" ]; then
  libz=$(ldconfig -p | awk '/libz\.so\.1 / {print $NF; exit}')
  opts+=("-DZLIB_INCLUDE_DIR=$data/prefix/include" "-DZLIB_LIBRARY=$libz")
  say "zlib headers carried; library $libz"
fi
built=""
fused=""
targets=(--target tst_core_device bench_device_training)
# One build where possible: the fused CUDA PACT kernels in (QUANTLENS_PACT_CUDA=0 selects the
# ATen expression in the same binaries), warnings reported rather than fatal so that one pass
# lists them all; then without the kernels; then C++20 (a newer LibTorch may require it).
for extra in "-DQUANTLENS_CUDA_KERNELS=ON" "" "-DCMAKE_CXX_STANDARD=20"; do
  rm -rf build-gpu
  # shellcheck disable=SC2086
  if cmake -S . -B build-gpu "${opts[@]}" -DQUANTLENS_WERROR=OFF $extra > "$work/configure.log" 2>&1 &&
     cmake --build build-gpu -j "$(nproc)" "${targets[@]}" > "$work/build.log" 2>&1; then
    built="yes"
    case $extra in *CUDA_KERNELS*) fused="yes" ;; esac
    say "build OK with: ${extra:-(no fused kernels)}"
    break
  fi
  say "build FAILED with: ${extra:-(no fused kernels)}; first errors:"
  grep -m 15 -E "error|Error" "$work/configure.log" "$work/build.log" | cut -c1-400 |
    tee -a "$out/summary.txt"
done
cp "$work/configure.log" "$work/build.log" "$out/" 2>/dev/null
[ -n "$built" ] || { stage "no build: stop"; exit 1; }
# Warnings in QuantLens's own files (torch's headers are SYSTEM): with -Werror, each would stop
# the build.
grep "warning:" "$work/build.log" | grep -v "^/usr\|site-packages" | sort -u > "$work/warnings.txt"
say "compiler warnings in QuantLens code: $(wc -l < "$work/warnings.txt")"
head -20 "$work/warnings.txt" | cut -c1-300 | tee -a "$out/summary.txt"
bin=build-gpu

stage "core tests on cuda"
QUANTLENS_TEST_DEVICE=cuda timeout 240 "$bin/tests/device/tst_core_device" 2>&1 |
  tee "$work/tests.log" | grep -E "^(PASS|FAIL|RUN)|FAIL |relative|->|post-training|cases passed" |
  tee -a "$out/summary.txt"

if [ -n "$fused" ]; then
  stage "core tests on cuda, PACT as the ATen expression (QUANTLENS_PACT_CUDA=0)"
  for filter in pact trains; do
    QUANTLENS_PACT_CUDA=0 QUANTLENS_TEST_DEVICE=cuda timeout 120 "$bin/tests/device/tst_core_device" \
      $filter 2>&1 | tee -a "$work/tests-aten.log" | grep -E "^(PASS|FAIL)|FAIL |cases passed" |
      tee -a "$out/summary.txt"
  done
fi

if [ -f "$data/cpu113/last.ckpt" ]; then
  stage "resume a LibTorch 1.13 CPU checkpoint on cuda"
  timeout 120 "$bin/bench/bench_device_training" curve --device cuda --dataset mnist \
    --data-dir "$data/mnist" --bits 4 --sgt --epochs 1 --max-steps 60 \
    --resume "$data/cpu113/last.ckpt" --run-folder "$work/resume113" 2>&1 |
    grep -E "summary|outcome|error" | tee -a "$out/summary.txt"
fi

stage "images/s, mnist-cnn batch 128 (C++ Trainer vs Python reference, same GPU)"
for round in 1 2; do
  if [ "$round" = 2 ] && [ "$(left)" -lt 260 ]; then say "round 2 skipped (deadline)"; break; fi
  timeout 150 "$bin/bench/bench_device_training" speed --device cuda --data-dir "$data/mnist" \
    --steps 200 --warmup 20 2>>"$work/stderr.log" | grep images_per_s | sed "s/^/round $round /" |
    tee -a "$out/summary.txt"
  if [ -n "$fused" ]; then # the same binary with PACT as the ATen expression
    QUANTLENS_PACT_CUDA=0 timeout 150 "$bin/bench/bench_device_training" speed --device cuda \
      --data-dir "$data/mnist" --steps 200 --warmup 20 2>>"$work/stderr.log" | grep "images_per_s pact" |
      sed "s/^/round $round aten_pact /" | tee -a "$out/summary.txt"
  fi
  for mode in plain sgt pact4 pact4_sgt; do
    timeout 60 python3 bench/sgt_step.py --device cuda --optimizer adam --images-per-s \
      --mode "$mode" --steps 200 --warmup 20 | sed "s/^/round $round /" | tee -a "$out/summary.txt"
    case $mode in *sgt)
      timeout 60 python3 bench/sgt_step.py --device cuda --optimizer adam --images-per-s \
        --mode "$mode" --steps 200 --warmup 20 --reuse | sed "s/^/round $round /" |
        tee -a "$out/summary.txt" ;;
    esac
  done
done

stage "MNIST PACT 4-bit + SGT: time to 99.0% test accuracy"
for epochs in 3 5; do
  if [ "$(left)" -lt 150 ]; then say "epochs $epochs skipped (deadline)"; continue; fi
  timeout 150 "$bin/bench/bench_device_training" curve --device cuda --dataset mnist \
    --data-dir "$data/mnist" --bits 4 --sgt --epochs "$epochs" --eval-every 94 --target 0.99 \
    --run-folder "$work/mnist-e$epochs" 2>>"$work/stderr.log" | tee "$work/mnist-e$epochs.log" |
    grep -E "reached|summary|^epoch" | tee -a "$out/summary.txt"
done

stage "CIFAR-10: binary batches"
wait "$convert_pid"
tee -a "$out/summary.txt" < "$work/cifar-convert.log"
# The training budget shrinks to what the deadline leaves (probe, evaluations, packing: ~60 s).
room=$(($(left) - 60))
[ "$room" -lt "$budget" ] && budget=$room
stage "CIFAR-10 resnet20 PACT 4-bit + SGT, budget $budget s"
[ "$budget" -ge 20 ] && timeout $((budget + 60)) "$bin/bench/bench_device_training" curve --device cuda \
  --dataset cifar10 --data-dir "$work/cifar" --model resnet20 --bits 4 --sgt --augment \
  --optimizer sgd --lr 0.1 --weight-decay 5e-4 --time-budget "$budget" \
  --run-folder "$work/cifar-run" 2>>"$work/stderr.log" | tee "$work/cifar.log" |
  grep -E "probe|^epoch|summary|outcome" | tee -a "$out/summary.txt"

stage "pack results"
# Run folders without their checkpoints (mnist-cnn's are 15 MB), but with resnet20's (about
# 2 MB), written by this LibTorch for a cross-version load on the Debian machine.
(cd "$work" && tar cf r.tar --exclude='*.ckpt' --exclude=cifar ./*.log resume113 mnist-e3 \
  mnist-e5 cifar-run 2>/dev/null; tar rf r.tar cifar-run/best.ckpt 2>/dev/null
 gzip -c r.tar > "$out/results.tar.gz")
ls -la "$out"
stage "done"
