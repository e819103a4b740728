// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/imaging/image_decode.h"

namespace ql::imaging {

/// What a model expects as input.
struct ModelInputSpec {
    int channels = 1;
    int height = 28;
    int width = 28;
    /// MNIST-style: light strokes on a dark background, the digit scaled into a box of 20/28 of
    /// the side and centred by its centre of mass.
    bool mnistStyle = false;
    ql::core::Normalization norm;
    /// Models trained on light objects on black (MNIST, Fashion-MNIST): a picture with a light
    /// background is inverted, and padding is black. Implied by mnistStyle.
    bool darkBackground = false;
};

/// The spec for a model of `channels` x `size` x `size` trained on `dataset` ("mnist" gets
/// MNIST-style centring, "fashion-mnist" a dark background, others plain letterboxing).
ModelInputSpec modelInputSpecFor(int channels, int size, const ql::core::Normalization &norm,
                                 const std::string &dataset);

/// A user's image made ready for a model.
struct PreparedImage {
    torch::Tensor input;   ///< float [1, C, H, W], normalised, CPU
    ImageBuffer shown;     ///< the uint8 image the model sees (H x W x C), for display
    bool inverted = false; ///< the light background was inverted (dark-background models)
};

/// Converts to the model's channels (grey or RGB) and size. Ordinary models: resize keeping
/// the aspect ratio to fit, padded with the data set's mean colour (normalises to ~0), or
/// black after inverting a light background for darkBackground models.
/// MNIST-style models: invert when the background (the border) is light, stretch contrast,
/// crop to the ink's bounding box, scale it into a 20x20 box (for 28x28) and centre it by its
/// centre of mass, as the MNIST digits were made. Throws std::invalid_argument for an empty
/// image or an invalid spec.
PreparedImage prepareImageForModel(const ImageBuffer &image, const ModelInputSpec &spec);

/// decodeImageFile + prepareImageForModel.
PreparedImage prepareImageFileForModel(const std::string &path, const ModelInputSpec &spec);

/// uint8 [N, C, H, W] tensor -> N = 1 image buffer (H x W x C interleaved), for display.
ImageBuffer imageBufferFromTensor(const torch::Tensor &image);

} // namespace ql::imaging
