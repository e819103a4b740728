// SPDX-License-Identifier: MIT
#pragma once

#include <torch/types.h>

namespace ql::core {

/// Ranks 1..d of each row of [N, d] with ties given their average rank (as scipy's
/// rankdata(method="average")). Returns float64 [N, d].
torch::Tensor averageRanks(const torch::Tensor &rows);

/// Spearman rank correlation of each pair of maps a[i], b[i] ([N, ...], flattened per map):
/// the Pearson correlation of their average ranks,
///   rho = sum (r_a - mean r_a)(r_b - mean r_b) / sqrt(sum (r_a - mean)^2 sum (r_b - mean)^2).
/// A constant map has no ranking: rho is defined as 0 there (1 if both are constant).
/// Returns float64 [N].
torch::Tensor spearmanCorrelation(const torch::Tensor &a, const torch::Tensor &b);

/// Intersection over union of the top-k features of each pair of maps, k = ceil(fraction d)
/// (at least 1): |T_a & T_b| / |T_a | T_b|. Features are ranked by value (pass |map| for
/// magnitudes); ties at the cut are broken by index (lower index first). Returns float64 [N].
torch::Tensor topKIntersectionOverUnion(const torch::Tensor &a, const torch::Tensor &b,
                                        double fraction);

/// Structural similarity (Wang et al. 2004) of each pair of single-channel maps [N, H, W],
/// with an 11 x 11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, C_j = (K_j L)^2:
///   SSIM = (2 mu_a mu_b + C1)(2 sigma_ab + C2) / ((mu_a^2 + mu_b^2 + C1)(sigma_a^2 + sigma_b^2 +
///   C2))
/// with local (Gaussian-weighted, population) statistics, averaged over the positions where the
/// window fits inside the map (as skimage's structural_similarity with gaussian_weights=True,
/// use_sample_covariance=False). Maps smaller than the window use a window of their size.
/// Returns float64 [N].
torch::Tensor ssim(const torch::Tensor &a, const torch::Tensor &b, double dataRange);

/// The three agreement scores of one or more map pairs, as the GUI shows them.
struct AgreementScores {
    double spearman = 0.0;
    double topKIou = 0.0;
    double ssim = 0.0;
};

/// Agreement of maps a and b ([H, W] or [N, H, W]; scores averaged over N). Spearman and IoU
/// compare rankings, so scale does not matter. SSIM compares patterns: each map is first divided
/// by its own max |value| (range [0, 1] for absolute maps with L = 1, [-1, 1] for signed ones
/// with L = 2).
AgreementScores agreementScores(const torch::Tensor &a, const torch::Tensor &b,
                                double topFraction = 0.1);

} // namespace ql::core
