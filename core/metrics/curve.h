// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace ql::core {

/// A sampled curve y(x) with its area, as plain values for plots, JSON and CSV.
struct Curve {
    std::string name;
    std::vector<double> x;
    std::vector<double> y;
    double area = 0.0; ///< trapezoidal area over x (see trapezoidArea)
    /// Where the curve is a mean over images: each image's own area, in image order (their mean
    /// is `area`), for bootstrap intervals over images. Empty when not computed.
    std::vector<double> perImage;
};

/// Trapezoidal rule: sum_i (x_{i+1} - x_i) (y_i + y_{i+1}) / 2. Throws std::invalid_argument
/// when the sizes differ; 0 for fewer than two points.
double trapezoidArea(const std::vector<double> &x, const std::vector<double> &y);

} // namespace ql::core
