#pragma once
// Runs a saliency computation (core/model/saliency.h) in a QtConcurrent task, never on
// the GUI thread. One request at a time: a new request cancels the one running (atomic
// flag polled by the engine) and only the newest result is delivered. The tasks run in
// the runner's own thread pool; the destructor cancels them and waits for every one, the
// superseded ones too, so nothing outlives the runner.

#include "model/model_file.h"
#include "model/saliency.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace inklens::ui::inspect {

class SaliencyRunner : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        std::shared_ptr<const model::Model> model;
        std::shared_ptr<const std::vector<float>> pixels;  // height x width, ink = 1
        int width = 0, height = 0;
        model::SaliencyTarget target;
        model::SaliencyMethod method = model::SaliencyMethod::Gradient;
        model::OcclusionOptions occlusion;  // for SaliencyMethod::Occlusion
    };

    explicit SaliencyRunner(QObject* parent = nullptr);
    ~SaliencyRunner() override;

    // Starts the request (cancelling any running one); returns its generation.
    quint64 compute(Request request);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    quint64 generation() const { return m_generation; }
    // Tasks of every runner that are queued or running (for tests: 0 once the runners
    // that started them are destroyed).
    static int liveTasks();

signals:
    void progress(quint64 generation, int done, int total);
    void finished(quint64 generation, std::shared_ptr<const inklens::model::SaliencyMap> map);
    void failed(quint64 generation, const QString& message);

private:
    struct Outcome
    {
        quint64 generation = 0;
        std::shared_ptr<const model::SaliencyMap> map;
        QString error;
    };
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;  // of the newest request (older ones are set)
    QThreadPool m_pool;                          // every task of this runner
    QFutureWatcher<Outcome> m_watcher;
};

}  // namespace inklens::ui::inspect
