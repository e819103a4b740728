// SPDX-License-Identifier: MIT
#include "core/train/metrics_history.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace ql::core {

using nlohmann::json;

namespace {

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string list(const std::vector<float> &values)
{
    std::string out;
    for (size_t i = 0; i < values.size(); ++i)
        out += (i ? ";" : "") + number(values[i]);
    return out;
}

} // namespace

json toJson(const MetricsHistory &h)
{
    json epochs = json::array();
    for (const auto &e : h.epochs)
        epochs.push_back(
            {e.epoch, e.trainLoss, e.trainAccuracy, e.testLoss, e.testAccuracy, e.seconds});
    json batches = json::array();
    for (const auto &b : h.batches)
        batches.push_back({b.epoch, b.step, b.stepsPerEpoch, b.globalStep, b.loss, b.ce, b.kl,
                           b.accuracy, b.learningRate, b.samplesPerSecond, b.alphas,
                           b.clippedFractions});
    // Arrays of rows keep checkpoints compact; the column order is the struct's.
    return {{"epochColumns", "epoch,trainLoss,trainAccuracy,testLoss,testAccuracy,seconds"},
            {"epochs", epochs},
            {"batches", batches}};
}

namespace {

/// A whole number that fits T: a forged history never wraps into a plausible value.
template <typename T> T whole(const json &v)
{
    const bool fits =
        v.is_number_unsigned()
            ? v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max())
            : v.is_number_integer() && v.get<int64_t>() >= 0 &&
                  v.get<int64_t>() <= static_cast<int64_t>(std::numeric_limits<T>::max());
    if (!fits)
        throw std::runtime_error("metrics history is malformed: " + v.dump() +
                                 " is not a count in [0, " +
                                 std::to_string(std::numeric_limits<T>::max()) + "]");
    return static_cast<T>(v.get<int64_t>());
}

/// Floats of a JSON array; values beyond float's range (undefined to convert) are refused.
std::vector<float> floats(const json &v)
{
    std::vector<float> out;
    for (const double d : v.get<std::vector<double>>()) {
        if (std::isfinite(d) && std::fabs(d) > double(std::numeric_limits<float>::max()))
            throw std::runtime_error("metrics history is malformed: " + std::to_string(d) +
                                     " is outside the range of a float");
        out.push_back(static_cast<float>(d));
    }
    return out;
}

} // namespace

MetricsHistory metricsHistoryFromJson(const json &j)
{
    MetricsHistory h;
    try {
        for (const auto &r : j.at("epochs")) {
            EpochMetrics e;
            e.epoch = whole<int>(r.at(0));
            e.trainLoss = r.at(1).get<double>();
            e.trainAccuracy = r.at(2).get<double>();
            e.testLoss = r.at(3).get<double>();
            e.testAccuracy = r.at(4).get<double>();
            e.seconds = r.at(5).get<double>();
            h.epochs.push_back(e);
        }
        for (const auto &r : j.at("batches")) {
            BatchMetrics b;
            b.epoch = whole<int>(r.at(0));
            b.step = whole<int64_t>(r.at(1));
            b.stepsPerEpoch = whole<int64_t>(r.at(2));
            b.globalStep = whole<int64_t>(r.at(3));
            b.loss = r.at(4).get<double>();
            b.ce = r.at(5).get<double>();
            b.kl = r.at(6).get<double>();
            b.accuracy = r.at(7).get<double>();
            b.learningRate = r.at(8).get<double>();
            b.samplesPerSecond = r.at(9).get<double>();
            b.alphas = floats(r.at(10));
            b.clippedFractions = floats(r.at(11));
            h.batches.push_back(std::move(b));
        }
    } catch (const json::exception &e) {
        throw std::runtime_error(std::string("metrics history is malformed: ") + e.what());
    }
    return h;
}

std::string epochCsvHeader()
{
    return "epoch,train_loss,train_acc,test_loss,test_acc,seconds\n";
}

std::string epochCsvRow(const EpochMetrics &m)
{
    return std::to_string(m.epoch) + "," + number(m.trainLoss) + "," + number(m.trainAccuracy) +
           "," + number(m.testLoss) + "," + number(m.testAccuracy) + "," + number(m.seconds) + "\n";
}

std::string batchCsvHeader()
{
    return "epoch,step,global_step,loss,ce,kl,acc,lr,samples_per_s,alphas,clipped\n";
}

std::string batchCsvRow(const BatchMetrics &m)
{
    return std::to_string(m.epoch) + "," + std::to_string(m.step) + "," +
           std::to_string(m.globalStep) + "," + number(m.loss) + "," + number(m.ce) + "," +
           number(m.kl) + "," + number(m.accuracy) + "," + number(m.learningRate) + "," +
           number(m.samplesPerSecond) + "," + list(m.alphas) + "," + list(m.clippedFractions) +
           "\n";
}

} // namespace ql::core
