// SPDX-License-Identifier: MIT
#include "core/runtime.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <c10/util/Exception.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ql::core {

int defaultThreadCount()
{
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

bool configureAllocator()
{
    static std::once_flag once;
    static bool applied = false;
    std::call_once(once, [] {
#if defined(__GLIBC__)
        const auto set = [](const char *name) {
            const char *value = std::getenv(name);
            return value != nullptr && *value != '\0' && std::string(value) != "0";
        };
        if (set("MALLOC_MMAP_THRESHOLD_") || set("MALLOC_TRIM_THRESHOLD_") ||
            set("QUANTLENS_SYSTEM_MALLOC"))
            return;
        // 32 MiB is glibc's largest mmap threshold on 64-bit (HEAP_MAX_SIZE / 2).
        const int mmapThreshold = static_cast<int>(sizeof(long) == 8 ? 32L << 20 : 512L << 10);
        applied = mallopt(M_MMAP_THRESHOLD, mmapThreshold) == 1 &&
                  mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1;
#endif
    });
    return applied;
}

int configureThreads(int n)
{
    configureAllocator();
    const int count = n > 0 ? n : defaultThreadCount();
    at::set_num_threads(count);
    return count;
}

c10::Device parseDevice(const std::string &text)
{
    if (text.empty() || text == "auto")
        return torch::cuda::is_available() ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
    c10::Device device(c10::kCPU);
    try {
        device = c10::Device(text);
    } catch (const std::exception &) {
        throw std::invalid_argument("unknown device '" + text + "': use cpu, cuda, cuda:N or auto");
    }
    if (device.is_cuda() && !torch::cuda::is_available())
        throw std::invalid_argument("device '" + text +
                                    "' requested, but this LibTorch has no usable CUDA device");
    if (device.is_cuda() && device.has_index() &&
        device.index() >= static_cast<int>(torch::cuda::device_count()))
        throw std::invalid_argument(
            "device '" + text + "' does not exist: " + std::to_string(torch::cuda::device_count()) +
            " CUDA device(s) found");
    return device;
}

std::string torchBuildSummary()
{
    return std::string("LibTorch ") + TORCH_VERSION +
           (torch::cuda::is_available() ? ", CUDA" : ", CPU") + ", " +
           std::to_string(at::get_num_threads()) + " thread(s)";
}

namespace {
std::atomic<bool> g_verboseErrors{false};
} // namespace

void setVerboseErrors(bool on)
{
    g_verboseErrors = on;
}

bool verboseErrors()
{
    return g_verboseErrors;
}

std::string describeException(const std::exception &e)
{
    if (const auto *torchError = dynamic_cast<const c10::Error *>(&e)) {
        if (g_verboseErrors)
            return torchError->what();
        std::string first = torchError->what_without_backtrace();
        const size_t newline = first.find('\n');
        if (newline != std::string::npos)
            first.resize(newline);
        return "LibTorch refused an operation: " + first +
               ". This usually means the data, the model and the settings do not fit together "
               "(image size, channels, classes, a checkpoint of another model, or an extreme "
               "setting); check them, or rerun with --verbose for the full trace.";
    }
    if (dynamic_cast<const std::bad_alloc *>(&e))
        return "out of memory (std::bad_alloc): use a smaller batch size, fewer images or a "
               "smaller model";
    return e.what();
}

} // namespace ql::core
