// SPDX-License-Identifier: MIT
// Anchor of the quant tests' precompiled torch header (see CMakeLists.txt).
