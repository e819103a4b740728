// SPDX-License-Identifier: MIT
#include "core/imaging/line_plot.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ql::imaging {

namespace {

constexpr int kLeft = 70; // room for y tick labels and the y label
constexpr int kRight = 20;
constexpr int kTop = 40;    // room for the title
constexpr int kBottom = 55; // room for x tick labels and the x label
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;

cv::Scalar bgr(const std::array<uint8_t, 3> &rgb)
{
    return cv::Scalar(rgb[2], rgb[1], rgb[0]);
}

/// A tick label with as many decimals as the tick step needs to tell neighbours apart
/// (98.2 and 98.4, not "98" twice); very large or small magnitudes in %g form.
std::string tickLabel(double v, double step)
{
    char buf[32];
    const double magnitude = std::max(std::fabs(v), std::fabs(step));
    if (!(step > 0.0) || !std::isfinite(step) || magnitude >= 1e6 ||
        (magnitude > 0.0 && magnitude < 1e-4)) {
        std::snprintf(buf, sizeof buf, "%.3g", v);
        return buf;
    }
    int decimals = 0;
    if (step < 1.0)
        decimals = std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)) + 1);
    else if (step < 10.0)
        decimals = 1;
    if (std::fabs(v) < 0.5 * std::pow(10.0, -decimals))
        v = 0.0; // no "-0.00"
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void dashedLine(cv::Mat &img, cv::Point a, cv::Point b, const cv::Scalar &colour)
{
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const int dashes = std::max(1, static_cast<int>(length / 6.0));
    for (int i = 0; i < dashes; i += 2) {
        const double t0 = static_cast<double>(i) / dashes;
        const double t1 = std::min(1.0, static_cast<double>(i + 1) / dashes);
        cv::line(img, a + (b - a) * t0, a + (b - a) * t1, colour, 2, cv::LINE_AA);
    }
}

} // namespace

std::array<uint8_t, 3> paletteColor(int i)
{
    static const std::array<std::array<uint8_t, 3>, 10> kTab10{{{31, 119, 180},
                                                                {255, 127, 14},
                                                                {44, 160, 44},
                                                                {214, 39, 40},
                                                                {148, 103, 189},
                                                                {140, 86, 75},
                                                                {227, 119, 194},
                                                                {127, 127, 127},
                                                                {188, 189, 34},
                                                                {23, 190, 207}}};
    return kTab10[static_cast<size_t>(((i % 10) + 10) % 10)];
}

RgbImage drawLinePlot(const std::vector<PlotSeries> &series, const PlotOptions &options)
{
    const int width = std::max(200, options.width);
    const int height = std::max(150, options.height);
    cv::Mat img(height, width, CV_8UC3, cv::Scalar(255, 255, 255));

    double xMin = std::numeric_limits<double>::max();
    double xMax = std::numeric_limits<double>::lowest();
    double yMin = options.yMin;
    double yMax = options.yMax;
    const bool autoY = !(options.yMin < options.yMax);
    if (autoY) {
        yMin = std::numeric_limits<double>::max();
        yMax = std::numeric_limits<double>::lowest();
    }
    for (const auto &s : series) {
        for (size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
            xMin = std::min(xMin, s.x[i]);
            xMax = std::max(xMax, s.x[i]);
            if (autoY) {
                yMin = std::min(yMin, s.y[i]);
                yMax = std::max(yMax, s.y[i]);
                if (i < s.yLow.size() && i < s.yHigh.size()) {
                    yMin = std::min(yMin, s.yLow[i]);
                    yMax = std::max(yMax, s.yHigh[i]);
                }
            }
        }
    }
    const bool categorical = !options.xTickLabels.empty();
    if (categorical) {
        xMin = -0.3;
        xMax = static_cast<double>(options.xTickLabels.size()) - 0.7;
    }
    if (autoY && yMin < yMax) { // a margin so that points and bands stay off the frame
        const double pad = 0.06 * (yMax - yMin);
        yMin -= pad;
        yMax += pad;
    }
    if (!(xMin < xMax)) {
        xMin = 0.0;
        xMax = 1.0;
    }
    if (!(yMin < yMax)) {
        yMin = autoY && yMin != std::numeric_limits<double>::max() ? yMin - 0.5 : 0.0;
        yMax = yMin + 1.0;
    }

    const cv::Rect area(kLeft, kTop, width - kLeft - kRight, height - kTop - kBottom);
    auto toPixel = [&](double x, double y) {
        return cv::Point(
            area.x + static_cast<int>(std::lround((x - xMin) / (xMax - xMin) * area.width)),
            area.y + area.height -
                static_cast<int>(std::lround((y - yMin) / (yMax - yMin) * area.height)));
    };

    const cv::Scalar grid(225, 225, 225);
    const cv::Scalar ink(40, 40, 40);
    constexpr int kTicks = 5;
    const int xTicks = categorical ? static_cast<int>(options.xTickLabels.size()) - 1 : kTicks;
    for (int i = 0; i <= std::max(kTicks, xTicks); ++i) {
        int base = 0;
        if (i <= xTicks) {
            const double fx =
                categorical ? static_cast<double>(i) : xMin + (xMax - xMin) * i / kTicks;
            const cv::Point px = toPixel(fx, yMin);
            cv::line(img, {px.x, area.y}, {px.x, area.y + area.height}, grid, 1);
            const std::string lx = categorical ? options.xTickLabels[static_cast<size_t>(i)]
                                               : tickLabel(fx, (xMax - xMin) / kTicks);
            const cv::Size sx = cv::getTextSize(lx, kFont, 0.4, 1, &base);
            cv::putText(img, lx, {px.x - sx.width / 2, area.y + area.height + 16}, kFont, 0.4, ink,
                        1, cv::LINE_AA);
        }
        if (i <= kTicks) {
            const double fy = yMin + (yMax - yMin) * i / kTicks;
            const cv::Point py = toPixel(xMin, fy);
            cv::line(img, {area.x, py.y}, {area.x + area.width, py.y}, grid, 1);
            const std::string ly = tickLabel(fy, (yMax - yMin) / kTicks);
            const cv::Size sy = cv::getTextSize(ly, kFont, 0.4, 1, &base);
            cv::putText(img, ly, {area.x - sy.width - 6, py.y + sy.height / 2}, kFont, 0.4, ink, 1,
                        cv::LINE_AA);
        }
    }
    cv::rectangle(img, area, ink, 1);

    // Interval bands first (under every line): translucent fill, plus caps at each point.
    for (const auto &s : series) {
        const size_t n = std::min({s.x.size(), s.yLow.size(), s.yHigh.size()});
        if (n == 0)
            continue;
        const cv::Scalar colour = bgr(s.color);
        if (n > 1) {
            std::vector<cv::Point> polygon;
            for (size_t i = 0; i < n; ++i)
                polygon.push_back(toPixel(s.x[i], s.yHigh[i]));
            for (size_t i = n; i-- > 0;)
                polygon.push_back(toPixel(s.x[i], s.yLow[i]));
            cv::Mat overlay = img.clone();
            cv::fillPoly(overlay, std::vector<std::vector<cv::Point>>{polygon}, colour,
                         cv::LINE_AA);
            cv::addWeighted(overlay, 0.18, img, 0.82, 0.0, img);
        }
        for (size_t i = 0; i < n; ++i) {
            const cv::Point lo = toPixel(s.x[i], s.yLow[i]);
            const cv::Point hi = toPixel(s.x[i], s.yHigh[i]);
            cv::line(img, lo, hi, colour, 1, cv::LINE_AA);
            cv::line(img, {lo.x - 4, lo.y}, {lo.x + 4, lo.y}, colour, 1, cv::LINE_AA);
            cv::line(img, {hi.x - 4, hi.y}, {hi.x + 4, hi.y}, colour, 1, cv::LINE_AA);
        }
    }

    for (const auto &s : series) {
        const cv::Scalar colour = bgr(s.color);
        for (size_t i = 1; i < std::min(s.x.size(), s.y.size()); ++i) {
            const cv::Point a = toPixel(s.x[i - 1], s.y[i - 1]);
            const cv::Point b = toPixel(s.x[i], s.y[i]);
            if (s.dashed)
                dashedLine(img, a, b, colour);
            else
                cv::line(img, a, b, colour, 2, cv::LINE_AA);
        }
        for (size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i)
            cv::circle(img, toPixel(s.x[i], s.y[i]), 3, colour, cv::FILLED, cv::LINE_AA);
    }

    int base = 0;
    const cv::Size title = cv::getTextSize(options.title, kFont, 0.55, 1, &base);
    cv::putText(img, options.title, {(width - title.width) / 2, 24}, kFont, 0.55, ink, 1,
                cv::LINE_AA);
    const cv::Size xl = cv::getTextSize(options.xLabel, kFont, 0.45, 1, &base);
    cv::putText(img, options.xLabel, {area.x + (area.width - xl.width) / 2, height - 12}, kFont,
                0.45, ink, 1, cv::LINE_AA);
    // A vertical y label: draw horizontally, then rotate the patch by 90 degrees.
    if (!options.yLabel.empty()) {
        const cv::Size yl = cv::getTextSize(options.yLabel, kFont, 0.45, 1, &base);
        cv::Mat patch(yl.height + base + 4, yl.width + 4, CV_8UC3, cv::Scalar(255, 255, 255));
        cv::putText(patch, options.yLabel, {2, yl.height + 2}, kFont, 0.45, ink, 1, cv::LINE_AA);
        cv::Mat rotated;
        cv::rotate(patch, rotated, cv::ROTATE_90_COUNTERCLOCKWISE);
        const int top = std::max(0, area.y + (area.height - rotated.rows) / 2);
        if (rotated.cols + 4 < kLeft && top + rotated.rows <= height)
            rotated.copyTo(img(cv::Rect(4, top, rotated.cols, rotated.rows)));
    }

    // Legend in the top-right corner of the plot area.
    int row = 0;
    for (const auto &s : series) {
        if (s.name.empty())
            continue;
        const cv::Size ts = cv::getTextSize(s.name, kFont, 0.42, 1, &base);
        const int y = area.y + 16 + row * 18;
        const int x = area.x + area.width - ts.width - 40;
        cv::rectangle(img, {x - 4, y - 12}, {area.x + area.width - 4, y + 5},
                      cv::Scalar(255, 255, 255), cv::FILLED);
        if (s.dashed)
            dashedLine(img, {x + ts.width + 6, y - 4}, {x + ts.width + 30, y - 4}, bgr(s.color));
        else
            cv::line(img, {x + ts.width + 6, y - 4}, {x + ts.width + 30, y - 4}, bgr(s.color), 2);
        cv::putText(img, s.name, {x, y}, kFont, 0.42, ink, 1, cv::LINE_AA);
        ++row;
    }

    cv::Mat rgb;
    cv::cvtColor(img, rgb, cv::COLOR_BGR2RGB);
    RgbImage out(width, height);
    for (int y = 0; y < height; ++y)
        std::copy_n(rgb.ptr<uint8_t>(y), 3 * width, out.pixel(0, y));
    return out;
}

} // namespace ql::imaging

namespace ql::imaging {

RgbImage withCaption(const RgbImage &image, const std::string &text, int minWidth)
{
    constexpr double kScale = 0.4;
    int base = 0;
    const cv::Size size = cv::getTextSize(text, kFont, kScale, 1, &base);
    const int width = std::max({image.width, minWidth, size.width + 4});
    const int strip = size.height + base + 6;
    cv::Mat canvas(image.height + strip, width, CV_8UC3, cv::Scalar(255, 255, 255));
    cv::putText(canvas, text, {2, size.height + 3}, kFont, kScale, cv::Scalar(30, 30, 30), 1,
                cv::LINE_AA);
    for (int y = 0; y < image.height; ++y)
        std::copy_n(image.pixel(0, y), 3 * image.width, canvas.ptr<uint8_t>(strip + y));
    RgbImage out(width, canvas.rows);
    for (int y = 0; y < canvas.rows; ++y)
        std::copy_n(canvas.ptr<uint8_t>(y), 3 * width, out.pixel(0, y));
    return out;
}

} // namespace ql::imaging
