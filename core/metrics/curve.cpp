// SPDX-License-Identifier: MIT
#include "core/metrics/curve.h"

#include <stdexcept>

namespace ql::core {

double trapezoidArea(const std::vector<double> &x, const std::vector<double> &y)
{
    if (x.size() != y.size())
        throw std::invalid_argument("curve has " + std::to_string(x.size()) + " x values but " +
                                    std::to_string(y.size()) + " y values");
    double area = 0.0;
    for (size_t i = 1; i < x.size(); ++i)
        area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) * 0.5;
    return area;
}

} // namespace ql::core
