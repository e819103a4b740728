// SPDX-License-Identifier: MIT
#include "core/runtime.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace ql::core {

int defaultThreadCount()
{
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

int configureThreads(int n)
{
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
        throw std::invalid_argument("unknown device '" + text +
                                    "': use cpu, cuda, cuda:N or auto");
    }
    if (device.is_cuda() && !torch::cuda::is_available())
        throw std::invalid_argument("device '" + text +
                                    "' requested, but this LibTorch has no usable CUDA device");
    if (device.is_cuda() && device.has_index() &&
        device.index() >= static_cast<int>(torch::cuda::device_count()))
        throw std::invalid_argument("device '" + text + "' does not exist: " +
                                    std::to_string(torch::cuda::device_count()) +
                                    " CUDA device(s) found");
    return device;
}

std::string torchBuildSummary()
{
    return std::string("LibTorch ") + TORCH_VERSION + (torch::cuda::is_available() ? ", CUDA" : ", CPU") +
           ", " + std::to_string(at::get_num_threads()) + " thread(s)";
}

} // namespace ql::core
