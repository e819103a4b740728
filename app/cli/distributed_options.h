// SPDX-License-Identifier: MIT
#pragma once

#include "core/dist/communicator.h"

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace ql::app {

/// `train`'s data-parallel options: --world-size, --rank, --rendezvous, --nproc, --backend,
/// --timeout.
void addDistributedOptions(QCommandLineParser &parser);

/// The rank this process plays, from --world-size/--rank/--rendezvous or, where those are
/// absent, torchrun's WORLD_SIZE, RANK, MASTER_ADDR and MASTER_PORT. Empty for an ordinary
/// one-process run (no world size, or 1). Throws std::invalid_argument with a translated
/// message. `device` is the training device (it decides --backend auto).
std::optional<core::DistributedOptions> distributedOptions(const QCommandLineParser &parser,
                                                           const std::string &device);

/// --nproc N (> 1): the worker count, else 0. Throws std::invalid_argument.
int localProcessCount(const QCommandLineParser &parser);

/// Runs `quantlens-cli train` N times on this machine as ranks 0..N-1 of one run over loopback
/// (a free port), with `args` (the train arguments without --nproc) plus --world-size, --rank,
/// --rendezvous, and --threads (cores / N unless given). Rank 0's output is this run's output;
/// the others' errors go to stderr. When a worker fails, the others get --timeout (+10 s) to
/// notice and are stopped after that. Returns rank 0's exit code, or the first failure's.
int runLocalWorkers(int nproc, QStringList args, double timeoutSeconds);

} // namespace ql::app
