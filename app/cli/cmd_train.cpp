// SPDX-License-Identifier: MIT
#include "app/cli/cli_commands.h"

#include <QTextStream>

namespace ql::app {

int runTrainCommand(const QStringList &)
{
    QTextStream(stderr) << "quantlens-cli train: not built yet\n";
    return 3;
}

} // namespace ql::app
