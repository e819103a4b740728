// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ql::core {

/// A point estimate with a confidence interval.
struct Interval {
    double estimate = 0.0; ///< the statistic on the original sample (here: its mean)
    double low = 0.0;
    double high = 0.0;
    bool contains(double v) const { return low <= v && v <= high; }
};

/// Percentile-bootstrap settings (Efron & Tibshirani 1993, ch. 13).
struct BootstrapOptions {
    int resamples = 2000;
    double level = 0.95; ///< two-sided coverage in (0, 1)
    uint64_t seed = 0;   ///< the resampling RNG (std::mt19937_64) is seeded with this
};

/// The q-quantile of `values` by the inverted empirical CDF: the smallest v with
/// F(v) >= q, i.e. sorted[ceil(q n) - 1] (q = 0: the minimum). Always one of the values, so
/// a discrete bootstrap distribution gives one of its atoms. Throws for an empty input or q
/// outside [0, 1].
double empiricalQuantile(std::vector<double> values, double q);

/// The means of `options.resamples` resamples of `x` (n draws with replacement, uniform
/// indices from std::mt19937_64(seed) via index = floor(u * n), u = generate_canonical).
std::vector<double> bootstrapMeans(const std::vector<double> &x, const BootstrapOptions &options);

/// Mean of `x` with the percentile-bootstrap interval: the (1 - level)/2 and (1 + level)/2
/// empiricalQuantile of bootstrapMeans. Throws std::invalid_argument for an empty sample,
/// resamples < 1 or a level outside (0, 1).
Interval bootstrapMean(const std::vector<double> &x, const BootstrapOptions &options = {});

/// Paired difference mean(a - b) over the same items (e.g. the same test images scored by two
/// models): resamples the items jointly, so item difficulty cancels. Equivalent to
/// bootstrapMean of the element-wise differences. Throws when the sizes differ.
Interval bootstrapPairedDifference(const std::vector<double> &a, const std::vector<double> &b,
                                   const BootstrapOptions &options = {});

/// How a paired difference (new minus baseline) reads, for a metric where higher is better
/// when `higherIsBetter` (else lower is better).
enum class Verdict { Better, Worse, NoDetectableDifference };

/// Better / Worse when the interval excludes 0 on that side, else NoDetectableDifference.
Verdict verdictOf(const Interval &difference, bool higherIsBetter);

/// "better", "worse", "no detectable difference".
const char *toString(Verdict verdict);

/// The Wilson score interval (Wilson 1927) of a proportion: `successes` of `trials`, with the
/// normal quantile z (1.96: 95%). estimate = successes / trials; the bounds stay inside [0, 1]
/// and are sensible for small samples and proportions near 0 or 1 (per-class accuracies).
/// Throws std::invalid_argument for trials < 1, successes outside [0, trials] or z <= 0.
Interval wilsonInterval(int64_t successes, int64_t trials, double z = 1.959963984540054);

/// Mean and sample standard deviation (n - 1; 0 for fewer than two values).
struct Spread {
    double mean = 0.0;
    double sd = 0.0;
    int count = 0;
};
Spread spreadOf(const std::vector<double> &values);

} // namespace ql::core
