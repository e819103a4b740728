// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace ql::imaging {

/// OpenCV version string, for About boxes and bug reports.
std::string openCvVersion();

} // namespace ql::imaging
