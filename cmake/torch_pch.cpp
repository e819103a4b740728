// SPDX-License-Identifier: MIT
// Anchor of the shared precompiled torch header (cmake/QuantLensTorch.cmake).
