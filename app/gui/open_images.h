// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <functional>

class QWidget;

namespace ql::app {

/// File > Open Images… (`folder` false: image files) and File > Open Image Folder… (`folder`
/// true): what the user picked, empty when cancelled. The paths then go the way of a drop
/// (ImageDropFilter::handleUrls: folders scanned off the UI thread, non-images refused).
QStringList pickImages(QWidget *parent, bool folder);

/// Replaces the dialogs (tests, unattended runs); an empty function restores them.
void setImagePicker(std::function<QStringList(QWidget *parent, bool folder)> picker);

} // namespace ql::app
