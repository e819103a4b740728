#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# AddressSanitizer + UndefinedBehaviorSanitizer run (issue 12): a clang build of the core, the
# imaging library, their tests and the libFuzzer targets in build-asan/, then the core tests.
#   scripts/sanitize.sh            # the parser, numeric and reliability tests (default set)
#   QUANTLENS_SANITIZE_TESTS=all scripts/sanitize.sh   # every non-GUI test (much longer)
# Not in CI by default: the extra build alone takes longer than the rest of CI on 2 cores
# (see docs/RELIABILITY.md for the timings and the findings).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUANTLENS_SANITIZE_BUILD_DIR:-$root/build-asan}
jobs=${QUANTLENS_JOBS:-2}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQUANTLENS_SANITIZE=ON -DQUANTLENS_FUZZ=ON -DQUANTLENS_WERROR=OFF "${launcher[@]}" >/dev/null

core_tests=(tst_idx_reader tst_cifar_reader tst_data_batch tst_image_decode tst_image_folder
  tst_image_preprocess tst_config_json tst_checkpoint tst_runtime tst_packed_export
  tst_pact_activation tst_fused_ops tst_weight_quantizer tst_hostile_inputs tst_checkpoint_kill)
if [[ ${QUANTLENS_SANITIZE_TESTS:-} == all ]]; then
  cmake --build "$build" -j"$jobs"
  regex='.'
  exclude='^(e2e_gui|fuzz_)|tst_(main_window|widget|training_plot|bit_width|confusion|saliency_compare|image_drop|training_progress|engine|inference_worker|training_controller)'
else
  cmake --build "$build" -j"$jobs" --target "${core_tests[@]}" checkpoint_writer
  regex="^($(IFS='|'; echo "${core_tests[*]}"))\$"
  exclude='^$'
fi
cd "$build"
# Leak checking stays on; LibTorch's and Qt's process-lifetime singletons are suppressed.
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if [[ -z "${QUANTLENS_SHARED_DATA:-}" && -d "$root/../shared/data" ]]; then
  export QUANTLENS_SHARED_DATA="$root/../shared/data"
fi
ctest --output-on-failure --timeout 1200 -j "$jobs" -R "$regex" -E "$exclude"
