// SPDX-License-Identifier: MIT
// The data panel's scan of a user's image folder (folder:<path> data sets), off the UI thread.
#include "app/gui/engine.h"

#include "core/imaging/dataset_loader.h"

#include <QFile>

#include <exception>

namespace ql::app {

ImageFolderInfo scanImageFolder(const QString &dir, const std::function<bool()> &cancelled)
{
    ImageFolderInfo info;
    info.dir = dir;
    try {
        const ql::imaging::ImageFolderSummary s = ql::imaging::summarizeImageFolderSplits(
            QFile::encodeName(dir).toStdString(), cancelled);
        for (const std::string &c : s.classes)
            info.classes << QString::fromStdString(c);
        info.trainImages = s.trainImages;
        info.testImages = s.testImages;
        info.separateTest = s.separateTest;
        info.channels = s.channels;
        info.minWidth = s.minWidth;
        info.minHeight = s.minHeight;
        info.maxWidth = s.maxWidth;
        info.maxHeight = s.maxHeight;
    } catch (const std::exception &e) {
        info.error = QString::fromUtf8(e.what());
    }
    return info;
}

} // namespace ql::app
