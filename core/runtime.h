// SPDX-License-Identifier: MIT
#pragma once

#include <c10/core/Device.h>

#include <string>

namespace ql::core {

/// Number of threads LibTorch should use when the user asked for "all" (0): the hardware
/// concurrency, at least 1.
int defaultThreadCount();

/// Sets LibTorch's intra-op thread count for the calling thread's work. Debian's LibTorch
/// defaults to one thread; call this once at the start of every training or inference thread,
/// before any tensor operation. n <= 0 means defaultThreadCount(). Returns the count set.
int configureThreads(int n);

/// Parses "cpu", "cuda", "cuda:1", "auto" (CUDA when available, else CPU). Throws
/// std::invalid_argument with a user-facing message for anything else or for an unavailable
/// CUDA device.
c10::Device parseDevice(const std::string &text);

/// Short description of the LibTorch build: version, CUDA availability, thread count.
std::string torchBuildSummary();

} // namespace ql::core
