// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"

#include <string>

namespace ql::core::deploy {

/// Whether this build has ONNX support (Debian's libonnx-dev found at configure time).
bool onnxExportAvailable();

/// Writes `model` as an ONNX model (opset 13), checked with onnx::checker before it is renamed
/// over `path` (a temporary file first, so no half-written file is left). Quantized layers:
/// weights stored as the signed integers q = 2 i - (2^k - 1) of their DoReFa levels i (int8 for
/// k <= 7, int32 for k = 8, whose grid needs 9 bits) followed by DequantizeLinear with scale
/// s / (2^k - 1); PACT as Clip(0, alpha) + QuantizeLinear / DequantizeLinear (uint8, zero point
/// 0, scale alpha / (2^k - 1)). Float layers: float weights, Relu. The encodings are described
/// in the model's metadata ("quantlens.*" keys). mnist-cnn and resnet20; dynamic batch.
/// Throws std::invalid_argument for an unsupported model, std::runtime_error naming the path
/// for I/O errors, and when ONNX support is not built in.
void exportOnnx(ClassifierImpl &model, const std::string &path);

/// Parses `path` as an ONNX model and runs onnx::checker::check_model on it. Throws
/// std::runtime_error naming the file and the problem (not ONNX, truncated, invalid graph).
void checkOnnxFile(const std::string &path);

} // namespace ql::core::deploy
