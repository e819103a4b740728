// SPDX-License-Identifier: MIT
#include "core/metrics/agreement.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ql::core {

namespace {

std::pair<torch::Tensor, torch::Tensor> flatPair(const torch::Tensor &a, const torch::Tensor &b,
                                                 const char *what)
{
    if (!a.defined() || !b.defined() || a.sizes() != b.sizes() || a.dim() < 2 || a.size(0) == 0)
        throw std::invalid_argument(std::string(what) +
                                    " expects two non-empty map batches [N, ...] of equal shape");
    return {a.detach().to(at::kDouble).flatten(1), b.detach().to(at::kDouble).flatten(1)};
}

} // namespace

torch::Tensor averageRanks(const torch::Tensor &rows)
{
    if (rows.dim() != 2)
        throw std::invalid_argument("averageRanks expects [N, d]");
    const auto x = rows.detach().to(at::kDouble);
    const int64_t n = x.size(0);
    const int64_t d = x.size(1);
    auto [sorted, order] = x.sort(1);
    // Runs of equal values form one group; each member gets the group's mean position.
    auto isNew = at::ones({n, d}, x.options().dtype(at::kLong));
    if (d > 1)
        isNew.slice(1, 1).copy_(sorted.slice(1, 1).ne(sorted.slice(1, 0, d - 1)));
    auto group = isNew.cumsum(1) - 1 + at::arange(n, isNew.options()).view({-1, 1}) * d;
    auto flatGroup = group.flatten();
    auto positions = (at::arange(1, d + 1, x.options())).repeat({n});
    auto sums = at::zeros({n * d}, x.options()).index_add_(0, flatGroup, positions);
    auto counts =
        at::zeros({n * d}, x.options()).index_add_(0, flatGroup, at::ones_like(positions));
    auto mean = sums / counts.clamp_min(1.0);
    auto rankSorted = mean.index_select(0, flatGroup).view({n, d});
    return at::empty_like(x).scatter_(1, order, rankSorted);
}

torch::Tensor spearmanCorrelation(const torch::Tensor &a, const torch::Tensor &b)
{
    auto [fa, fb] = flatPair(a, b, "spearmanCorrelation");
    auto ra = averageRanks(fa);
    auto rb = averageRanks(fb);
    ra = ra - ra.mean(1, true);
    rb = rb - rb.mean(1, true);
    auto va = (ra * ra).sum(1);
    auto vb = (rb * rb).sum(1);
    auto rho = (ra * rb).sum(1) / (va * vb).sqrt().clamp_min(1e-300);
    auto bothConstant = (va == 0) & (vb == 0);
    auto anyConstant = (va == 0) | (vb == 0);
    rho = at::where(anyConstant, at::zeros_like(rho), rho);
    return at::where(bothConstant, at::ones_like(rho), rho);
}

torch::Tensor topKIntersectionOverUnion(const torch::Tensor &a, const torch::Tensor &b,
                                        double fraction)
{
    if (!(fraction > 0.0 && fraction <= 1.0))
        throw std::invalid_argument("top-k fraction must be in (0, 1]");
    auto [fa, fb] = flatPair(a, b, "topKIntersectionOverUnion");
    const int64_t d = fa.size(1);
    // The epsilon keeps 0.1 * 100 from becoming 11 through rounding error.
    const int64_t k = std::clamp<int64_t>(
        static_cast<int64_t>(std::ceil(fraction * static_cast<double>(d) - 1e-9)), 1, d);
    auto topMask = [&](const torch::Tensor &f) {
        // A stable descending sort puts the lower index first among ties.
        auto order = std::get<1>(at::sort(f, /*stable=*/true, 1, /*descending=*/true));
        auto mask = at::zeros_like(f, f.options().dtype(at::kBool));
        return mask.scatter_(1, order.slice(1, 0, k), true);
    };
    auto ma = topMask(fa);
    auto mb = topMask(fb);
    auto inter = (ma & mb).sum(1).to(at::kDouble);
    auto uni = (ma | mb).sum(1).to(at::kDouble);
    return inter / uni;
}

torch::Tensor ssim(const torch::Tensor &a, const torch::Tensor &b, double dataRange)
{
    if (!a.defined() || !b.defined() || a.sizes() != b.sizes() || a.dim() != 3 || a.size(0) == 0)
        throw std::invalid_argument(
            "ssim expects two non-empty [N, H, W] map batches of equal shape");
    if (!(dataRange > 0.0))
        throw std::invalid_argument("ssim needs a data range > 0");
    constexpr int64_t kWindow = 11; // skimage: truncate 3.5 * sigma 1.5 -> radius 5
    constexpr double kSigma = 1.5;
    constexpr double kK1 = 0.01;
    constexpr double kK2 = 0.03;
    const auto x = a.detach().to(at::kDouble).unsqueeze(1);
    const auto y = b.detach().to(at::kDouble).unsqueeze(1);
    int64_t window = std::min({kWindow, x.size(2), x.size(3)});
    if (window % 2 == 0)
        --window;
    const int64_t radius = window / 2;
    // Gaussian weights over the window, normalised to sum 1 (a 1-D kernel's outer product).
    auto offsets = at::arange(-radius, radius + 1, x.options());
    auto k1 = at::exp(-(offsets * offsets) / (2.0 * kSigma * kSigma));
    k1 = k1 / k1.sum();
    auto kernel = at::outer(k1, k1).view({1, 1, window, window});
    auto filter = [&](const torch::Tensor &t) { return at::conv2d(t, kernel); };
    const double c1 = (kK1 * dataRange) * (kK1 * dataRange);
    const double c2 = (kK2 * dataRange) * (kK2 * dataRange);
    auto muX = filter(x);
    auto muY = filter(y);
    auto varX = filter(x * x) - muX * muX;
    auto varY = filter(y * y) - muY * muY;
    auto cov = filter(x * y) - muX * muY;
    auto map = ((2.0 * muX * muY + c1) * (2.0 * cov + c2)) /
               ((muX * muX + muY * muY + c1) * (varX + varY + c2));
    return map.flatten(1).mean(1);
}

AgreementScores agreementScores(const torch::Tensor &a, const torch::Tensor &b, double topFraction)
{
    auto x = a.dim() == 2 ? a.unsqueeze(0) : a;
    auto y = b.dim() == 2 ? b.unsqueeze(0) : b;
    if (x.dim() != 3 || x.sizes() != y.sizes())
        throw std::invalid_argument(
            "agreementScores expects two [H, W] or [N, H, W] maps of equal shape");
    x = x.detach().to(at::kDouble);
    y = y.detach().to(at::kDouble);
    AgreementScores s;
    s.spearman = spearmanCorrelation(x, y).mean().item<double>();
    s.topKIou = topKIntersectionOverUnion(x, y, topFraction).mean().item<double>();
    const bool signedMaps = (x.min().item<double>() < 0.0) || (y.min().item<double>() < 0.0);
    auto scaled = [](const torch::Tensor &m) {
        return m / m.abs().flatten(1).amax(1).clamp_min(1e-30).view({-1, 1, 1});
    };
    s.ssim = ssim(scaled(x), scaled(y), signedMaps ? 2.0 : 1.0).mean().item<double>();
    return s;
}

} // namespace ql::core
