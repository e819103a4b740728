// SPDX-License-Identifier: MIT
// The c10d side of the Communicator: a TCPStore hosted by rank 0 and a Gloo (CPU) or NCCL
// (CUDA) process group. Compiled only where LibTorch has them (core/dist/CMakeLists.txt); the
// calls used here exist with these signatures in LibTorch 1.13 and 2.x (where the process
// groups derive from c10d::Backend instead of c10d::ProcessGroup).
#include "core/dist/communicator.h"

#include <ATen/ATen.h>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>

namespace ql::core {

namespace {

std::string where(const DistributedOptions &o)
{
    return o.host + ":" + std::to_string(o.port);
}

std::string rankName(int rank, int worldSize)
{
    return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize);
}

/// Wraps any failure of a collective into a message a user can act on.
[[noreturn]] void rethrowCollective(const char *what, int rank, int worldSize, double timeout,
                                    const std::exception &e)
{
    throw DistributedError(rankName(rank, worldSize) + ": " + what +
                           " failed: another rank stopped (it died, failed, or did not answer "
                           "within the time-out of " +
                           std::to_string(int(std::lround(timeout))) + " s). Details: " + e.what());
}

template <typename Group> class C10dCommunicator final : public Communicator {
public:
    C10dCommunicator(c10::intrusive_ptr<c10d::Store> store, c10::intrusive_ptr<Group> group,
                     const DistributedOptions &o, std::string backend, bool onCuda)
        : m_store(std::move(store)), m_group(std::move(group)), m_options(o),
          m_backend(std::move(backend)), m_onCuda(onCuda)
    {
    }
    int rank() const override { return m_options.rank; }
    int worldSize() const override { return m_options.worldSize; }
    std::string backendName() const override { return m_backend; }

    void allReduceSum(at::Tensor &tensor) override
    {
        run("all-reduce", tensor, [&](std::vector<at::Tensor> &t) {
            c10d::AllreduceOptions opts;
            opts.reduceOp = c10d::ReduceOp::SUM;
            return m_group->allreduce(t, opts);
        });
    }

    void broadcast(at::Tensor &tensor) override
    {
        run("broadcast", tensor, [&](std::vector<at::Tensor> &t) {
            c10d::BroadcastOptions opts;
            opts.rootRank = 0;
            return m_group->broadcast(t, opts);
        });
    }

private:
    template <typename Op> void run(const char *what, at::Tensor &tensor, const Op &op)
    {
        // NCCL reduces CUDA tensors only; Gloo (here) CPU tensors only.
        const bool move = m_onCuda != tensor.is_cuda();
        std::vector<at::Tensor> t{
            move ? tensor.to(m_onCuda ? at::Device(m_options.device) : at::Device(at::kCPU))
                 : tensor};
        try {
            auto work = op(t);
            work->wait();
        } catch (const std::exception &e) {
            rethrowCollective(what, m_options.rank, m_options.worldSize, m_options.timeoutSeconds,
                              e);
        }
        if (move)
            tensor.copy_(t[0]);
    }

    c10::intrusive_ptr<c10d::Store> m_store;
    c10::intrusive_ptr<Group> m_group;
    DistributedOptions m_options;
    std::string m_backend;
    bool m_onCuda;
};

} // namespace

std::string distributedBackends()
{
#ifdef USE_C10D_NCCL
    return "gloo, nccl";
#else
    return "gloo";
#endif
}

std::shared_ptr<Communicator> connectRanks(const DistributedOptions &o)
{
    if (o.worldSize < 1)
        throw std::invalid_argument("the world size must be at least 1");
    if (o.rank < 0 || o.rank >= o.worldSize)
        throw std::invalid_argument("rank " + std::to_string(o.rank) +
                                    " is outside the world of size " + std::to_string(o.worldSize));
    if (o.port < 1 || o.port > 65535)
        throw std::invalid_argument("the rendezvous port must be in 1..65535");
    if (o.host.empty())
        throw std::invalid_argument("the rendezvous needs a host name or address");
    if (!(o.timeoutSeconds > 0))
        throw std::invalid_argument("the time-out must be positive");
    const bool cudaTensors = at::Device(o.device).is_cuda();
    std::string backend = o.backend;
    if (backend == "auto")
        backend = cudaTensors && distributedBackends().find("nccl") != std::string::npos ? "nccl"
                                                                                         : "gloo";
    if (backend != "gloo" && backend != "nccl")
        throw std::invalid_argument("unknown backend '" + o.backend + "' (auto, gloo, nccl)");
    if (backend == "nccl" && distributedBackends().find("nccl") == std::string::npos)
        throw std::invalid_argument("this LibTorch has no NCCL backend (it needs a CUDA "
                                    "LibTorch built with NCCL); use --backend gloo");
    if (backend == "nccl" && !cudaTensors)
        throw std::invalid_argument("NCCL reduces CUDA tensors: train on a cuda device");
    const auto timeout = std::chrono::milliseconds(std::llround(o.timeoutSeconds * 1000.0));
    const std::string me = rankName(o.rank, o.worldSize);

    c10::intrusive_ptr<c10d::Store> store;
    try {
        c10d::TCPStoreOptions so;
        so.port = static_cast<std::uint16_t>(o.port);
        so.isServer = o.rank == 0;
        so.numWorkers = static_cast<std::size_t>(o.worldSize);
        so.waitWorkers = true;
        so.timeout = timeout;
        store = c10::make_intrusive<c10d::TCPStore>(o.host, so);
    } catch (const std::exception &e) {
        const std::string detail = e.what();
        if (o.rank == 0 && detail.find("in use") != std::string::npos)
            throw DistributedError(me + ": cannot host the rendezvous on " + where(o) +
                                   ": the port is in use (choose another --rendezvous port). "
                                   "Details: " +
                                   detail);
        if (o.rank == 0)
            throw DistributedError(
                me + ": the rendezvous on " + where(o) + " failed: not all " +
                std::to_string(o.worldSize) + " ranks arrived within " +
                std::to_string(int(std::lround(o.timeoutSeconds))) +
                " s (are they all started, with the same --rendezvous?). Details: " + detail);
        throw DistributedError(
            me + ": cannot reach rank 0's rendezvous at " + where(o) + " within " +
            std::to_string(int(std::lround(o.timeoutSeconds))) +
            " s (is rank 0 running, and is the address right?). Details: " + detail);
    }

    try {
#ifdef USE_C10D_NCCL
        if (backend == "nccl") {
            auto options = c10d::ProcessGroupNCCL::Options::create();
            options->timeout = timeout;
            auto group =
                c10::make_intrusive<c10d::ProcessGroupNCCL>(store, o.rank, o.worldSize, options);
            return std::make_shared<C10dCommunicator<c10d::ProcessGroupNCCL>>(store, group, o,
                                                                              backend, true);
        }
#endif
        if (cudaTensors)
            throw std::invalid_argument("this build reduces CUDA tensors only with NCCL");
        auto options = c10d::ProcessGroupGloo::Options::create(timeout);
        // A loopback rendezvous keeps every rank on loopback; otherwise, as torchrun does, the
        // interface named by GLOO_SOCKET_IFNAME or the address this machine's name resolves to.
        const bool loopback = o.host == "localhost" || o.host.rfind("127.", 0) == 0;
        const char *ifname = std::getenv("GLOO_SOCKET_IFNAME");
        if (loopback)
            options->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else if (ifname && *ifname)
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
        else
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        options->threads = 2;
        auto group =
            c10::make_intrusive<c10d::ProcessGroupGloo>(store, o.rank, o.worldSize, options);
        return std::make_shared<C10dCommunicator<c10d::ProcessGroupGloo>>(store, group, o, backend,
                                                                          false);
    } catch (const std::invalid_argument &) {
        throw;
    } catch (const std::exception &e) {
        throw DistributedError(me + ": connecting the " + backend + " process group over " +
                               where(o) + " failed (a rank died or did not join within " +
                               std::to_string(int(std::lround(o.timeoutSeconds))) +
                               " s). Details: " + e.what());
    }
}

} // namespace ql::core
