// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/model_spec.h"

#include <cstdint>

namespace ql::core {

/// Elements of every parameter and buffer that makeClassifier(spec) would allocate, computed
/// from the architecture's formulas without building anything (so a file's claimed spec can
/// be checked against the bytes the file holds before a model is built). Saturates at
/// INT64_MAX for absurd specs; -1 for an unknown architecture.
int64_t modelTensorElements(const ModelSpec &spec);

/// Largest input side a model may be built for (the construction dry run and every batch
/// scale with its square).
constexpr int64_t kMaxModelImageSize = 1024;
/// Largest number of input channels (1 grey, 3 colour; 4 with alpha).
constexpr int64_t kMaxModelChannels = 4;
/// Largest number of classes.
constexpr int64_t kMaxModelClasses = 100000;

} // namespace ql::core
