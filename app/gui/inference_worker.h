// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QMutex>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace ql::app {

class InferenceBackend;

/// Saliency comparisons, bit-width previews and test-set evaluation on a thread of their own.
/// The newest request wins (Qt's mandelbrot example): each kind of request has one pending
/// slot that a newer request overwrites, so dropping twenty images quickly computes the one
/// in flight and the last one, never a queue of stale work. Models are snapshots handed over
/// by the training controller; the module being trained is never used here.
class InferenceWorker : public QObject {
    Q_OBJECT
public:
    explicit InferenceWorker(std::shared_ptr<InferenceBackend> backend, int threads = 1,
                             QObject *parent = nullptr);
    ~InferenceWorker() override;

    /// Thread-safe, cheap: replaces any pending saliency request. Returns the request id.
    quint64 requestSaliency(SaliencyRequest request);
    /// Thread-safe, cheap: replaces any pending preview request and supersedes the stages
    /// still to come of the one in progress (also mid-stage). Returns the request id. Each
    /// stage is answered by previewReady; the maps are refreshed right after stage 0, before
    /// the refinements.
    quint64 requestPreview(PreviewRequest request);
    /// Thread-safe, cheap: replaces any pending description request. Returns the request id.
    quint64 requestDescription(const ql::core::ModelSpec &spec);
    /// Thread-safe, cheap: replaces any pending gallery prediction request; the request is
    /// computed again when a model changes. Computed kPredictionChunk files at a time, each
    /// chunk answered by its own predictionsReady (with the request's id), other kinds of
    /// request served between chunks. Returns the request id.
    quint64 requestPredictions(const QStringList &files);
    /// Thread-safe: asks for confusion matrices of the current snapshots.
    void requestEvaluation();
    static constexpr int kPredictionChunk = 256;
    /// Thread-safe: writes a model of the comparison to a file (File > Export Model...),
    /// answered by exportFinished. Exports queue (none is dropped). Returns the request id.
    quint64 requestExport(ExportRequest request);
    /// Number of saliency requests actually computed (for tests and the status line).
    int computedSaliencyCount() const;

public Q_SLOTS:
    /// New snapshot for a slot; the preview model is dropped when the standard model changes.
    void setModel(int slot, const ql::app::ModelHandle &model);
    void setData(const ql::app::DataHandle &data);

Q_SIGNALS:
    void saliencyReady(const ql::app::SaliencyResult &result);
    void previewReady(const ql::app::PreviewResult &result);
    void evaluationReady(const ql::app::EvaluationResult &result);
    void descriptionReady(const ql::app::ModelDescription &description);
    void predictionsReady(const ql::app::GalleryPredictionResult &result);
    void exportFinished(const ql::app::ExportResult &result);

private:
    void schedule();
    void processPending(); // runs on m_thread
    PreviewResult runPreviewStage(const PreviewRequest &request, const PreviewResult *previous,
                                  const ModelHandle &standard, const DataHandle &data,
                                  ModelHandle &quantized, quint64 generation);

    std::shared_ptr<InferenceBackend> m_backend;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; runs processPending there

    mutable QMutex m_mutex; // guards everything below
    std::optional<SaliencyRequest> m_pendingSaliency;
    std::optional<PreviewRequest> m_pendingPreview;
    std::optional<std::pair<quint64, ql::core::ModelSpec>> m_pendingDescription;
    std::optional<SaliencyRequest> m_lastSaliency; // recomputed when the models change
    std::optional<GalleryPredictionRequest> m_pendingPredictions;
    std::optional<GalleryPredictionRequest> m_lastPredictions; // recomputed likewise
    /// The preview being refined: its stages after `last` run when nothing newer waits.
    struct ActivePreview {
        PreviewRequest request;
        PreviewResult last;
        ModelHandle standard;
        ModelHandle quantized;
        DataHandle data;
    };
    std::optional<ActivePreview> m_activePreview;
    /// Bumped by every preview request and standard-model change: a running stage whose
    /// generation is no longer current stops (polled by the backend between batches).
    std::atomic<quint64> m_previewGeneration{0};
    std::vector<ExportRequest> m_pendingExports;
    bool m_pendingEvaluation = false;
    bool m_scheduled = false;
    quint64 m_nextId = 1;
    int m_computed = 0;
    ModelHandle m_models[kModelSlots];
    ModelHandle m_previewModel; // PTQ copy shown in the quantized slot while set
    DataHandle m_data;
    int m_threads = 1;
};

} // namespace ql::app
