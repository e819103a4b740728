// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

// The bit-width study as the GUI sees it: plain values that cross from the training thread
// (where core/study runs) to the Study panel. No torch here: moc reads this header.
namespace ql::app {

/// What the Study panel starts: the options of `quantlens-cli study` that a user sets in the
/// app. Data set, model, optimiser and threads come from the setup panel (`base`).
struct StudyRequest {
    ql::core::TrainingConfig base;
    QString bits = QStringLiteral("float,8,6,4,3,2"); ///< as --bits
    bool standard = true;                             ///< --sgt-modes off
    bool sgt = true;                                  ///< --sgt-modes on
    int seeds = 1;                                    ///< seeds 1..n
    int floatEpochs = 4;
    int fineTuneEpochs = 1;
    bool fromScratch = false;
    int evalImages = 1000; ///< class-balanced test subset for the saliency metrics
    /// The study folder; empty: a new folder inside the app's work folder.
    QString folder;
    /// Continue the study in `folder` with the settings it was started with
    /// (its study_config.json), whatever the panels say now.
    bool resume = false;

    /// The panel's options (not `base`) for a saved session.
    QJsonObject toJson() const;
    /// Reads what toJson wrote; missing keys keep their defaults. Returns an error message
    /// (translated) or an empty string; `*this` is unchanged on error.
    QString fromJson(const QJsonObject &json);
};

/// A value with its bootstrap 95% interval over test images.
struct StudyEstimate {
    double value = 0;
    double low = 0;
    double high = 0;
};

/// One (bits, SGT) point of the study, aggregated over its finished seeds.
struct StudyPointView {
    QString bits; ///< "float", "4", "4/8"
    bool sgt = false;
    int seeds = 0;
    double modelBytes = 0;
    QMap<QString, StudyEstimate> metrics; ///< metric key -> estimate with interval
    /// The trained model of the point's first finished seed, and that seed's float model
    /// (the reference of the saliency comparison).
    QString checkpoint;
    QString referenceCheckpoint;
};

/// A study's finished points as the panel draws them.
struct StudyView {
    QString folder;
    bool temporaryFolder = false;             ///< inside the work folder (copied into sessions)
    QStringList bits;                         ///< display order, most precise first
    QVector<QPair<QString, QString>> metrics; ///< key, label (accuracy first)
    QVector<StudyPointView> points;
    QMap<QString, QString> verdicts; ///< bits -> plain-language SGT verdict
    int finishedCells = 0;
    int totalCells = 0;
};

/// Progress over the whole grid.
struct StudyProgress {
    QString what; ///< the running training ("float model, seed 1", "s1-w4a4-sgt")
    int runsDone = 0;
    int runsTotal = 0;
    double fraction = 0; ///< of the whole study, in [0, 1]
};

/// Receives a running study's events on the training thread.
class StudySink {
public:
    virtual ~StudySink() = default;
    virtual void studyProgress(const StudyProgress &progress) = 0;
    /// After every finished configuration (and once at the start with what is done already).
    virtual void studyView(const StudyView &view) = 0;
    virtual void studyMessage(const QString &text) = 0;
};

void registerStudyMetaTypes();

} // namespace ql::app

Q_DECLARE_METATYPE(ql::app::StudyRequest)
Q_DECLARE_METATYPE(ql::app::StudyView)
Q_DECLARE_METATYPE(ql::app::StudyProgress)
