// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ql::widgets {

/// `text` as an isolated left-to-right run (U+2066 ... U+2069): file names, paths and layer
/// names keep their order inside right-to-left (Persian) text, "0039.png" never shows as
/// "png.0039". Empty text stays empty.
inline QString isolateLtr(const QString &text)
{
    if (text.isEmpty())
        return text;
    return QChar(0x2066) + text + QChar(0x2069);
}

} // namespace ql::widgets
