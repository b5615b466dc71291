#include "fine_tuning_job.h"

#include "nn/tensor.h"
#include "reading/reader.h"
#include "service/line_loader.h"
#include "service/sample_store.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QThread>

#include <chrono>
#include <exception>

namespace inklens::service {

FineTuningJob::FineTuningJob(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const model::Model>>();
    qRegisterMetaType<std::shared_ptr<const model::Recognition>>();
    qRegisterMetaType<std::shared_ptr<const FineTuningResult>>();
}

FineTuningJob::~FineTuningJob()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

int FineTuningJob::usableSamples(const QString& samplesPath, int* heldOut, int holdOutEvery)
{
    int n = 0;
    if (auto store = SampleStore::open(samplesPath))
        n = store->count(false);
    if (heldOut)
        *heldOut = int(heldOutIndices(n, holdOutEvery).size());
    return n;
}

bool FineTuningJob::start(FineTuningInput input)
{
    if (m_thread || !input.base)
        return false;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto result = std::make_shared<std::shared_ptr<const FineTuningResult>>();
    auto error = std::make_shared<QString>();
    m_thread = QThread::create(
        [this, input = std::move(input), cancel = m_cancel, result, error]() mutable {
        try {
            // The samples as `inklens finetune --samples DIR` reads them.
            QTemporaryDir dir;
            auto store = SampleStore::open(input.samplesPath, error.get());
            if (!store)
                return;
            if (!dir.isValid() || store->exportFolder(dir.path(), error.get()) < 0) {
                if (error->isEmpty())
                    *error = tr("cannot make a temporary folder");
                return;
            }
            const model::Model& base = *input.base;
            const auto samples = loadSampleFolder(dir.path().toStdString(), base.charset,
                                                  base.crnn.spec().inputHeight);
            if (samples.size() < 2) {
                *error = tr("Fine-tuning needs at least 2 usable samples (one is held out); "
                            "there are %1. Correct a few more readings first.")
                             .arg(samples.size());
                return;
            }
            imaging::LineImage watch = input.watchLine;
            if (watch.empty() || watch.height != base.crnn.spec().inputHeight) {
                const auto held = heldOutIndices(int(samples.size()), input.options.holdOutEvery);
                watch = samples[std::size_t(held.empty() ? 0 : held.front())].image;
            }
            using Clock = std::chrono::steady_clock;
            auto lastSnapshot = Clock::now() - std::chrono::hours(1);
            auto onProgress = [&](const FineTuningProgress& p) {
                QMetaObject::invokeMethod(
                    this,
                    [this, step = p.step, loss = double(p.loss), cer = p.heldOutCer,
                     elapsed = p.elapsedSeconds, fraction = p.fraction] {
                    emit progress(step, loss, cer, elapsed, fraction);
                    },
                    Qt::QueuedConnection);
                const double since =
                    std::chrono::duration<double>(Clock::now() - lastSnapshot).count();
                if (!p.model || input.snapshotSeconds <= 0 || since < input.snapshotSeconds
                    || watch.empty())
                    return;
                lastSnapshot = Clock::now();
                auto tuned = std::make_shared<model::Model>(*p.model);
                // As fineTune leaves it: frozen layers keep the base's batch-norm
                // statistics (training mode moves them while it runs).
                if (input.options.adapt != Adapt::All) {
                    auto buffers = tuned->crnn.buffers();
                    const auto kept = base.crnn.buffers();
                    for (std::size_t i = 0; i < buffers.size() && i < kept.size(); ++i)
                        *buffers[i].second = *kept[i].second;
                }
                std::shared_ptr<const model::Model> copy = std::move(tuned);
                reading::ReadOptions ro;
                ro.probe = true;
                ro.decoder = reading::DecoderKind::Greedy;
                const reading::Reading r = reading::Reader(copy).read(watch, ro);
                QImage line = lineImageToQImage(watch);
                QMetaObject::invokeMethod(
                    this,
                    [this, copy, rec = r.recognition, line] { emit snapshot(copy, rec, line); },
                    Qt::QueuedConnection);
            };
            if (cancel->load()) {  // while the samples were read
                auto r = std::make_shared<FineTuningResult>(base);
                r->cancelled = true;
                r->verdict = "cancelled";
                *result = std::move(r);
                return;
            }
            *result = std::make_shared<const FineTuningResult>(
                fineTune(base, samples, input.options, onProgress, *cancel));
        } catch (const std::exception& e) {
            *error = QString::fromUtf8(e.what());
        }
    });
    connect(m_thread, &QThread::finished, this, [this, result, error] {
        delete m_thread;
        m_thread = nullptr;
        if (*result)
            emit finished(*result);
        else
            emit failed(error->isEmpty() ? tr("fine-tuning stopped without a result") : *error);
    });
    m_thread->start(QThread::LowPriority);
    return true;
}

void FineTuningJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

}  // namespace inklens::service
