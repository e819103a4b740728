// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

namespace ql::app {

/// Assembles the panels of the QuantLens window.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace ql::app
