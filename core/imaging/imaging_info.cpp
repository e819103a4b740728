// SPDX-License-Identifier: MIT
#include "core/imaging/imaging_info.h"

#include <opencv2/core/version.hpp>

namespace ql::imaging {

std::string openCvVersion()
{
    return CV_VERSION;
}

} // namespace ql::imaging
