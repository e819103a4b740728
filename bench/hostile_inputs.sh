#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 12: runs quantlens-cli on hostile inputs and prints one table row per input class:
# exit code, peak RSS (/usr/bin/time -v), wall time and the first line of the message.
#   bench/hostile_inputs.sh [BUILD_DIR]     (needs QUANTLENS_SHARED_DATA or ../shared/data)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cli=$build/app/cli/quantlens-cli
data=${QUANTLENS_SHARED_DATA:-$root/../shared/data}
py=/usr/bin/python3
work=$(mktemp -d /tmp/quantlens-hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT
export QUANTLENS_HOSTILE_WORK=$work

# --- the hostile files ------------------------------------------------------------------------
$py - <<'PY'
import json, os, struct, zlib
w = os.environ["QUANTLENS_HOSTILE_WORK"]
def png(path, width, height, rgb=True, alpha=False):
    """A real PNG of zeros, streamed (never holds the raw image)."""
    ctype = (6 if alpha else 2) if rgb else (4 if alpha else 0)
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    comp = zlib.compressobj(9)
    row = b"\0" * (1 + width * bpp)
    chunks = [comp.compress(row) for _ in range(height)] + [comp.flush()]
    data = b"".join(chunks)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, ctype, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
png(f"{w}/huge.png", 20000, 20000)
# An image folder: small images plus the huge one.
for split in ("train", "test"):
    for cls in ("a", "b"):
        os.makedirs(f"{w}/folder/{split}/{cls}", exist_ok=True)
        for i in range(3):
            png(f"{w}/folder/{split}/{cls}/{i}.png", 16, 16)
import shutil
shutil.copy(f"{w}/huge.png", f"{w}/folder/train/b/9.png")
# IDX named file that is 2 GiB of zeros, gzip-compressed (about 2 MB).
os.makedirs(f"{w}/zeros", exist_ok=True)
comp = zlib.compressobj(9, zlib.DEFLATED, 31)
block = b"\0" * (16 << 20)
with open(f"{w}/zeros/train-images-idx3-ubyte.gz", "wb") as f:
    for _ in range(128):
        f.write(comp.compress(block))
    f.write(comp.flush())
for name in ("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
    open(f"{w}/zeros/{name}", "wb").write(b"")
# IDX header claiming 60000 x 4096 x 4096 in a 16-byte raw file.
os.makedirs(f"{w}/claims", exist_ok=True)
open(f"{w}/claims/train-images-idx3-ubyte", "wb").write(struct.pack(">IIII", 2051, 60000, 4096, 4096))
for name in ("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
    open(f"{w}/claims/{name}", "wb").write(b"")
# Config files with numbers that used to wrap.
json.dump({"epochs": 4294967297}, open(f"{w}/epochs.json", "w"))
json.dump({"batchSize": 4294967424}, open(f"{w}/batch.json", "w"))
# An MNIST copy whose test split is empty.
os.makedirs(f"{w}/emptytest", exist_ok=True)
def idx_images(n):
    return struct.pack(">IIII", 2051, n, 28, 28) + bytes(784 * n)
def idx_labels(n):
    return struct.pack(">II", 2049, n) + bytes(i % 10 for i in range(n))
open(f"{w}/emptytest/train-images-idx3-ubyte", "wb").write(idx_images(20))
open(f"{w}/emptytest/train-labels-idx1-ubyte", "wb").write(idx_labels(20))
open(f"{w}/emptytest/t10k-images-idx3-ubyte", "wb").write(idx_images(0))
open(f"{w}/emptytest/t10k-labels-idx1-ubyte", "wb").write(idx_labels(0))
# Folders: an empty class, one class, grey vs grey+alpha.
for root, classes in (("emptyclass", ("a", "b", "c")), ("oneclass", ("a",)), ("alpha", ("a", "b"))):
    for split in ("train", "test"):
        for cls in classes:
            os.makedirs(f"{w}/{root}/{split}/{cls}", exist_ok=True)
            if root == "emptyclass" and cls == "c":
                continue
            grey_alpha = root == "alpha" and split == "test"
            for i in range(2):
                png(f"{w}/{root}/{split}/{cls}/{i}.png", 8, 8, rgb=False, alpha=grey_alpha)
PY
mkfifo "$work/fifo.ckpt" "$work/fifo.png"
mkdir -p "$work/dir.png"

# A small real checkpoint (forged copies below).
"$cli" train --dataset mnist --data-dir "$data/mnist" --model lenet5 --epochs 1 \
  --train-limit 256 --test-limit 100 --threads 2 --out "$work/run" >/dev/null 2>&1
ckpt=$work/run/last.ckpt
$py - "$ckpt" "$work" <<'PY'
import json, struct, sys, zlib
src, w = sys.argv[1], sys.argv[2]
raw = open(src, "rb").read()
jsize, asize = struct.unpack("<QQ", raw[8:24])
meta = json.loads(raw[28:28 + jsize]); archive = raw[28 + jsize:]
def forge(name, edit):
    m = json.loads(json.dumps(meta)); edit(m)
    j = json.dumps(m).encode(); body = j + archive
    open(f"{w}/{name}", "wb").write(raw[:8] + struct.pack("<QQI", len(j), len(archive), zlib.crc32(body)) + body)
forge("classes.ckpt", lambda m: m["config"]["model"].__setitem__("numClasses", 100000))
forge("pixels.ckpt", lambda m: m["config"]["model"].__setitem__("imageSize", 600))
forge("negstep.ckpt", lambda m: m.__setitem__("stepInEpoch", -5))
PY

# --- the runs ---------------------------------------------------------------------------------
printf '| input | exit | peak RSS | time | message (first line) |\n|---|---|---|---|---|\n'
row() {
  local label=$1; shift
  local out=$work/out.txt
  timeout 120 /usr/bin/time -v "$cli" "$@" >"$out.stdout" 2>"$out" </dev/null
  local code=$?
  local rss=$(grep -E "Maximum resident set size" "$out" | awk '{print $6}')
  local wall=$(grep -E "Elapsed \(wall clock\)" "$out" | awk '{print $8}')
  local msg=$(grep -v -E "^\s+(Command being timed|User time|System time|Percent of CPU|Elapsed|Average|Maximum resident|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)" "$out" | grep -v "^$" | head -1 | cut -c1-260 | sed 's/|/\\|/g')
  [[ $code == 124 ]] && msg="(killed after 120 s: hangs)"
  printf '| %s | %s | %s MB | %s | %s |\n' "$label" "$code" "$((rss / 1024))" "$wall" "$msg"
}
sal=(saliency --checkpoint "$ckpt" --data-dir "$data/mnist" --out "$work/s.png" --threads 2)
row "20000x20000 PNG (saliency --image)" "${sal[@]}" --image "$work/huge.png"
row "20000x20000 PNG in an image folder" train --dataset "folder:$work/folder" --epochs 1 --out "$work/r1"
row "IDX .gz of 2 GiB zeros (2 MB file)" train --dataset mnist --data-dir "$work/zeros" --out "$work/r2"
row "IDX header: 60000x4096x4096, 16 bytes" train --dataset mnist --data-dir "$work/claims" --out "$work/r3"
row "checkpoint metadata: 100000 classes" "${sal[@]/$ckpt/$work/classes.ckpt}"
row "checkpoint metadata: 600-pixel images" "${sal[@]/$ckpt/$work/pixels.ckpt}"
row "checkpoint: negative step (train --resume)" train --resume "$work/negstep.ckpt" --out "$work/r4"
row "train --epochs 4294967297" train --epochs 4294967297 --out "$work/r5"
row "train --batch-size 4294967424" train --batch-size 4294967424 --out "$work/r5"
row "train --wbits 4294967300" train --wbits 4294967300 --out "$work/r5"
row "compare --bits 4294967300" compare --bits 4294967300 --out "$work/r5"
row "--config {epochs: 4294967297}" train --config "$work/epochs.json" --out "$work/r5"
row "--config {batchSize: 4294967424}" train --config "$work/batch.json" --out "$work/r5"
row "evaluate --limit abc" evaluate --checkpoint "$ckpt" --limit abc --out "$work/e"
row "evaluate --threads abc" evaluate --checkpoint "$ckpt" --threads abc --out "$work/e"
row "evaluate --threads 1000" evaluate --checkpoint "$ckpt" --threads 1000 --out "$work/e"
row "evaluate --deletion-steps 1000000000" evaluate --checkpoint "$ckpt" --deletion-steps 1000000000 --out "$work/e"
row "saliency --samples 1000000000" "${sal[@]}" --method smoothgrad --samples 1000000000
row "saliency --clip abc" "${sal[@]}" --clip abc
row "saliency --overlay abc" "${sal[@]}" --overlay abc
row "train --seed abc" train --seed abc --out "$work/r5"
row "train --lr 1e300" train --lr 1e300 --out "$work/r5"
row "FIFO as --checkpoint" saliency --checkpoint "$work/fifo.ckpt" --out "$work/s.png"
row "FIFO as --image" "${sal[@]}" --image "$work/fifo.png"
row "directory as --image" "${sal[@]}" --image "$work/dir.png"
row "empty test split (MNIST IDX, 0 images)" train --dataset mnist --data-dir "$work/emptytest" --out "$work/r6"
row "image folder with an empty class folder" train --dataset "folder:$work/emptyclass" --out "$work/r7"
row "image folder with one class" train --dataset "folder:$work/oneclass" --out "$work/r8"
row "grey train vs grey+alpha test images" train --dataset "folder:$work/alpha" --out "$work/r9"
