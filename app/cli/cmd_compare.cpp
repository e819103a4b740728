// SPDX-License-Identifier: MIT
#include "app/cli/cli_commands.h"

#include <QTextStream>

namespace ql::app {

int runCompareCommand(const QStringList &)
{
    QTextStream(stderr) << "quantlens-cli compare: not built yet\n";
    return 3;
}

} // namespace ql::app
