// SPDX-License-Identifier: MIT
#include "app/gui/main_window.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quantlens"));
    QApplication::setOrganizationName(QStringLiteral("QuantLens"));
    QApplication::setApplicationVersion(QStringLiteral(QUANTLENS_VERSION));
    ql::app::MainWindow window;
    window.show();
    return QApplication::exec();
}
