// SPDX-License-Identifier: MIT
#include "core/train/data_parallel.h"

#include "core/train/config_json.h"

#include <ATen/ATen.h>
#include <torch/autograd.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <sstream>

namespace ql::core {

std::vector<int64_t> shardPositions(const at::Tensor &labels, int rank, int worldSize)
{
    if (worldSize < 1 || rank < 0 || rank >= worldSize)
        throw std::invalid_argument("shardPositions: bad rank or world size");
    const at::Tensor l = labels.to(at::kCPU).to(at::kLong).contiguous();
    const int64_t n = l.numel();
    const int64_t *lab = l.data_ptr<int64_t>();
    std::vector<int64_t> byLabel(static_cast<size_t>(n));
    std::iota(byLabel.begin(), byLabel.end(), int64_t(0));
    std::stable_sort(byLabel.begin(), byLabel.end(),
                     [&](int64_t a, int64_t b) { return lab[a] < lab[b]; });
    std::vector<int64_t> mine;
    for (int64_t i = rank; i < n; i += worldSize)
        mine.push_back(byLabel[size_t(i)]);
    std::sort(mine.begin(), mine.end());
    return mine;
}

std::pair<int64_t, int64_t> evaluationRange(int64_t count, int rank, int worldSize)
{
    return {count * rank / worldSize, count * (rank + 1) / worldSize};
}

namespace {
uint64_t fnv1a(uint64_t h, const void *data, size_t size)
{
    const auto *p = static_cast<const unsigned char *>(data);
    for (size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t hashLabels(uint64_t h, const Dataset &d)
{
    const int64_t n = d.size();
    h = fnv1a(h, &n, sizeof n);
    if (n > 0 && d.labels.defined()) {
        const at::Tensor l = d.labels.to(at::kCPU).to(at::kLong).contiguous();
        h = fnv1a(h, l.data_ptr<int64_t>(), size_t(l.numel()) * sizeof(int64_t));
    }
    return h;
}
} // namespace

int64_t runFingerprint(const TrainingConfig &config, int worldSize, const Dataset &train,
                       const Dataset &test)
{
    TrainingConfig c = config;
    c.threads = 0;
    c.device.clear();
    c.dataDir.clear();
    const std::string json = toJsonString(c);
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, json.data(), json.size());
    h = fnv1a(h, &worldSize, sizeof worldSize);
    h = hashLabels(h, train);
    h = hashLabels(h, test);
    return static_cast<int64_t>(h & 0x7fffffffffffffffULL);
}

void checkSameRun(Communicator &comm, int64_t fingerprint)
{
    const std::vector<int64_t> all = comm.allGather(fingerprint);
    std::vector<int> differ;
    for (int r = 0; r < int(all.size()); ++r)
        if (all[size_t(r)] != all[0])
            differ.push_back(r);
    if (differ.empty())
        return;
    std::ostringstream s;
    s << "rank " << comm.rank() << " of " << comm.worldSize()
      << ": the ranks were started with different configurations or data (rank";
    s << (differ.size() > 1 ? "s " : " ");
    for (size_t i = 0; i < differ.size(); ++i)
        s << (i ? ", " : "") << differ[i];
    s << " differ from rank 0 in options, seed, limits, world size or data); start every rank "
         "with the same training options";
    throw DistributedError(s.str());
}

GradientAverager::GradientAverager(std::shared_ptr<Communicator> comm, int64_t bucketElements)
    : m_comm(std::move(comm)), m_bucketElements(std::max<int64_t>(1, bucketElements))
{
}

void GradientAverager::average(const std::vector<at::Tensor> &parameters, double localWeight)
{
    torch::NoGradGuard noGrad;
    const double scale = localWeight / double(m_comm->worldSize());
    size_t first = 0;
    while (first < parameters.size()) {
        // One bucket: consecutive parameters up to about m_bucketElements values.
        size_t last = first;
        int64_t elements = 0;
        std::vector<at::Tensor> grads;
        while (last < parameters.size() &&
               (grads.empty() || elements + parameters[last].numel() <= m_bucketElements)) {
            at::Tensor &g = parameters[last].mutable_grad();
            if (!g.defined())
                g = at::zeros_like(parameters[last]);
            grads.push_back(g);
            elements += parameters[last].numel();
            ++last;
        }
        std::vector<at::Tensor> flat;
        flat.reserve(grads.size());
        for (const auto &g : grads)
            flat.push_back(g.reshape({-1}));
        at::Tensor bucket = at::cat(flat).mul_(scale);
        const auto start = std::chrono::steady_clock::now();
        m_comm->allReduceSum(bucket);
        m_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ++m_calls;
        int64_t offset = 0;
        for (auto &g : grads) {
            g.copy_(bucket.narrow(0, offset, g.numel()).view(g.sizes()));
            offset += g.numel();
        }
        first = last;
    }
}

} // namespace ql::core
