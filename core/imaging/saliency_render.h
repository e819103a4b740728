// SPDX-License-Identifier: MIT
#pragma once

#include "core/imaging/colormap.h"
#include "core/imaging/rgb_image.h"

#include <vector>

namespace ql::imaging {

/// How values map to [0, 1] colour positions. Absolute mode: t = clamp(v / high, 0, 1).
/// Signed mode: t = 0.5 + 0.5 clamp(v / high, -1, 1) (0 is the middle of a diverging map).
struct DisplayScale {
    float high = 1.0f; ///< value drawn at full intensity (the clip level); > 0
    bool signedMode = false;
    float position(float v) const;
};

/// One scale for several maps shown together (a SHARED scale: a map with weaker attributions
/// than its neighbour looks weaker, which per-image normalisation would hide). high is the
/// `clipPercentile` percentile (linear interpolation, as numpy.percentile) of |v| over all
/// values of all maps, so the top (100 - clipPercentile)% are clipped as outliers. In absolute
/// mode maps are read as |v|. Falls back to high = max|v|, then 1, when the percentile is 0.
DisplayScale sharedScale(const std::vector<const FloatImage *> &maps, bool signedMode,
                         double clipPercentile = 99.0);

/// Percentile p in [0, 100] of values with linear interpolation between closest ranks
/// (numpy.percentile's default). Throws std::invalid_argument for empty input or p outside.
double percentile(std::vector<float> values, double p);

struct RenderOptions {
    ColorMap colorMap = ColorMap::Viridis; ///< use Diverging for signed scales
    float opacity = 0.6f;                  ///< heat-map weight over the grayscale background, 0..1
    int zoom = 1;                          ///< integer nearest-neighbour upscaling
};

/// Colours a single-channel map ([1, H, W]) with `scale`. With a background (the model's input,
/// [C, H, W] of the same H, W; any value range), the map is blended over a grayscale copy
/// of it (luma of RGB, stretched to [0, 1] by its own min/max):
///   out = (1 - opacity) gray + opacity colour.
/// Throws std::invalid_argument on size mismatches.
RgbImage renderMap(const FloatImage &map, const DisplayScale &scale, const RenderOptions &options,
                   const FloatImage *background = nullptr);

/// The difference a - b of two maps drawn with the diverging map on the pair's shared `scale`
/// (t = 0.5 + 0.5 clamp((a - b) / scale.high, -1, 1)), so the difference is as bright as the
/// maps themselves would be. In absolute mode |a| - |b| is drawn.
RgbImage renderDifference(const FloatImage &a, const FloatImage &b, const DisplayScale &scale,
                          int zoom = 1, const FloatImage *background = nullptr,
                          float opacity = 0.6f);

/// The input itself as an RGB image (grayscale inputs repeated over R, G, B), stretched to
/// [0, 255] by its own min/max, zoomed by nearest neighbour.
RgbImage renderInput(const FloatImage &image, int zoom = 1);

/// Places cells (rows x columns; rows may differ in length) on one canvas with `gap` pixels
/// between them on a `background` grey; empty cells stay blank.
RgbImage composeGrid(const std::vector<std::vector<RgbImage>> &cells, int gap = 4,
                     uint8_t background = 255);

} // namespace ql::imaging
