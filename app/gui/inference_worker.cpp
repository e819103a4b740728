// SPDX-License-Identifier: MIT
#include "app/gui/inference_worker.h"

#include "app/gui/inference_backend.h"
#include "core/runtime.h"

#include <QMutexLocker>

#include <exception>

namespace ql::app {

InferenceWorker::InferenceWorker(std::shared_ptr<InferenceBackend> backend, int threads,
                                 QObject *parent)
    : QObject(parent), m_backend(std::move(backend)), m_threads(threads)
{
    registerGuiMetaTypes();
    m_thread.setObjectName(QStringLiteral("QuantLens inference"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_context,
            [this] { ql::core::configureThreads(m_threads); });
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

InferenceWorker::~InferenceWorker()
{
    {
        QMutexLocker lock(&m_mutex);
        m_pendingSaliency.reset();
        m_pendingPreview.reset();
        m_pendingDescription.reset();
        m_pendingPredictions.reset();
        m_pendingEvaluation = false;
        m_activePreview.reset();
        m_pendingExports.clear();
    }
    ++m_previewGeneration; // a running preview stage stops at its next batch
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

quint64 InferenceWorker::requestSaliency(SaliencyRequest request)
{
    QMutexLocker lock(&m_mutex);
    request.id = m_nextId++;
    m_pendingSaliency = request;
    schedule();
    return request.id;
}

quint64 InferenceWorker::requestPreview(PreviewRequest request)
{
    QMutexLocker lock(&m_mutex);
    request.id = m_nextId++;
    m_pendingPreview = request;
    m_activePreview.reset(); // its remaining stages are for other bits
    ++m_previewGeneration;   // and the stage running now stops at its next batch
    schedule();
    return request.id;
}

quint64 InferenceWorker::requestExport(ExportRequest request)
{
    QMutexLocker lock(&m_mutex);
    request.id = m_nextId++;
    m_pendingExports.push_back(request);
    schedule();
    return request.id;
}

quint64 InferenceWorker::requestDescription(const ql::core::ModelSpec &spec)
{
    QMutexLocker lock(&m_mutex);
    const quint64 id = m_nextId++;
    m_pendingDescription = std::make_pair(id, spec);
    schedule();
    return id;
}

quint64 InferenceWorker::requestPredictions(const QStringList &files)
{
    QMutexLocker lock(&m_mutex);
    GalleryPredictionRequest request;
    request.id = m_nextId++;
    request.files = files;
    m_pendingPredictions = request;
    m_lastPredictions = request;
    schedule();
    return request.id;
}

void InferenceWorker::requestEvaluation()
{
    QMutexLocker lock(&m_mutex);
    m_pendingEvaluation = true;
    schedule();
}

int InferenceWorker::computedSaliencyCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_computed;
}

void InferenceWorker::setModel(int slot, const ModelHandle &model)
{
    if (slot < 0 || slot >= kModelSlots)
        return;
    QMutexLocker lock(&m_mutex);
    m_models[slot] = model;
    m_previewModel = {}; // a retrained or newly trained model replaces the preview
    // Show the new model's view of the image the user is looking at.
    if (m_lastSaliency && !m_pendingSaliency)
        m_pendingSaliency = m_lastSaliency;
    if (m_lastPredictions) // the gallery shows the new model's classes, all of them again
        m_pendingPredictions = m_lastPredictions;
    schedule();
}

void InferenceWorker::setData(const DataHandle &data)
{
    QMutexLocker lock(&m_mutex);
    m_data = data;
}

// Called with m_mutex held. One queued call drains every pending slot, so at most one call
// is ever queued however many requests arrive.
void InferenceWorker::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QMetaObject::invokeMethod(
        m_context, [this] { processPending(); }, Qt::QueuedConnection);
}

PreviewResult InferenceWorker::runPreviewStage(const PreviewRequest &request,
                                               const PreviewResult *previous,
                                               const ModelHandle &standard, const DataHandle &data,
                                               ModelHandle &quantized, quint64 generation)
{
    const auto superseded = [this, generation] {
        return m_previewGeneration.load() != generation ||
               QThread::currentThread()->isInterruptionRequested();
    };
    PreviewResult result;
    try {
        result = m_backend->preview(request, previous, standard, data, quantized, superseded);
    } catch (const std::exception &e) {
        result = PreviewResult{};
        result.quant = request.quant;
        result.error = QString::fromLocal8Bit(e.what());
    }
    result.id = request.id;
    result.snapshotSlot = request.snapshotSlot;
    result.snapshotStep = request.snapshotStep;
    if (superseded())
        result.superseded = true; // finished, but a newer request makes it moot
    return result;
}

void InferenceWorker::processPending()
{
    for (;;) {
        if (QThread::currentThread()->isInterruptionRequested())
            return;
        QMutexLocker lock(&m_mutex);
        if (m_pendingPreview) {
            // Stage 0 of the newest preview: quantize, a first accuracy on few images.
            const PreviewRequest request = *m_pendingPreview;
            m_pendingPreview.reset();
            const ModelHandle standard = m_models[0];
            const DataHandle data = m_data;
            const quint64 generation = m_previewGeneration.load();
            // A snapshot's test: the slot's model as it is (the training thread's copy).
            const bool snapshot = request.snapshotSlot >= 0 && request.snapshotSlot < kModelSlots;
            ModelHandle quantized = snapshot ? m_models[request.snapshotSlot] : ModelHandle{};
            lock.unlock();
            const PreviewResult result =
                runPreviewStage(request, nullptr, standard, data, quantized, generation);
            lock.relock();
            if (result.superseded)
                continue; // a newer request is pending
            if (result.error.isEmpty() && quantized.isValid() && !snapshot) {
                m_previewModel = quantized;
                if (m_lastSaliency && !m_pendingSaliency)
                    m_pendingSaliency = m_lastSaliency; // maps at the new bits, before refining
                if (m_lastPredictions)
                    m_pendingPredictions = m_lastPredictions; // and the gallery's classes
            }
            if (result.error.isEmpty() && !result.final)
                m_activePreview = ActivePreview{request, result, standard, quantized, data};
            lock.unlock();
            Q_EMIT previewReady(result);
            continue;
        }
        if (m_pendingSaliency) {
            const SaliencyRequest request = *m_pendingSaliency;
            m_pendingSaliency.reset();
            m_lastSaliency = request;
            ModelHandle models[kModelSlots] = {m_models[0], m_models[1]};
            const ModelHandle previewModel = m_previewModel;
            if (previewModel.isValid())
                models[1] = previewModel;
            const DataHandle data = m_data;
            ++m_computed;
            lock.unlock();
            SaliencyResult result;
            try {
                result = m_backend->explain(request, models, data);
            } catch (const std::exception &e) {
                result.error = QString::fromLocal8Bit(e.what());
            }
            result.id = request.id;
            result.quantizedIsPreview =
                models[1].model == previewModel.model && previewModel.isValid();
            Q_EMIT saliencyReady(result);
            continue;
        }
        // Descriptions after a new preview's first stage and its maps (what a slider move
        // waits for), before any refinement: the bit-width table waits for them.
        if (m_pendingDescription) {
            const auto [id, spec] = *m_pendingDescription;
            m_pendingDescription.reset();
            lock.unlock();
            ModelDescription result;
            try {
                result = m_backend->describe(spec);
            } catch (const std::exception &e) {
                result.error = QString::fromLocal8Bit(e.what());
            }
            result.id = id;
            result.spec = spec;
            Q_EMIT descriptionReady(result);
            continue;
        }
        if (!m_pendingExports.empty()) {
            const ExportRequest request = m_pendingExports.front();
            m_pendingExports.erase(m_pendingExports.begin());
            ModelHandle models[kModelSlots] = {m_models[0], m_models[1]};
            const bool preview = m_previewModel.isValid();
            if (preview)
                models[1] = m_previewModel; // the quantized model the comparison shows
            const DataHandle data = m_data;
            lock.unlock();
            ExportResult result;
            try {
                result = m_backend->exportModel(request, models, data);
            } catch (const std::exception &e) {
                result.error = QString::fromLocal8Bit(e.what());
            }
            result.id = request.id;
            result.path = request.path;
            result.format = request.format;
            result.quantizedIsPreview = request.slot == 1 && preview;
            Q_EMIT exportFinished(result);
            continue;
        }
        if (m_pendingPredictions) {
            // One chunk at a time: the rest stays pending, so a saliency, preview or
            // description request that arrives meanwhile goes first (a folder of 10,000
            // images never holds up the maps for long), and a newer request replaces it.
            GalleryPredictionRequest request = *m_pendingPredictions;
            if (request.files.size() > kPredictionChunk) {
                m_pendingPredictions->files = request.files.mid(kPredictionChunk);
                request.files = request.files.first(kPredictionChunk);
            } else {
                m_pendingPredictions.reset();
            }
            ModelHandle models[kModelSlots] = {m_models[0], m_models[1]};
            const ModelHandle previewModel = m_previewModel;
            if (previewModel.isValid())
                models[1] = previewModel;
            const DataHandle data = m_data;
            lock.unlock();
            GalleryPredictionResult result;
            try {
                result = m_backend->predictFiles(request, models, data);
            } catch (const std::exception &e) {
                result.error = QString::fromLocal8Bit(e.what());
            }
            result.id = request.id;
            result.quantizedIsPreview = previewModel.isValid();
            Q_EMIT predictionsReady(result);
            continue;
        }
        if (m_activePreview) {
            // The next refinement of the shown preview (more test images), when nothing newer
            // waits. Superseded by a newer preview request, also mid-stage.
            ActivePreview active = *m_activePreview;
            m_activePreview.reset();
            const quint64 generation = m_previewGeneration.load();
            lock.unlock();
            ModelHandle quantized = active.quantized;
            const PreviewResult result = runPreviewStage(
                active.request, &active.last, active.standard, active.data, quantized, generation);
            lock.relock();
            if (result.superseded)
                continue;
            if (result.error.isEmpty() && !result.final &&
                generation == m_previewGeneration.load()) {
                active.last = result;
                m_activePreview = active;
            }
            lock.unlock();
            Q_EMIT previewReady(result);
            continue;
        }
        if (m_pendingEvaluation) {
            m_pendingEvaluation = false;
            ModelHandle models[kModelSlots] = {m_models[0], m_models[1]};
            const DataHandle data = m_data;
            lock.unlock();
            EvaluationResult result;
            try {
                result = m_backend->evaluate(models, data);
            } catch (const std::exception &e) {
                result.error = QString::fromLocal8Bit(e.what());
            }
            Q_EMIT evaluationReady(result);
            continue;
        }
        m_scheduled = false;
        return;
    }
}

} // namespace ql::app
