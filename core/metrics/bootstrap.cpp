// SPDX-License-Identifier: MIT
#include "core/metrics/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace ql::core {

namespace {

void checkOptions(const BootstrapOptions &o)
{
    if (o.resamples < 1)
        throw std::invalid_argument("bootstrap needs at least one resample");
    if (!(o.level > 0.0 && o.level < 1.0))
        throw std::invalid_argument("bootstrap confidence level must be in (0, 1)");
}

double meanOf(const std::vector<double> &x)
{
    double sum = 0.0;
    for (double v : x)
        sum += v;
    return sum / static_cast<double>(x.size());
}

} // namespace

double empiricalQuantile(std::vector<double> values, double q)
{
    if (values.empty())
        throw std::invalid_argument("quantile of an empty sample");
    if (!(q >= 0.0 && q <= 1.0))
        throw std::invalid_argument("quantile level must be in [0, 1]");
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    // Guard against q n landing a rounding error above an integer.
    const auto rank = static_cast<int64_t>(std::ceil(q * n - 1e-9));
    const int64_t index = std::clamp<int64_t>(rank - 1, 0, int64_t(values.size()) - 1);
    return values[static_cast<size_t>(index)];
}

std::vector<double> bootstrapMeans(const std::vector<double> &x, const BootstrapOptions &options)
{
    checkOptions(options);
    if (x.empty())
        throw std::invalid_argument("bootstrap of an empty sample");
    std::mt19937_64 rng(options.seed);
    const size_t n = x.size();
    std::vector<double> means(static_cast<size_t>(options.resamples));
    for (double &m : means) {
        double sum = 0.0;
        for (size_t i = 0; i < n; ++i) {
            const double u = std::generate_canonical<double, 64>(rng);
            const size_t index = std::min(n - 1, static_cast<size_t>(u * static_cast<double>(n)));
            sum += x[index];
        }
        m = sum / static_cast<double>(n);
    }
    return means;
}

Interval bootstrapMean(const std::vector<double> &x, const BootstrapOptions &options)
{
    const std::vector<double> means = bootstrapMeans(x, options);
    Interval r;
    r.estimate = meanOf(x);
    const double tail = (1.0 - options.level) / 2.0;
    r.low = empiricalQuantile(means, tail);
    r.high = empiricalQuantile(means, 1.0 - tail);
    return r;
}

Interval bootstrapPairedDifference(const std::vector<double> &a, const std::vector<double> &b,
                                   const BootstrapOptions &options)
{
    if (a.size() != b.size())
        throw std::invalid_argument("paired bootstrap needs samples of the same size (" +
                                    std::to_string(a.size()) + " vs " + std::to_string(b.size()) +
                                    ")");
    std::vector<double> d(a.size());
    for (size_t i = 0; i < a.size(); ++i)
        d[i] = a[i] - b[i];
    return bootstrapMean(d, options);
}

Verdict verdictOf(const Interval &difference, bool higherIsBetter)
{
    if (difference.low > 0.0)
        return higherIsBetter ? Verdict::Better : Verdict::Worse;
    if (difference.high < 0.0)
        return higherIsBetter ? Verdict::Worse : Verdict::Better;
    return Verdict::NoDetectableDifference;
}

const char *toString(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Better:
        return "better";
    case Verdict::Worse:
        return "worse";
    case Verdict::NoDetectableDifference:
        break;
    }
    return "no detectable difference";
}

Spread spreadOf(const std::vector<double> &values)
{
    Spread s;
    s.count = static_cast<int>(values.size());
    if (values.empty())
        return s;
    s.mean = meanOf(values);
    if (values.size() > 1) {
        double ss = 0.0;
        for (double v : values)
            ss += (v - s.mean) * (v - s.mean);
        s.sd = std::sqrt(ss / static_cast<double>(values.size() - 1));
    }
    return s;
}

Interval wilsonInterval(int64_t successes, int64_t trials, double z)
{
    if (trials < 1 || successes < 0 || successes > trials || !(z > 0))
        throw std::invalid_argument("wilsonInterval: need 0 <= successes <= trials, trials >= 1 "
                                    "and z > 0");
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    Interval out;
    out.estimate = p;
    out.low = std::max(0.0, centre - half);
    out.high = std::min(1.0, centre + half);
    return out;
}

} // namespace ql::core
