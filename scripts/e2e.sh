#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end check of the desktop app: launches the real `quantlens` under Xvfb on MNIST,
# trains both models briefly (--autorun-demo), drops a digit image, saves a screenshot, quits.
#   scripts/e2e.sh [QUANTLENS_BINARY] [SCREENSHOT.png] [LANGUAGE]
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run or the MNIST data is absent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app=${1:-$root/build/app/gui/quantlens}
shot=${2:-$root/build/e2e/quantlens-e2e.png}
language=${3:-en}
steps=${QUANTLENS_E2E_STEPS:-60}
skip() { echo "e2e: SKIPPED: $*"; exit 77; }

command -v xvfb-run >/dev/null || skip "xvfb-run is not installed (apt-get install xvfb)"
[[ -x "$app" ]] || skip "$app was not built"
data=""
if [[ -n "${QUANTLENS_SHARED_DATA:-}" && -d "$QUANTLENS_SHARED_DATA/mnist" ]]; then
  data=$QUANTLENS_SHARED_DATA/mnist
elif [[ -n "${QUANTLENS_DATA_DIR:-}" && -d "$QUANTLENS_DATA_DIR" ]]; then
  data=$QUANTLENS_DATA_DIR
else
  cli=$(dirname "$app")/../cli/quantlens-cli
  tmpdata=$(mktemp -d)
  if [[ -x "$cli" ]] && "$cli" data fetch mnist --dir "$tmpdata" >/dev/null 2>&1; then
    data=$tmpdata
  else
    skip "no MNIST data (set QUANTLENS_SHARED_DATA or QUANTLENS_DATA_DIR)"
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A hand-drawn "7" on a white background (dark strokes): the app must invert and centre it.
python3 - "$work/seven.png" <<'PY'
import struct, sys, zlib
w = h = 64
img = [[255] * w for _ in range(h)]
for x in range(14, 52):
    for t in range(5):
        img[12 + t][x] = 20
for y in range(12, 56):
    x = 50 - (y - 12) * 22 // 44
    for t in range(-2, 3):
        img[y][x + t] = 20
raw = b"".join(b"\x00" + bytes(row) for row in img)
def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

mkdir -p "$(dirname "$shot")"
rm -f "$shot"
# Settings go to a throw-away folder: the run must not change the user's.
export XDG_CONFIG_HOME=$work/config
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$app" --data-dir "$data" --dataset mnist --language "$language" --threads 2 \
  --autorun-demo --demo-steps "$steps" --demo-image "$work/seven.png" --demo-expect 7 --screenshot "$shot"
[[ -s "$shot" ]] || { echo "e2e: no screenshot was written"; exit 1; }
echo "e2e: OK, screenshot $shot"
