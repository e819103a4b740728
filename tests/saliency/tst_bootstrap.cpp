// SPDX-License-Identifier: MIT
// Percentile bootstrap: quantile convention by hand, intervals against the exact bootstrap
// distribution of a small sample (all n^n resamples enumerated), paired differences, verdicts.
#include "core/metrics/bootstrap.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <stdexcept>

using namespace ql::core;

class TestBootstrap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quantileByHand();
    void matchesExactBootstrapDistribution();
    void pairedDifference();
    void verdicts();
    void spread();
    void rejectsBadInput();
};

void TestBootstrap::quantileByHand()
{
    const std::vector<double> v{3, 1, 2, 4};
    QCOMPARE(empiricalQuantile(v, 0.0), 1.0);
    QCOMPARE(empiricalQuantile(v, 0.25), 1.0); // F(1) = 0.25 >= 0.25
    QCOMPARE(empiricalQuantile(v, 0.26), 2.0);
    QCOMPARE(empiricalQuantile(v, 0.5), 2.0);
    QCOMPARE(empiricalQuantile(v, 0.75), 3.0);
    QCOMPARE(empiricalQuantile(v, 0.76), 4.0);
    QCOMPARE(empiricalQuantile(v, 1.0), 4.0);
}

void TestBootstrap::matchesExactBootstrapDistribution()
{
    // x = {0, 1, 2, 7}: the 4^4 = 256 equally likely resamples give the exact distribution of
    // the resampled mean. Its 2.5% quantile is 0.5 (F(0.25) = 5/256 = 0.0195 < 0.025 <= F(0.5))
    // and its 97.5% quantile 5.5 (F(5.25) = 0.9648 < 0.975 <= F(5.5) = 0.9805), with margins
    // of about 5 standard errors at 20,000 resamples.
    const std::vector<double> x{0, 1, 2, 7};
    std::map<double, int> exact;
    for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b)
            for (int c = 0; c < 4; ++c)
                for (int d = 0; d < 4; ++d)
                    ++exact[(x[a] + x[b] + x[c] + x[d]) / 4.0];
    std::vector<double> all;
    for (const auto &[mean, count] : exact)
        all.insert(all.end(), count, mean);
    QCOMPARE(all.size(), size_t(256));
    QCOMPARE(empiricalQuantile(all, 0.025), 0.5);
    QCOMPARE(empiricalQuantile(all, 0.975), 5.5);

    BootstrapOptions o;
    o.resamples = 20000;
    o.seed = 7;
    const Interval r = bootstrapMean(x, o);
    QCOMPARE(r.estimate, 2.5);
    QCOMPARE(r.low, 0.5);
    QCOMPARE(r.high, 5.5);
    // The resampled means follow the exact distribution: P(mean = 2.5) = count / 256.
    const std::vector<double> means = bootstrapMeans(x, o);
    const double p = exact.at(2.5) / 256.0;
    const double seen = double(std::count(means.begin(), means.end(), 2.5)) / double(means.size());
    QVERIFY2(std::abs(seen - p) < 4.0 * std::sqrt(p * (1 - p) / means.size()),
             qPrintable(QStringLiteral("%1 vs %2").arg(seen).arg(p)));
    // Seeded: the same seed gives the same interval, another seed other resamples.
    QCOMPARE(bootstrapMeans(x, o), means);
    BootstrapOptions other = o;
    other.seed = 8;
    QVERIFY(bootstrapMeans(x, other) != means);
}

void TestBootstrap::pairedDifference()
{
    // Two models on the same 6 items; b is a + 0.1 on every item: the
    // paired difference is exactly -0.1 in every resample, so the interval is a point, while
    // the unpaired intervals of a and b overlap widely.
    const std::vector<double> a{0.1, 0.9, 0.4, 0.7, 0.2, 0.5};
    std::vector<double> b;
    for (double v : a)
        b.push_back(v + 0.1);
    const Interval d = bootstrapPairedDifference(a, b);
    QVERIFY(std::abs(d.estimate + 0.1) < 1e-12);
    QVERIFY(std::abs(d.low + 0.1) < 1e-12 && std::abs(d.high + 0.1) < 1e-12);
    const Interval ia = bootstrapMean(a), ib = bootstrapMean(b);
    QVERIFY(ia.high > ib.low); // overlap: unpaired intervals would not separate them
    QCOMPARE(verdictOf(d, true), Verdict::Worse);
    QCOMPARE(verdictOf(d, false), Verdict::Better);
    // Equivalent to the bootstrap of the differences, resample for resample.
    std::vector<double> diff;
    for (size_t i = 0; i < a.size(); ++i)
        diff.push_back(a[i] * 2 - b[i]);
    std::vector<double> a2;
    for (double v : a)
        a2.push_back(v * 2);
    const Interval e = bootstrapPairedDifference(a2, b);
    const Interval f = bootstrapMean(diff);
    QCOMPARE(e.low, f.low);
    QCOMPARE(e.high, f.high);
}

void TestBootstrap::verdicts()
{
    QCOMPARE(verdictOf({0.0, -0.01, 0.02}, true), Verdict::NoDetectableDifference);
    QCOMPARE(verdictOf({0.03, 0.01, 0.05}, true), Verdict::Better);
    QCOMPARE(verdictOf({0.03, 0.01, 0.05}, false), Verdict::Worse);
    QCOMPARE(verdictOf({-0.03, -0.05, -0.01}, true), Verdict::Worse);
    QCOMPARE(std::string(toString(Verdict::NoDetectableDifference)),
             std::string("no detectable difference"));
}

void TestBootstrap::spread()
{
    const Spread s = spreadOf({1.0, 2.0, 4.0});
    QCOMPARE(s.count, 3);
    QVERIFY(std::abs(s.mean - 7.0 / 3.0) < 1e-12);
    // sum of squares: (4/3)^2 + (1/3)^2 + (5/3)^2 = 42/9; / 2 = 7/3
    QVERIFY(std::abs(s.sd - std::sqrt(7.0 / 3.0)) < 1e-12);
    QCOMPARE(spreadOf({5.0}).sd, 0.0);
}

void TestBootstrap::rejectsBadInput()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapMean({}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapPairedDifference({1.0}, {1.0, 2.0}));
    BootstrapOptions o;
    o.level = 1.5;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapMean({1.0}, o));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, empiricalQuantile({}, 0.5));
}

QTEST_GUILESS_MAIN(TestBootstrap)
#include "tst_bootstrap.moc"
