#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Converts the CIFAR-10 image-folder archive (train/<class>/NNNN.jpg, test/<class>/NNNN.jpg,
as in ../shared/data/cifar10-jpeg.tar.gz) into the canonical binary batch layout that the core
reads without OpenCV (core/data/cifar_reader: records of 1 label byte + 3072 pixel bytes,
channel-planar R, G, B): data_batch_1..5.bin (10,000 records each), test_batch.bin and
batches.meta.txt. Used where only the core is built (the GPU machine of issue 15).

  python3 scripts/cifar_jpeg_to_binary.py cifar10-jpeg.tar.gz out-dir

Labels are the positions of the class folders in sorted order (the image-folder convention,
the same as the canonical CIFAR-10 order). Training records are interleaved by class.
"""
import io
import os
import sys
import tarfile

from PIL import Image


def main():
    archive, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    splits = {"train": [], "test": []}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            parts = member.name.strip("./").split("/")
            if not member.isfile() or len(parts) != 3 or parts[0] not in splits:
                continue
            image = Image.open(io.BytesIO(tar.extractfile(member).read())).convert("RGB")
            if image.size != (32, 32):
                sys.exit("%s is %dx%d, not 32x32" % (member.name, *image.size))
            r, g, b = image.split()
            splits[parts[0]].append((parts[2], parts[1], r.tobytes() + g.tobytes() + b.tobytes()))
    classes = sorted({c for _, c, _ in splits["train"]})
    if len(classes) != 10:
        sys.exit("expected 10 class folders, found %d" % len(classes))
    index = {c: i for i, c in enumerate(classes)}

    def records(items):
        items.sort(key=lambda t: (t[0], index[t[1]]))  # NNNN, then class: interleaved
        return [bytes([index[c]]) + pixels for _, c, pixels in items]

    train, test = records(splits["train"]), records(splits["test"])
    if len(train) != 50000 or len(test) != 10000:
        sys.exit("expected 50,000 + 10,000 images, found %d + %d" % (len(train), len(test)))
    for k in range(5):
        with open(os.path.join(out, "data_batch_%d.bin" % (k + 1)), "wb") as f:
            f.write(b"".join(train[k * 10000:(k + 1) * 10000]))
    with open(os.path.join(out, "test_batch.bin"), "wb") as f:
        f.write(b"".join(test))
    with open(os.path.join(out, "batches.meta.txt"), "w") as f:
        f.write("\n".join(classes) + "\n")
    print("wrote %d train and %d test records, classes %s" % (len(train), len(test), classes))


if __name__ == "__main__":
    main()
