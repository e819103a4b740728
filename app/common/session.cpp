// SPDX-License-Identifier: MIT
#include "app/common/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace ql::app {

namespace {
QString tr(const char *text)
{
    // The context lupdate gives these strings (they are used inside Session's members).
    return QCoreApplication::translate("ql::app::Session", text);
}

bool validBits(int bits)
{
    return (bits >= 1 && bits <= 8) || bits == 32;
}

constexpr qint64 kMaxSessionBytes = 64 << 20; // a session.json holds plot points, not models
} // namespace

QString Session::fileName()
{
    return QStringLiteral("session.json");
}

QString Session::checkpointPath(const QString &dir, int slot)
{
    return QDir(dir).filePath(slot == 0 ? QStringLiteral("standard.ckpt")
                                        : QStringLiteral("quantized.ckpt"));
}

QJsonObject Session::toJson() const
{
    QJsonObject layers;
    for (auto it = layerBits.cbegin(); it != layerBits.cend(); ++it)
        layers.insert(it.key(), QJsonArray{it.value().first, it.value().second});
    QJsonObject root{{"version", kVersion},
                     {"dataset", dataset},
                     {"dataDir", dataDir},
                     {"weightBits", weightBits},
                     {"activationBits", activationBits},
                     {"layerBits", layers},
                     {"history", history}};
    if (!studyFolder.isEmpty() || !studyOptions.isEmpty())
        root.insert(QStringLiteral("study"),
                    QJsonObject{{"folder", studyFolder}, {"options", studyOptions}});
    return root;
}

QString Session::fromJson(const QJsonObject &root)
{
    if (root.value(QStringLiteral("version")).toInt() != kVersion)
        return tr("unknown session version %1 (this QuantLens reads version %2)")
            .arg(root.value(QStringLiteral("version")).toVariant().toString())
            .arg(kVersion);
    Session s;
    s.dataset = root.value(QStringLiteral("dataset")).toString();
    s.dataDir = root.value(QStringLiteral("dataDir")).toString();
    s.weightBits = root.value(QStringLiteral("weightBits")).toInt(4);
    s.activationBits = root.value(QStringLiteral("activationBits")).toInt(4);
    if (!validBits(s.weightBits) || !validBits(s.activationBits))
        return tr("bit-widths %1/%2 are not valid (use 1 to 8, or 32 for float)")
            .arg(s.weightBits)
            .arg(s.activationBits);
    const QJsonObject layers = root.value(QStringLiteral("layerBits")).toObject();
    for (auto it = layers.begin(); it != layers.end(); ++it) {
        const QJsonArray pair = it.value().toArray();
        const int w = pair.size() == 2 ? pair.at(0).toInt(-1) : -1;
        const int a = pair.size() == 2 ? pair.at(1).toInt(-1) : -1;
        if (!validBits(w) || !validBits(a))
            return tr("the bit-widths of layer %1 are not valid").arg(it.key());
        s.layerBits.insert(it.key(), {w, a});
    }
    s.history = root.value(QStringLiteral("history")).toObject();
    // Optional (version-1 sessions before the Study panel have none).
    if (const QJsonValue study = root.value(QStringLiteral("study")); !study.isUndefined()) {
        const QJsonObject object = study.toObject();
        const QJsonValue folder = object.value(QStringLiteral("folder"));
        const QJsonValue options = object.value(QStringLiteral("options"));
        if (!study.isObject() || !(folder.isString() || folder.isUndefined()) ||
            !(options.isObject() || options.isUndefined()))
            return tr("the study entry is not valid (a folder name and options are expected)");
        s.studyFolder = folder.toString();
        s.studyOptions = options.toObject();
    }
    *this = s;
    return {};
}

QString Session::read(const QString &dir)
{
    QFile file(QDir(dir).filePath(fileName()));
    if (!QFileInfo(file.fileName()).isFile() || !file.open(QIODevice::ReadOnly))
        return tr("%1 is not a QuantLens session folder (no readable %2).").arg(dir, fileName());
    if (file.size() > kMaxSessionBytes)
        return tr("%1 is too large for a session file.").arg(file.fileName());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject())
        return tr("%1 is damaged: %2").arg(file.fileName(), parseError.errorString());
    const QString error = fromJson(doc.object());
    if (!error.isEmpty())
        return tr("%1: %2").arg(file.fileName(), error);
    return {};
}

QString Session::write(const QString &dir) const
{
    if (!QDir().mkpath(dir))
        return tr("Cannot create the session folder %1.").arg(dir);
    QSaveFile file(QDir(dir).filePath(fileName()));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(toJson()).toJson()) < 0 ||
        !file.commit())
        return tr("Cannot write %1: %2").arg(file.fileName(), file.errorString());
    return {};
}

} // namespace ql::app
