// SPDX-License-Identifier: MIT
#include "tests/support/test_support.h"

#include <QDir>
#include <QFileInfo>

namespace ql::test {

QString sharedDataDir()
{
    const QString dir = qEnvironmentVariable("QUANTLENS_SHARED_DATA");
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return {};
    return QDir(dir).absolutePath();
}

QString sharedDataPath(const QString &relative)
{
    const QString dir = sharedDataDir();
    if (dir.isEmpty())
        return {};
    const QString path = QDir(dir).filePath(relative);
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace ql::test
