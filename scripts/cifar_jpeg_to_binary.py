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
from concurrent.futures import ProcessPoolExecutor


def decode(blob):
    """32x32 JPEG bytes -> 3072 channel-planar RGB bytes, with whichever decoder is installed
    (PIL; else torchvision; else OpenCV): the GPU machine may lack some of them."""
    try:
        from PIL import Image
        image = Image.open(io.BytesIO(blob)).convert("RGB")
        if image.size != (32, 32):
            return None
        r, g, b = image.split()
        return r.tobytes() + g.tobytes() + b.tobytes()
    except ImportError:
        pass
    try:
        import torch
        from torchvision.io import ImageReadMode, decode_jpeg
        chw = decode_jpeg(torch.frombuffer(bytearray(blob), dtype=torch.uint8),
                          mode=ImageReadMode.RGB)
    except ImportError:
        import cv2
        import numpy as np
        bgr = cv2.imdecode(np.frombuffer(blob, np.uint8), cv2.IMREAD_COLOR)
        if bgr is None or bgr.shape[:2] != (32, 32):
            return None
        return bgr[:, :, ::-1].transpose(2, 0, 1).tobytes()
    if tuple(chw.shape) != (3, 32, 32):
        return None
    return chw.contiguous().numpy().tobytes()


def main():
    archive, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    splits = {"train": [], "test": []}
    names, blobs = [], []
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            parts = member.name.strip("./").split("/")
            if not member.isfile() or len(parts) != 3 or parts[0] not in splits:
                continue
            names.append((member.name, parts))
            blobs.append(tar.extractfile(member).read())
    with ProcessPoolExecutor() as pool:  # decoding dominates: one process per core
        pixels = list(pool.map(decode, blobs, chunksize=500))
    for (name, parts), planar in zip(names, pixels):
        if planar is None:
            sys.exit("%s is not a 32x32 colour image" % name)
        splits[parts[0]].append((parts[2], parts[1], planar))
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
