// SPDX-License-Identifier: MIT
#include "app/gui/open_images.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace ql::app {

namespace {

std::function<QStringList(QWidget *, bool)> &picker()
{
    static std::function<QStringList(QWidget *, bool)> p;
    return p;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("OpenImages", text);
}

} // namespace

void setImagePicker(std::function<QStringList(QWidget *, bool)> p)
{
    picker() = std::move(p);
}

QStringList pickImages(QWidget *parent, bool folder)
{
    if (picker())
        return picker()(parent, folder);
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastImageDir")).toString();
    QStringList paths;
    if (folder) {
        const QString dir =
            QFileDialog::getExistingDirectory(parent, tr("Open a folder of images"), start);
        if (!dir.isEmpty())
            paths << dir;
    } else {
        paths = QFileDialog::getOpenFileNames(parent, tr("Open images"), start,
                                              tr("Images (*.png *.jpg *.jpeg *.bmp)"));
    }
    if (!paths.isEmpty())
        settings.setValue(QStringLiteral("lastImageDir"),
                          folder ? paths.front() : QFileInfo(paths.front()).absolutePath());
    return paths;
}

} // namespace ql::app
