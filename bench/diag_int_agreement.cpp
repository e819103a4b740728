// SPDX-License-Identifier: MIT
// Diagnostic: where do the integer engine and the fake-quantized LibTorch model part ways?
// Runs a checkpoint's test images through (a) the fake-quantized model in float32, (b) the same
// model in float64 (its float32 fake-quantized weights, inputs and parameters, exact arithmetic
// up to 1e-16: the "true" function LibTorch approximates), (c) the integer engine, and prints
// top-1 agreement of each pair and, per PACT layer, how many activation levels differ.
#include "core/data/batch.h"
#include "core/data/normalization.h"
#include "core/deploy/int_engine.h"
#include "core/imaging/dataset_loader.h"
#include "core/quant/packed_export.h"
#include "core/quant/pact_activation.h"
#include "core/quant/quant_layers.h"
#include "core/runtime.h"
#include "core/train/checkpoint.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace ql::core;

namespace {

/// Logits and per-PACT levels (int, flattened per image) of a model on x.
torch::Tensor runTraced(ClassifierImpl &model, const torch::Tensor &x, int64_t batch,
                        std::vector<torch::Tensor> &levels, std::vector<torch::Tensor> &pre)
{
    auto ps = pactModules(model);
    levels.assign(ps.size(), torch::Tensor());
    pre.assign(ps.size(), torch::Tensor());
    std::vector<std::vector<torch::Tensor>> lv(ps.size()), pr(ps.size());
    for (size_t i = 0; i < ps.size(); ++i) {
        auto p = ps[i];
        const double L = (1 << p->bits()) - 1;
        const double alpha = p->alphaValue();
        p->setObserver([&lv, &pr, i, L, alpha](const torch::Tensor &t) {
            const torch::Tensor d = t.to(torch::kDouble);
            pr[i].push_back(d.clamp(0.0, alpha).mul(L / alpha).flatten(1));
            torch::Tensor l;
            if (t.scalar_type() == torch::kFloat)
                l = t.clamp(0.0, alpha).mul(static_cast<float>(L / alpha)).round();
            else
                l = t.clamp(0.0, alpha).mul(L / alpha).round();
            lv[i].push_back(l.to(torch::kInt).flatten(1));
        });
    }
    std::vector<torch::Tensor> outs;
    torch::NoGradGuard g;
    for (int64_t s = 0; s < x.size(0); s += batch)
        outs.push_back(model.forward(x.narrow(0, s, std::min(batch, x.size(0) - s))));
    for (size_t i = 0; i < ps.size(); ++i) {
        ps[i]->setObserver({});
        levels[i] = torch::cat(lv[i]);
        pre[i] = torch::cat(pr[i]);
    }
    return torch::cat(outs).to(torch::kDouble);
}

/// The checkpoint's model in float64: its float32 fake-quantized weights (grid = false) or the
/// exact grid q s / L (grid = true) as float weights, PACT unchanged.
ClassifierPtr float64Model(const std::string &ckpt, bool grid)
{
    ClassifierPtr m = loadModelFromCheckpoint(ckpt, torch::kCPU);
    torch::NoGradGuard g;
    std::vector<std::pair<QuantLayerBase *, torch::Tensor>> weights;
    for (const auto &mod : m->modules(false))
        if (auto *q = dynamic_cast<QuantLayerBase *>(mod.get())) {
            torch::Tensor w;
            if (grid) {
                const int bits = q->weightBits();
                const DoReFaLevels lv = doReFaLevels(q->weightParameter(), bits);
                const double L = (1 << bits) - 1;
                w = (lv.levels.to(torch::kDouble) * 2 - L) * (lv.scale / L);
            } else {
                w = q->quantizedWeight().detach().to(torch::kDouble);
            }
            weights.emplace_back(q, w);
        }
    m->to(torch::kDouble);
    for (auto &[q, w] : weights) {
        q->setWeightBits(kFloatBits);
        q->weightParameter().set_data(w);
    }
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: diag_int_agreement CKPT DATADIR [limit] [batch] [chunk]\n");
        return 2;
    }
    const std::string ckpt = argv[1], dir = argv[2];
    const int64_t limit = argc > 3 ? std::stoll(argv[3]) : 200;
    const int64_t batch = argc > 4 ? std::stoll(argv[4]) : 128;
    const int64_t chunk = argc > 5 ? std::stoll(argv[5]) : 128;
    configureThreads(1);
    CheckpointInfo info;
    ClassifierPtr model = loadModelFromCheckpoint(ckpt, torch::kCPU, &info);
    DataSplits data = ql::imaging::loadDataSplits(info.config.dataset, dir);
    data.test = balancedSubset(data.test, limit);
    const int64_t n = data.test.size();
    const torch::Tensor allImages = data.test.images.contiguous();
    exportPackedModel(*model, "/tmp/diag_int.qlpack", &data.norm);
    auto engine = deploy::IntEngine::load("/tmp/diag_int.qlpack", data.norm.mean, data.norm.std);
    ClassifierPtr m64 = float64Model(ckpt, false), grid = float64Model(ckpt, true);
    const auto ps = pactModules(*model);
    const size_t layers = ps.size();
    // Per layer: int/f32, int/f64, f32/f64, grid/f64, grid/f32; elements.
    std::vector<std::array<int64_t, 6>> flips(layers, std::array<int64_t, 6>{});
    std::vector<int64_t> sourceFlips(layers, 0);
    std::vector<double> sourceMaxDist(layers, 0.0);
    std::vector<torch::Tensor> zInt, z32, z32b, z64, zGrid, anyFlip, anyFlipB;
    int64_t refined = 0;
    for (int64_t start = 0; start < n; start += chunk) {
        const int64_t count = std::min(chunk, n - start);
        const torch::Tensor images = allImages.narrow(0, start, count).contiguous();
        const torch::Tensor x = normalizeImages(images, data.norm);
        std::vector<torch::Tensor> l32, p32, l32b, p32b, l64, p64, lg, pg;
        z32.push_back(runTraced(*model, x, batch, l32, p32));
        p32.clear();
        z32b.push_back(runTraced(*model, x, 1, l32b, p32b));
        p32b.clear();
        torch::Tensor flippedB = torch::zeros({count}, torch::kBool); // batch 1 != batch B
        for (size_t i = 0; i < l32b.size(); ++i)
            flippedB = flippedB | l32b[i].ne(l32[i]).any(1);
        anyFlipB.push_back(flippedB);
        l32b.clear();
        z64.push_back(runTraced(*m64, x.to(torch::kDouble), batch, l64, p64));
        zGrid.push_back(runTraced(*grid, x.to(torch::kDouble), batch, lg, pg));
        pg.clear();
        const torch::Tensor zi = torch::empty({count, model->spec().numClasses});
        deploy::IntTrace trace;
        engine->forwardPixels(images.data_ptr<uint8_t>(), count, zi.data_ptr<float>(), &trace);
        refined += trace.refined;
        zInt.push_back(zi.to(torch::kDouble));
        torch::Tensor clean = torch::ones({count}, torch::kBool);    // int = f64 so far
        torch::Tensor flipped = torch::zeros({count}, torch::kBool); // int != f32 anywhere
        for (size_t i = 0; i < layers; ++i) {
            const torch::Tensor li =
                torch::from_blob(trace.levels[i].data(), {count, l32[i].size(1)}, torch::kUInt8)
                    .to(torch::kInt);
            const torch::Tensor dI64 = li.ne(l64[i]);
            flips[i][0] += li.ne(l32[i]).sum().item<int64_t>();
            flips[i][1] += dI64.sum().item<int64_t>();
            flips[i][2] += l32[i].ne(l64[i]).sum().item<int64_t>();
            flips[i][3] += lg[i].ne(l64[i]).sum().item<int64_t>();
            flips[i][4] += lg[i].ne(l32[i]).sum().item<int64_t>();
            flips[i][5] += li.numel();
            flipped = flipped | li.ne(l32[i]).any(1);
            const torch::Tensor src = dI64 & clean.unsqueeze(1);
            const int64_t srcCount = src.sum().item<int64_t>();
            if (srcCount > 0) {
                const torch::Tensor v = p64[i].masked_select(src);
                sourceFlips[i] += srcCount;
                sourceMaxDist[i] =
                    std::max(sourceMaxDist[i], (v - v.floor() - 0.5).abs().max().item<double>());
            }
            clean = clean & dI64.any(1).logical_not();
        }
        anyFlip.push_back(flipped);
        std::fprintf(stderr, "\r%lld / %lld", static_cast<long long>(start + count),
                     static_cast<long long>(n));
    }
    std::fprintf(stderr, "\n");
    const torch::Tensor I = torch::cat(zInt), F = torch::cat(z32), B = torch::cat(z32b),
                        D = torch::cat(z64), G = torch::cat(zGrid), A = torch::cat(anyFlip);
    const auto agree = [&](const torch::Tensor &a, const torch::Tensor &b) {
        return static_cast<long long>(a.argmax(1).eq(b.argmax(1)).sum().item<int64_t>());
    };
    std::printf("%lld images of %s, %lld pre-activations refined (%.3g per image)\n",
                static_cast<long long>(n), ckpt.c_str(), static_cast<long long>(refined),
                static_cast<double>(refined) / static_cast<double>(n));
    std::printf("top-1 agreement: int/f32 %lld, f32/f64 %lld, int/f64 %lld, f32(batch 1)/f32 "
                "%lld, grid/f32 %lld (grid: float64 model on the exact weight grid q s/L, the "
                "arithmetic of the engine before the near-tie refinement)\n",
                agree(I, F), agree(F, D), agree(I, D), agree(B, F), agree(G, F));
    const torch::Tensor diff = (I - F).abs().amax(1);
    std::printf("images whose levels all equal the float32 model's: %lld; max |logit diff| "
                "there %.3g\n",
                static_cast<long long>(A.logical_not().sum().item<int64_t>()),
                A.logical_not().any().item<bool>()
                    ? diff.masked_select(A.logical_not()).max().item<double>()
                    : 0.0);
    if (A.any().item<bool>()) {
        const torch::Tensor d = std::get<0>(diff.masked_select(A).sort());
        const auto q = [&](double f) {
            return d[std::min<int64_t>(d.numel() - 1, static_cast<int64_t>(f * d.numel()))]
                .item<double>();
        };
        std::printf("images with a level differing: %lld; max |logit diff| quantiles 50%% %.3g "
                    "90%% %.3g 99%% %.3g max %.3g\n",
                    static_cast<long long>(d.numel()), q(0.5), q(0.9), q(0.99),
                    d[-1].item<double>());
    }
    const torch::Tensor AB = torch::cat(anyFlipB);
    const torch::Tensor diffB = std::get<0>((B - F).abs().amax(1).sort());
    std::printf("LibTorch float32, batch 1 against batch %lld: %lld images with a level "
                "differing; max |logit diff| per image 50%% %.3g 99%% %.3g 99.9%% %.3g max %.3g\n",
                static_cast<long long>(batch), static_cast<long long>(AB.sum().item<int64_t>()),
                diffB[n / 2].item<double>(), diffB[static_cast<int64_t>(0.99 * n)].item<double>(),
                diffB[std::min<int64_t>(n - 1, static_cast<int64_t>(0.999 * n))].item<double>(),
                diffB[-1].item<double>());
    const torch::Tensor allDiff = std::get<0>(diff.sort());
    std::printf("engine against LibTorch float32: max |logit diff| per image 50%% %.3g 99%% %.3g "
                "99.9%% %.3g max %.3g\n",
                allDiff[n / 2].item<double>(),
                allDiff[static_cast<int64_t>(0.99 * n)].item<double>(),
                allDiff[std::min<int64_t>(n - 1, static_cast<int64_t>(0.999 * n))].item<double>(),
                allDiff[-1].item<double>());
    const torch::Tensor disc = I.argmax(1).ne(F.argmax(1));
    if (disc.any().item<bool>()) {
        const torch::Tensor top2 = std::get<0>(F.topk(2, 1));
        const torch::Tensor margin = (top2.select(1, 0) - top2.select(1, 1)).masked_select(disc);
        std::printf("discordant images: float32 top-1 margins");
        for (int64_t i = 0; i < margin.numel(); ++i)
            std::printf(" %.3g", margin[i].item<double>());
        std::printf("; their max |logit diff|");
        const torch::Tensor dd = diff.masked_select(disc);
        for (int64_t i = 0; i < dd.numel(); ++i)
            std::printf(" %.3g", dd[i].item<double>());
        std::printf("\n");
    }
    std::printf("%-18s %9s %8s %8s %8s %8s %8s | int/f64 source flips, max dist from .5\n", "layer",
                "elements", "int/f32", "int/f64", "f32/f64", "grid/f64", "grid/f32");
    for (size_t i = 0; i < layers; ++i)
        std::printf("%-18s %9lld %8lld %8lld %8lld %8lld %8lld | %lld %.3g\n",
                    ps[i]->layerName().c_str(), (long long)flips[i][5], (long long)flips[i][0],
                    (long long)flips[i][1], (long long)flips[i][2], (long long)flips[i][3],
                    (long long)flips[i][4], (long long)sourceFlips[i], sourceMaxDist[i]);
    return 0;
}
