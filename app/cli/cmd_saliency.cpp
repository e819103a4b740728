// SPDX-License-Identifier: MIT
#include "app/cli/cli_commands.h"

#include <QTextStream>

namespace ql::app {

int runSaliencyCommand(const QStringList &)
{
    QTextStream(stderr) << "quantlens-cli saliency: not built yet\n";
    return 3;
}

} // namespace ql::app
