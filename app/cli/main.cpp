// SPDX-License-Identifier: MIT
#include "app/cli/cli_commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quantlens"));
    QCoreApplication::setOrganizationName(QStringLiteral("QuantLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUANTLENS_VERSION));
    return ql::app::runCli(QCoreApplication::arguments());
}
