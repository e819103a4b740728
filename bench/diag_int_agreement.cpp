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

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace ql::core;

namespace {

std::vector<std::shared_ptr<PactActivationImpl>> pacts(ClassifierImpl &model)
{
    std::vector<std::shared_ptr<PactActivationImpl>> out;
    for (const auto &m : model.modules(false))
        if (auto p = std::dynamic_pointer_cast<PactActivationImpl>(m))
            out.push_back(p);
    return out;
}

/// Logits and per-PACT levels (int, flattened per image) of a model on x.
torch::Tensor runTraced(ClassifierImpl &model, const torch::Tensor &x, int64_t batch,
                        std::vector<torch::Tensor> &levels, std::vector<torch::Tensor> &pre)
{
    auto ps = pacts(model);
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

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: diag_int_agreement CKPT DATADIR [limit] [batch]\n");
        return 2;
    }
    const std::string ckpt = argv[1], dir = argv[2];
    const int64_t limit = argc > 3 ? std::stoll(argv[3]) : 200;
    const int64_t batch = argc > 4 ? std::stoll(argv[4]) : 128;
    configureThreads(1);
    CheckpointInfo info;
    ClassifierPtr model = loadModelFromCheckpoint(ckpt, torch::kCPU, &info);
    DataSplits data = ql::imaging::loadDataSplits("folder:" + dir, dir);
    data.test = balancedSubset(data.test, limit);
    const int64_t n = data.test.size();
    const torch::Tensor images = data.test.images.contiguous();
    const torch::Tensor x = normalizeImages(images, data.norm);
    exportPackedModel(*model, "/tmp/diag_int.qlpack", &data.norm);
    auto engine = deploy::IntEngine::load("/tmp/diag_int.qlpack", data.norm.mean, data.norm.std);

    std::vector<torch::Tensor> l32, p32, l64, p64;
    const torch::Tensor z32 = runTraced(*model, x, batch, l32, p32);
    std::vector<torch::Tensor> l32b, p32b;
    const torch::Tensor z32b = runTraced(*model, x, 1, l32b, p32b);
    // float64 copy: the float32 fake-quantized weights as float weights.
    ClassifierPtr m64 = loadModelFromCheckpoint(ckpt, torch::kCPU);
    {
        torch::NoGradGuard g;
        for (const auto &m : m64->modules(false))
            if (auto *q = dynamic_cast<QuantLayerBase *>(m.get())) {
                torch::Tensor w = q->quantizedWeight().detach().clone();
                q->weightParameter().set_data(w);
                q->setWeightBits(kFloatBits);
            }
        m64->to(torch::kDouble);
    }
    const torch::Tensor z64 = runTraced(*m64, x.to(torch::kDouble), batch, l64, p64);
    // float64 with the exact grid weights q s / L instead of the model's float32 ones.
    ClassifierPtr mx = loadModelFromCheckpoint(ckpt, torch::kCPU);
    {
        torch::NoGradGuard g;
        for (const auto &m : mx->modules(false))
            if (auto *q = dynamic_cast<QuantLayerBase *>(m.get())) {
                const int bits = q->weightBits();
                const DoReFaLevels lv = doReFaLevels(q->weightParameter(), bits);
                const double L = (1 << bits) - 1;
                torch::Tensor w = (lv.levels.to(torch::kDouble) * 2 - L) * (lv.scale / L);
                q->setWeightBits(kFloatBits);
                mx->to(torch::kDouble);
                q->weightParameter().set_data(w);
            }
        mx->to(torch::kDouble);
    }
    std::vector<torch::Tensor> lx, px;
    const torch::Tensor zx = runTraced(*mx, x.to(torch::kDouble), batch, lx, px);
    std::printf("exact-grid f64: top-1 agreement with int %lld, with f64 %lld, with f32 %lld\n",
                (long long)zx.argmax(1)
                    .eq(torch::from_blob(nullptr, {0}).numel() == 0 ? zx.argmax(1) : zx.argmax(1))
                    .sum()
                    .item<int64_t>(),
                0LL, 0LL);

    const torch::Tensor zi = torch::empty({n, model->spec().numClasses});
    deploy::IntTrace trace;
    engine->forwardPixels(images.data_ptr<uint8_t>(), n, zi.data_ptr<float>(), &trace);
    const torch::Tensor zint = zi.to(torch::kDouble);

    const auto agree = [&](const torch::Tensor &a, const torch::Tensor &b) {
        return a.argmax(1).eq(b.argmax(1)).sum().item<int64_t>();
    };
    std::printf("refined %lld\n", (long long)trace.refined);
    std::printf("%lld images; top-1 agreement: f32/f64 %lld, int/f64 %lld, int/f32 %lld, "
                "f32(b1)/f32 %lld\n",
                static_cast<long long>(n), (long long)agree(z32, z64), (long long)agree(zint, z64),
                (long long)agree(zint, z32), (long long)agree(z32b, z32));
    std::printf("max |logit diff|: f32/f64 %.3g int/f64 %.3g int/f32 %.3g\n",
                (z32 - z64).abs().max().item<double>(), (zint - z64).abs().max().item<double>(),
                (zint - z32).abs().max().item<double>());
    auto ps = pacts(*model);
    std::printf("%-18s %10s %10s %10s %10s | source flips int/f64: count, min/max dist of f64 "
                "from .5 (levels)\n",
                "layer", "elements", "int/f32", "int/f64", "f32/f64");
    torch::Tensor cleanSoFar = torch::ones({n}, torch::kBool); // images without earlier flips
    for (size_t i = 0; i < ps.size(); ++i) {
        const torch::Tensor li =
            torch::from_blob(trace.levels[i].data(), {n, l32[i].size(1)}, torch::kUInt8)
                .to(torch::kInt);
        const torch::Tensor dI32 = li.ne(l32[i]);
        const torch::Tensor dI64 = li.ne(l64[i]);
        const torch::Tensor d3264 = l32[i].ne(l64[i]);
        // Flips int vs f64 in images whose earlier layers all agree: their inputs are equal.
        const torch::Tensor src = dI64 & cleanSoFar.unsqueeze(1);
        const int64_t srcCount = src.sum().item<int64_t>();
        double dmin = 0, dmax = 0;
        if (srcCount > 0) {
            const torch::Tensor v = p64[i].masked_select(src);
            const torch::Tensor dist = (v - v.floor() - 0.5).abs();
            dmin = dist.min().item<double>();
            dmax = dist.max().item<double>();
        }
        const torch::Tensor liX = li;
        if (false)
            std::printf("%-18s int/f64grid %8lld f64/f64grid %8lld\n", ps[i]->layerName().c_str(),
                        (long long)liX.ne(lx[i]).sum().item<int64_t>(),
                        (long long)l64[i].ne(lx[i]).sum().item<int64_t>());
        std::printf("%-18s %10lld %10lld %10lld %10lld | %lld %.3g %.3g  maxlev %d\n",
                    ps[i]->layerName().c_str(), (long long)li.numel(),
                    (long long)dI32.sum().item<int64_t>(), (long long)dI64.sum().item<int64_t>(),
                    (long long)d3264.sum().item<int64_t>(), (long long)srcCount, dmin, dmax,
                    (li - l64[i]).abs().max().item<int>());
        cleanSoFar = cleanSoFar & dI64.any(1).logical_not();
    }
    return 0;
}
