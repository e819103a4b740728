// SPDX-License-Identifier: MIT
// Session files (session.json in a saved session folder, app/common/session).
#include "app/common/session.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    if (!doc.isObject())
        return 0;
    ql::app::Session session;
    if (!session.fromJson(doc.object()).isEmpty())
        return 0;
    // What was accepted must round-trip unchanged.
    const QJsonObject written = session.toJson();
    ql::app::Session again;
    if (!again.fromJson(written).isEmpty() || again.toJson() != written)
        __builtin_trap();
    return 0;
}
