#include "service/page_session.h"

#include "nn/tensor.h"
#include "service/line_loader.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <utility>

namespace inklens::service {

namespace {

struct PageJob
{
    enum class Kind { Open, OpenInk, Analyze, Read, Probe };
    Kind kind = Kind::Read;
    quint64 page = 0;
    quint64 id = 0;
    imaging::PageLine line;
    reading::ReadOptions options;
    imaging::PageOptions pageOptions;
    std::shared_ptr<const PageImage> image;  // the page's picture
    // Open: a file's picture (path, index) or a picture (picture), and the job's own
    // cancel flag (set by cancel() whether the job waits or runs).
    QString path;
    int index = 0;
    QImage picture;
    PageImageLimits limits;
    int displaySide = 0;
    InkMlLimits inkLimits;                // OpenInk (path)
    PageSession::InkPreparation prepare;  // OpenInk: run on the parsed ink (may be empty)
    std::shared_ptr<std::atomic_bool> stop;
};

}  // namespace

// What the GUI thread and the worker share, under one mutex.
struct PageQueue
{
    std::mutex mutex;
    std::deque<PageJob> jobs;
    bool scheduled = false;                     // a drain() is queued or running
    std::shared_ptr<std::atomic_bool> running;  // the running pass's cancel flag
    bool runningOpen = false;                   // the running pass opens a picture or ink
    std::shared_ptr<const model::Model> model;  // to read with
    std::atomic<quint64> page{0};               // the newest page: older jobs are skipped
};

// Lives on the session's thread; drain() empties the queue, a pass at a time.
class PageWorker : public QObject
{
    Q_OBJECT
public:
    explicit PageWorker(std::shared_ptr<PageQueue> queue) : m_queue(std::move(queue)) { }

    void drain()
    {
        for (;;) {
            std::vector<PageJob> pass;
            auto flag = std::make_shared<std::atomic_bool>(false);
            std::shared_ptr<const model::Model> model;
            {
                const std::lock_guard lock(m_queue->mutex);
                if (m_queue->jobs.empty()) {
                    m_queue->scheduled = false;
                    return;
                }
                // One analysis or probe alone; else up to one line per thread of one page.
                const std::size_t most = std::max(1, nn::numThreads());
                pass.push_back(std::move(m_queue->jobs.front()));
                m_queue->jobs.pop_front();
                while (pass.front().kind == PageJob::Kind::Read && pass.size() < most
                       && !m_queue->jobs.empty()
                       && m_queue->jobs.front().kind == PageJob::Kind::Read
                       && m_queue->jobs.front().page == pass.front().page) {
                    pass.push_back(std::move(m_queue->jobs.front()));
                    m_queue->jobs.pop_front();
                }
                if (pass.front().kind == PageJob::Kind::Open
                    || pass.front().kind == PageJob::Kind::OpenInk)
                    flag = pass.front().stop;
                m_queue->running = flag;
                m_queue->runningOpen = flag == pass.front().stop;
                model = m_queue->model;
            }
            run(pass, model, flag);
            const std::lock_guard lock(m_queue->mutex);
            m_queue->running.reset();
            m_queue->runningOpen = false;
        }
    }

signals:
    void openingProgress(quint64 page, int done, int total);
    void inkOpeningProgress(quint64 request, int done, int total);
    void opened(quint64 page, const inklens::service::PageImage& image, const QString& error,
                bool cancelled, const QImage& shown);
    void inkOpened(quint64 request, std::shared_ptr<const inklens::service::InkDocument> ink,
                   const QString& error, bool cancelled);
    void analyzed(quint64 page, const inklens::imaging::PageLayout& layout, const QString& error);
    void lineRead(const inklens::service::PageLineResult& result);
    void linesDropped(quint64 page, int count);  // read jobs that gave no reading
    void failed(const QString& message);

private:
    void run(std::vector<PageJob>& pass, const std::shared_ptr<const model::Model>& model,
             const std::shared_ptr<std::atomic_bool>& flag)
    {
        const PageJob& first = pass.front();
        const bool stale = first.page != m_queue->page.load();
        const int lines = first.kind == PageJob::Kind::Read ? int(pass.size()) : 0;
        if (first.kind == PageJob::Kind::Open) {
            if (!stale)
                open(first, *flag);
            return;
        }
        if (first.kind == PageJob::Kind::OpenInk)  // its request number in page; never stale
            return openInk(first, *flag);
        if (first.kind == PageJob::Kind::Analyze) {
            if (stale)
                return;
            try {
                const PageImage& image = *first.image;
                imaging::PageLayout layout =
                    imaging::analyzePage(grayMat(image.gray), first.pageOptions).scaled(image.scale);
                clampTo(layout, image.originalSize);
                emit analyzed(first.page, layout, {});
            } catch (const std::exception& e) {
                emit analyzed(first.page, {}, QString::fromUtf8(e.what()));
            }
            return;
        }
        if (stale || !model) {
            if (!stale)
                emit failed(QCoreApplication::translate("inklens::service", "no model loaded"));
            emit linesDropped(first.page, lines);
            return;
        }
        if (!m_reader || m_reader->modelPtr() != model)
            m_reader = std::make_unique<reading::Reader>(model);
        try {
            std::vector<cv::Mat> crops;
            for (const PageJob& job : pass)
                crops.push_back(cropPageLine(*job.image, job.line));
            std::vector<reading::Reading> readings;
            if (first.kind == PageJob::Kind::Probe) {
                reading::ReadOptions options = first.options;
                options.probe = true;
                readings.push_back(m_reader->read(crops.front(), options, flag.get()));
            } else {
                reading::ReadOptions options = first.options;
                options.probe = false;
                readings = m_reader->readBatch(crops, options, flag.get());
            }
            int dropped = 0;
            for (std::size_t i = 0; i < readings.size(); ++i) {
                if (readings[i].cancelled) {
                    ++dropped;
                    continue;
                }
                PageLineResult result;
                result.page = first.page;
                result.id = pass[i].id;
                result.lineImage = lineImageToQImage(readings[i].line);
                result.probed = first.kind == PageJob::Kind::Probe;
                result.reading = std::make_shared<const reading::Reading>(std::move(readings[i]));
                emit lineRead(result);
            }
            if (dropped > 0 && lines > 0)
                emit linesDropped(first.page, dropped);
        } catch (const std::exception& e) {
            emit failed(QString::fromUtf8(e.what()));
            emit linesDropped(first.page, lines);
        }
    }

    void open(const PageJob& job, const std::atomic_bool& stop)
    {
        QString error;
        std::optional<PageImage> image;
        if (job.path.isEmpty()) {
            image = pageImageOf(job.picture, job.limits);
        } else {
            int last = -1;  // percent reported last
            image = readPageImage(job.path, job.index, &error, job.limits, &stop,
                                  [&](int done, int total) {
                const int percent = total > 0 ? int(qint64(done) * 100 / total) : -1;
                if (percent != last) {
                    last = percent;
                    emit openingProgress(job.page, done, total);
                }
            });
        }
        const bool cancelled = stop.load();
        if (cancelled || !image)
            return emit opened(job.page, {}, error, cancelled, {});
        QImage shown;
        if (job.displaySide > 0) {
            const int side = job.displaySide;
            shown = std::max(image->gray.width(), image->gray.height()) > side ? image->gray.scaled(
                        side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                                                               : image->gray;
            shown = shown.convertToFormat(QImage::Format_RGB32);  // what a pixmap holds
        }
        emit opened(job.page, *image, {}, false, shown);
    }

    void openInk(const PageJob& job, const std::atomic_bool& stop)
    {
        QString error;
        std::optional<InkDocument> ink;
        if (!stop.load()) {
            int last = -1;  // percent reported last
            InkMlWatch watch;
            watch.stop = &stop;
            watch.progress = [&](qint64 done, qint64 total) {
                const int percent = total > 0 ? int(done * 100 / total) : -1;
                if (percent != last) {
                    last = percent;
                    emit inkOpeningProgress(job.page, percent, 100);
                }
            };
            ink = readInkMlFile(job.path, &error, job.inkLimits, watch);
        }
        if (ink && job.prepare && !stop.load())
            job.prepare(*ink);
        const bool cancelled = stop.load();
        if (cancelled || !ink)
            return emit inkOpened(job.page, nullptr, cancelled ? QString() : error, cancelled);
        emit inkOpened(job.page, std::make_shared<const InkDocument>(std::move(*ink)), {}, false);
    }

    // Coordinates scaled back from a downscaled picture may pass its far edges by up to
    // the factor: kept on the picture.
    static void clampTo(imaging::PageLayout& layout, QSize size)
    {
        const float w = float(size.width()), h = float(size.height());
        for (imaging::PageLine& line : layout.lines)
            for (std::vector<cv::Point2f>* points : {&line.polygon, &line.baseline})
                for (cv::Point2f& p : *points)
                    p = {std::clamp(p.x, 0.f, w), std::clamp(p.y, 0.f, h)};
    }

    std::shared_ptr<PageQueue> m_queue;
    std::unique_ptr<reading::Reader> m_reader;
};

PageSession::PageSession(QObject* parent) : QObject(parent), m_queue(std::make_shared<PageQueue>())
{
    qRegisterMetaType<PageLineResult>();
    qRegisterMetaType<imaging::PageLayout>();
    qRegisterMetaType<PageImage>();
    qRegisterMetaType<std::shared_ptr<const InkDocument>>();
    m_thread.setObjectName(QStringLiteral("InkLens page"));
    m_worker = new PageWorker(m_queue);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PageWorker::openingProgress, this,
            [this](quint64 page, int done, int total) {
        if (page == m_opening)
            emit openingProgress(done, total);
    });
    connect(m_worker, &PageWorker::inkOpeningProgress, this,
            [this](quint64 request, int done, int total) {
        if (request == m_inkOpening)
            emit openingProgress(done, total);
    });
    connect(m_worker, &PageWorker::inkOpened, this, &PageSession::onInkOpened);
    connect(m_worker, &PageWorker::opened, this, &PageSession::onOpened);
    connect(m_worker, &PageWorker::analyzed, this, &PageSession::onAnalyzed);
    connect(m_worker, &PageWorker::lineRead, this, &PageSession::onLineRead);
    connect(m_worker, &PageWorker::linesDropped, this, &PageSession::onLinesDropped);
    connect(m_worker, &PageWorker::failed, this, &PageSession::failed);
    m_thread.start();
}

PageSession::~PageSession()
{
    {
        const std::lock_guard lock(m_queue->mutex);
        m_queue->jobs.clear();
        m_queue->page.store(~quint64(0));
        if (m_queue->running)
            m_queue->running->store(true);
    }
    m_thread.quit();
    m_thread.wait();
}

void PageSession::setModel(std::shared_ptr<const model::Model> model)
{
    const std::lock_guard lock(m_queue->mutex);
    m_queue->model = std::move(model);
}

quint64 PageSession::openFile(const QString& path, int index, const PageImageLimits& limits,
                              int displaySide)
{
    return open(path, index, {}, limits, displaySide);
}

quint64 PageSession::openPicture(const QImage& picture, const PageImageLimits& limits,
                                 int displaySide)
{
    return open({}, 0, picture, limits, displaySide);
}

quint64 PageSession::open(QString path, int index, QImage picture, const PageImageLimits& limits,
                          int displaySide)
{
    cancel();  // a picture or ink still being opened too: the newest wins
    m_page = m_page + 1;
    m_image.reset();
    m_queue->page.store(m_page);
    m_opening = m_page;
    PageJob job;
    job.kind = PageJob::Kind::Open;
    job.page = m_page;
    job.path = std::move(path);
    job.index = index;
    job.picture = std::move(picture);
    job.limits = limits;
    job.displaySide = displaySide;
    job.stop = std::make_shared<std::atomic_bool>(false);
    const std::lock_guard lock(m_queue->mutex);
    m_queue->jobs.push_front(std::move(job));
    schedule();
    return m_page;
}

quint64 PageSession::openInkFile(const QString& path, const InkMlLimits& limits,
                                 InkPreparation prepare)
{
    cancelOpening();
    m_opening = 0;  // newest wins: a picture still being decoded is given up
    m_inkOpening = ++m_inkRequests;
    PageJob job;
    job.kind = PageJob::Kind::OpenInk;
    job.page = m_inkOpening;
    job.path = path;
    job.inkLimits = limits;
    job.prepare = std::move(prepare);
    job.stop = std::make_shared<std::atomic_bool>(false);
    const std::lock_guard lock(m_queue->mutex);
    m_queue->jobs.push_front(std::move(job));
    schedule();
    return m_inkOpening;
}

void PageSession::cancelOpening()
{
    const std::lock_guard lock(m_queue->mutex);
    for (const PageJob& job : m_queue->jobs)
        if (job.kind == PageJob::Kind::Open || job.kind == PageJob::Kind::OpenInk)
            job.stop->store(true);
    if (m_queue->running && m_queue->runningOpen)
        m_queue->running->store(true);
}

void PageSession::onInkOpened(quint64 request, std::shared_ptr<const InkDocument> ink,
                              const QString& error, bool cancelled)
{
    if (request != m_inkOpening)
        return;  // newer ink or a picture came since
    m_inkOpening = 0;
    emit inkOpened(request, std::move(ink), error, cancelled);
}

void PageSession::onOpened(quint64 page, const PageImage& image, const QString& error,
                           bool cancelled, const QImage& shown)
{
    if (page != m_opening)
        return;  // a newer picture or page came since
    m_opening = 0;
    emit opened(page, image, error, cancelled, shown);
}

quint64 PageSession::setPage(const QImage& picture)
{
    PageImage image;
    image.gray = picture.convertToFormat(QImage::Format_Grayscale8);
    image.originalSize = picture.size();
    return setPage(image);
}

quint64 PageSession::setPage(const PageImage& image)
{
    cancel();
    m_page = m_page + 1;
    m_opening = 0;
    auto held = std::make_shared<PageImage>(image);
    held->gray = held->gray.convertToFormat(QImage::Format_Grayscale8);
    m_image = std::move(held);
    m_queue->page.store(m_page);
    return m_page;
}

bool PageSession::hasPage() const
{
    return m_image && !m_image->gray.isNull();
}

void PageSession::analyze(const imaging::PageOptions& options)
{
    if (!hasPage())
        return;
    PageJob job;
    job.kind = PageJob::Kind::Analyze;
    job.page = m_page;
    job.image = m_image;
    job.pageOptions = options;
    const std::lock_guard lock(m_queue->mutex);
    m_queue->jobs.push_front(std::move(job));
    schedule();
}

void PageSession::read(const std::vector<LineJob>& lines)
{
    enqueue(lines, false, false);
}

void PageSession::readFirst(const std::vector<LineJob>& lines)
{
    enqueue(lines, true, false);
}

void PageSession::readProbed(const LineJob& line)
{
    enqueue({line}, true, true);
}

void PageSession::enqueue(const std::vector<LineJob>& lines, bool front, bool probe)
{
    if (!hasPage() || lines.empty())
        return;
    if (!probe && m_pending == 0) {
        m_done = m_total = 0;
        m_cancelled = false;
    }
    const std::lock_guard lock(m_queue->mutex);
    std::vector<PageJob> jobs;
    for (const auto& [id, line] : lines) {
        if (!probe) {
            // A line already waiting moves (it is counted once).
            auto& queued = m_queue->jobs;
            const auto before = queued.size();
            queued.erase(std::remove_if(
                             queued.begin(), queued.end(),
                             [id = id](const PageJob& j) {
                return j.kind == PageJob::Kind::Read && j.id == id;
                             }),
                         queued.end());
            const int moved = int(before - queued.size());
            m_pending -= moved;
            m_total -= moved;
        }
        PageJob job;
        job.kind = probe ? PageJob::Kind::Probe : PageJob::Kind::Read;
        job.page = m_page;
        job.id = id;
        job.line = line;
        job.options = m_options;
        job.image = m_image;
        jobs.push_back(std::move(job));
    }
    if (!probe) {
        m_pending += int(jobs.size());
        m_total += int(jobs.size());
    }
    if (front) {
        // Behind the analysis and the probes already at the front, in the given order.
        auto at = m_queue->jobs.begin();
        while (at != m_queue->jobs.end() && at->kind != PageJob::Kind::Read && !probe)
            ++at;
        m_queue->jobs.insert(at, std::make_move_iterator(jobs.begin()),
                             std::make_move_iterator(jobs.end()));
    } else {
        for (PageJob& job : jobs)
            m_queue->jobs.push_back(std::move(job));
    }
    schedule();
    if (!probe)
        emit progress(m_done, m_total);
}

// Called with the mutex held.
void PageSession::schedule()
{
    if (m_queue->scheduled)
        return;
    m_queue->scheduled = true;
    QMetaObject::invokeMethod(m_worker, &PageWorker::drain, Qt::QueuedConnection);
}

void PageSession::cancel()
{
    int removed = 0;
    {
        const std::lock_guard lock(m_queue->mutex);
        auto& queued = m_queue->jobs;
        removed = int(std::count_if(queued.begin(), queued.end(), [](const PageJob& j) {
            return j.kind == PageJob::Kind::Read;
        }));
        for (const PageJob& job : queued)  // run at once, to say it was cancelled
            if (job.kind == PageJob::Kind::Open || job.kind == PageJob::Kind::OpenInk)
                job.stop->store(true);
        queued.erase(std::remove_if(
                         queued.begin(), queued.end(),
                         [](const PageJob& j) {
            return j.kind != PageJob::Kind::Analyze && j.kind != PageJob::Kind::Open
                   && j.kind != PageJob::Kind::OpenInk;
                         }),
                     queued.end());
        if (m_queue->running)
            m_queue->running->store(true);
    }
    if (m_pending > 0)
        m_cancelled = true;
    if (m_inkOpening != 0)  // at once: what the worker still brings of it is dropped
        emit inkOpened(std::exchange(m_inkOpening, 0), nullptr, {}, true);
    if (removed > 0)
        countDown(removed, true);
}

void PageSession::onAnalyzed(quint64 page, const imaging::PageLayout& layout, const QString& error)
{
    if (page == m_page)
        emit analyzed(page, layout, error);
}

void PageSession::onLineRead(const PageLineResult& result)
{
    if (!result.probed)
        countDown(1, false);
    if (result.page == m_page)
        emit lineRead(result);
}

void PageSession::onLinesDropped(quint64, int count)
{
    countDown(count, true);
}

void PageSession::countDown(int lines, bool cancelled)
{
    if (lines <= 0 || m_pending <= 0)
        return;
    lines = std::min(lines, m_pending);
    m_pending -= lines;
    if (cancelled) {
        m_cancelled = true;
        m_total -= lines;  // the bar ends where the reading stopped
    } else {
        m_done += lines;
    }
    emit progress(m_done, m_total);
    if (m_pending == 0)
        emit finished(m_cancelled);
}

}  // namespace inklens::service

#include "page_session.moc"
