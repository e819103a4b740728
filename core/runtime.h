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
/// Also calls configureAllocator().
int configureThreads(int n);

/// Keeps the C heap from handing tensor buffers back to the kernel between training steps.
///
/// LibTorch's CPU allocator is plain malloc. glibc serves blocks above a (dynamic) threshold
/// with mmap and returns freed memory at the top of the heap with brk, so every step of a CNN
/// maps, zero-fills and unmaps its largest activations again: measured here, 20% of a
/// saliency-guided step was spent in the kernel's page-fault and page-clearing code. This
/// raises the mmap threshold to its maximum (32 MiB on 64-bit: activations up to that size
/// come from the heap) and the trim threshold to 1 GiB, so freed buffers are reused. The
/// process keeps its peak heap instead of shrinking after each step.
///
/// Process-wide, idempotent, glibc only (a no-op elsewhere, returning false). Skipped, and
/// returns false, when the user set MALLOC_MMAP_THRESHOLD_ or MALLOC_TRIM_THRESHOLD_ or
/// QUANTLENS_SYSTEM_MALLOC=1 in the environment.
bool configureAllocator();

/// Parses "cpu", "cuda", "cuda:1", "auto" (CUDA when available, else CPU). Throws
/// std::invalid_argument with a user-facing message for anything else or for an unavailable
/// CUDA device.
c10::Device parseDevice(const std::string &text);

/// The message a user sees for an exception. LibTorch's own errors (c10::Error) carry a C++
/// stack trace of 20+ frames: without verbose errors only their first line is kept, prefixed
/// with what it is and followed by what to do. std::bad_alloc says that memory ran out.
/// Everything else is e.what().
std::string describeException(const std::exception &e);
/// Process-wide: keep LibTorch's traces in describeException (quantlens-cli --verbose).
void setVerboseErrors(bool on);
bool verboseErrors();

/// Short description of the LibTorch build: version, CUDA availability, thread count.
std::string torchBuildSummary();

} // namespace ql::core
