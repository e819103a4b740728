// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ql::test {

/// The read-only reference data folder (../shared/data), from QUANTLENS_SHARED_DATA; empty
/// when unset or missing. Tests that need it QSKIP with a message when this is empty.
QString sharedDataDir();

/// sharedDataDir()/relative when it exists, else empty.
QString sharedDataPath(const QString &relative);

} // namespace ql::test
