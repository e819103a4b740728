#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command (1): set up, build, fetch the default data set (MNIST) and launch the GUI.
# Without a display, runs the same job headless through the CLI instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build=${QUANTLENS_BUILD_DIR:-$root/build}
data=${QUANTLENS_DATA_DIR:-$HOME/.local/share/QuantLens/data}
"$build/app/cli/quantlens-cli" data fetch mnist --dir "$data"
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$build/app/gui/quantlens" --data-dir "$data" --dataset mnist
fi
echo "quickstart: no display found (DISPLAY and WAYLAND_DISPLAY are unset); running the default"
echo "quickstart: job headless with quantlens-cli instead of the GUI."
exec "$build/app/cli/quantlens-cli" train --dataset mnist --data-dir "$data" --model mnist-cnn \
  --epochs 1 --out "${QUANTLENS_RUN_DIR:-$root/runs/quickstart}"
