#include "saliency_runner.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace inklens::ui::inspect {

namespace {
std::atomic_int g_liveTasks{0};

// Counts a task from compute() to the end of its function.
struct LiveTask
{
    LiveTask() { ++g_liveTasks; }
    LiveTask(const LiveTask&) = delete;
    LiveTask& operator=(const LiveTask&) = delete;
    ~LiveTask() { --g_liveTasks; }
};
}  // namespace

int SaliencyRunner::liveTasks()
{
    return g_liveTasks.load();
}

SaliencyRunner::SaliencyRunner(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome o = m_watcher.result();
        if (o.generation != m_generation)
            return;  // a newer request is running or done
        if (o.map && !o.map->cancelled)
            emit finished(o.generation, o.map);
        else if (!o.error.isEmpty())
            emit failed(o.generation, o.error);
    });
}

SaliencyRunner::~SaliencyRunner()
{
    cancel();              // the older requests' flags are set already
    m_pool.waitForDone();  // superseded tasks too, not just the newest (m_watcher's)
}

void SaliencyRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

quint64 SaliencyRunner::compute(Request request)
{
    cancel();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancelFlag = m_cancel;
    QPointer<SaliencyRunner> self(this);
    auto live = std::make_shared<LiveTask>();
    m_watcher.setFuture(QtConcurrent::run(
        &m_pool, [request = std::move(request), generation, cancelFlag, self, live]() mutable {
            const std::shared_ptr<LiveTask> done = std::move(live);  // ends with this function
            Outcome o;
            o.generation = generation;
            if (cancelFlag->load())
                return o;  // superseded while it waited
            try {
                if (!request.model || !request.pixels)
                    throw nn::EngineError("no model or no line");
                const model::Crnn& net = request.model->crnn;
                if (request.height != net.spec().inputHeight
                    || request.pixels->size() != std::size_t(request.width) * request.height)
                    throw nn::EngineError("the line does not fit the model");
                if (request.method == model::SaliencyMethod::Gradient) {
                    o.map = std::make_shared<model::SaliencyMap>(
                        model::saliencyGradient(net, request.pixels->data(), request.width,
                                                request.height, request.target, cancelFlag.get()));
                } else {
                    auto report = [self, generation](int done, int total) {
                        // Queued to the runner's thread; dropped if the runner is gone.
                        QMetaObject::invokeMethod(
                            self.data(),
                            [self, generation, done, total] {
                        if (self && self->m_generation == generation)
                            emit self->progress(generation, done, total);
                            },
                            Qt::QueuedConnection);
                    };
                    o.map = std::make_shared<model::SaliencyMap>(model::saliencyOcclusion(
                        net, request.pixels->data(), request.width, request.height, request.target,
                        request.occlusion, cancelFlag.get(), report));
                }
            } catch (const std::exception& e) {
                o.error = QString::fromStdString(e.what());
            }
            return o;
        }));
    return generation;
}

}  // namespace inklens::ui::inspect
