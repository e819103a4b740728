// SPDX-License-Identifier: MIT
#pragma once

#include "core/imaging/rgb_image.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ql::imaging {

/// One line of a plot.
struct PlotSeries {
    std::string name;
    std::vector<double> x;
    std::vector<double> y;
    std::array<uint8_t, 3> color{31, 119, 180};
    bool dashed = false;
    /// Optional interval band (same size as x): drawn as a translucent area with end caps.
    std::vector<double> yLow;
    std::vector<double> yHigh;
};

struct PlotOptions {
    std::string title;
    std::string xLabel;
    std::string yLabel;
    int width = 640;
    int height = 440;
    double yMin = 0.0; ///< yMin >= yMax: range from the data
    double yMax = 1.0;
    /// Categorical x axis: ticks at x = 0, 1, ... labelled with these (instead of numbers).
    std::vector<std::string> xTickLabels;
};

/// A simple line plot (axes, ticks, grid, legend) drawn with OpenCV imgproc, for the CLI's
/// curve PNGs. ASCII labels only (Hershey fonts).
RgbImage drawLinePlot(const std::vector<PlotSeries> &series, const PlotOptions &options);

/// The i-th colour of a 10-colour qualitative palette (matplotlib's tab10).
std::array<uint8_t, 3> paletteColor(int i);

} // namespace ql::imaging

namespace ql::imaging {

/// `image` with a white caption strip of `text` (ASCII, Hershey font) above it; the strip is at
/// least `minWidth` wide so short cells keep long captions readable.
RgbImage withCaption(const RgbImage &image, const std::string &text, int minWidth = 0);

} // namespace ql::imaging
