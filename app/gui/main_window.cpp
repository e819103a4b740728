// SPDX-License-Identifier: MIT
#include "app/gui/main_window.h"

namespace ql::app {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("QuantLens"));
}

} // namespace ql::app
