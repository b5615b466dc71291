#pragma once
// One fine-tuning run for the window (issue #15), on its own thread: the user's samples
// (SampleStore, those not excluded) written to a temporary ground-truth folder and read
// back as `inklens finetune --samples` reads them (loadSampleFolder), then service::fineTune
// on a copy of the model in use, with the same defaults, guard and replay. Qt Core/Gui.
//
//   GUI thread                                  job thread
//   start(input)  ─────────────────────────►   samples -> fineTune(copy of base)
//   progress(step, loss, heldOutCer, ...) ◄──   after steps (queued)
//   snapshot(model, recognition, line)    ◄──   every snapshotSeconds: a copy of the model
//                                               being trained reads the watched line
//   cancel()       : sets the atomic flag       polled between steps
//   finished(result) / failed(message)    ◄──   the result (cancelled or not), or why none
//
// Nothing is written: keeping the result is ModelVersions::add's job. The base model is
// shared read-only and never changed. The destructor cancels and waits.

#include "imaging/line_image.h"
#include "service/fine_tuning.h"
#include "service/recognition_service.h"  // the metatypes of the shared model and readings

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace inklens::service {

struct FineTuningInput
{
    std::shared_ptr<const model::Model> base;  // the model in use (not changed)
    QString samplesPath;                       // the SampleStore database
    FineTuningOptions options;
    // The line the live views follow (normalized at the model's height); empty: the first
    // held-out sample.
    imaging::LineImage watchLine;
    double snapshotSeconds = 1.0;  // at most one snapshot this often; <= 0: none
};

class FineTuningJob : public QObject
{
    Q_OBJECT
public:
    explicit FineTuningJob(QObject* parent = nullptr);
    ~FineTuningJob() override;  // cancels and waits

    // Starts a run; false when one is running already.
    bool start(FineTuningInput input);
    void cancel();
    bool running() const { return m_thread != nullptr; }

    // The samples of the store the run would train on (not excluded), and how many of them
    // are held out (heldOutIndices).
    static int usableSamples(const QString& samplesPath, int* heldOut = nullptr,
                             int holdOutEvery = FineTuningOptions{}.holdOutEvery);

signals:
    // heldOutCer: fresh when >= 0 (a fraction); fraction: of the budget.
    void progress(int step, double loss, double heldOutCer, double elapsedSeconds, double fraction);
    // A copy of the model being trained, and its reading of the watched line (probe on)
    // with that line as a picture (lineImageToQImage).
    void snapshot(std::shared_ptr<const inklens::model::Model> model,
                  std::shared_ptr<const inklens::model::Recognition> recognition,
                  const QImage& lineImage);
    // The run ended: the result, also when cancelled (result->cancelled).
    void finished(std::shared_ptr<const inklens::service::FineTuningResult> result);
    void failed(const QString& message);

private:
    void onThreadFinished();

    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

}  // namespace inklens::service

Q_DECLARE_METATYPE(std::shared_ptr<const inklens::service::FineTuningResult>)
