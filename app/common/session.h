// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QPair>
#include <QString>

namespace ql::app {

/// A QuantLens session folder, as the desktop app saves it and the CLI can open it:
///   session.json      what the checkpoints do not hold (data set and folder, the bit-width
///                     choice with its per-layer overrides, the plots' history)
///   standard.ckpt     the standard model's checkpoint (model, optimiser, config)
///   quantized.ckpt    the quantized model's checkpoint
///   study/            a bit-width study made in the app's work folder (optional)
/// Reading checks everything before anything is used; writing is atomic per file.
class Session {
public:
    static constexpr int kVersion = 1;
    static constexpr int kSlots = 2; ///< 0: standard model, 1: quantized model

    /// "session.json".
    static QString fileName();
    /// `dir`/standard.ckpt (slot 0) or `dir`/quantized.ckpt (slot 1).
    static QString checkpointPath(const QString &dir, int slot);

    QString dataset;
    QString dataDir;
    int weightBits = 4;     ///< global sliders of the quantized model (32: float)
    int activationBits = 4; ///< likewise
    /// Rows of the per-layer table that do not follow the sliders: name -> (weight, act bits).
    QMap<QString, QPair<int, int>> layerBits;
    QJsonObject history; ///< the plots' series (PlotsPanel::history)
    /// The bit-width study shown in the Study panel: its folder (relative paths are inside
    /// the session folder) and the panel's options (StudyRequest::toJson). Both empty when
    /// the session has no study; sessions written before studies existed have none.
    QString studyFolder;
    QJsonObject studyOptions;

    /// Reads `dir`/session.json. Returns an error message (translated) or an empty string.
    QString read(const QString &dir);
    /// Writes `dir`/session.json (creating `dir`). Returns an error message or empty.
    QString write(const QString &dir) const;

    QJsonObject toJson() const;
    /// Parses a session object; returns an error message or empty (this is unchanged then).
    QString fromJson(const QJsonObject &root);
};

} // namespace ql::app
