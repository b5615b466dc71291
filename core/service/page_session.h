#pragma once
// The page view's worker: analyses a page picture and reads its lines on its own thread,
// one line after another (a few at a time: Reader::readBatch), so that the window stays
// responsive, a progress bar can follow each line, and an edited line is read at once,
// ahead of the lines still waiting. Qt Core/Gui only; the session lives on the GUI thread,
// its worker on the session's QThread (the pattern of recognition_service.h).
//
//   GUI thread                                   worker thread
//   openFile(path)   : page = ++n; cancel();     decodes the picture (readPageImage),
//                      open job, front           polling its cancel flag -> opened
//   openInkFile(path): the opening under way    parses the InkML (readInkMlFile),
//                      cancelled; ink job, front polling its cancel flag, then places
//                                                it (the caller's prepare) -> inkOpened
//   setPage(image)   : page = ++n; cancel()      takes jobs from the queue, the front
//   analyze()        : analysis job, front  ──►  first; a job of an older page is
//   read(lines)      : line jobs, back           skipped; reads up to numThreads() lines
//   readFirst(lines) : line jobs, front          per pass; polls the pass's cancel flag
//   cancel()         : empties the queue, sets   between the network's layers
//                      the running pass's flag
//   opened / analyzed / lineRead / progress ◄──  (results of an older page are dropped on
//                          queued                arrival)
//
// Lines are named by the caller's ids (PageDocument's); a result carries the id it was
// asked for. Every line's geometry is in the original picture's pixels (analyzed gives
// them so; a job's line is cut from the picture held, perhaps downscaled: cropPageLine).
// The model is shared and immutable (the recognition service's).

#include "imaging/page_layout.h"
#include "model/model_file.h"
#include "reading/reader.h"
#include "service/inkml.h"
#include "service/page_image.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace inklens::service {

class PageWorker;
struct PageQueue;

struct PageLineResult
{
    quint64 page = 0;                                 // setPage()'s number
    quint64 id = 0;                                   // the caller's line id
    std::shared_ptr<const reading::Reading> reading;  // never null; not cancelled
    QImage lineImage;     // what the network read (lineImageToQImage), for the inspection views
    bool probed = false;  // read alone with the probe on (readProbed)
};

class PageSession : public QObject
{
    Q_OBJECT
public:
    using LineJob = std::pair<quint64, imaging::PageLine>;  // id, geometry (original pixels)

    explicit PageSession(QObject* parent = nullptr);
    ~PageSession() override;  // cancels, stops the thread, waits

    // The model to read with (null: lines are not read; failed() says so). Takes effect
    // for the lines read after it.
    void setModel(std::shared_ptr<const model::Model> model);
    // For the lines queued after it (the probe is set per job).
    void setOptions(const reading::ReadOptions& options) { m_options = options; }

    // Decodes picture `index` of a file (readPageImage) or converts a picture (pageImageOf)
    // on the worker -> opening(...) while it decodes, then opened(). Cancels all work on
    // the previous page (and a picture still being opened); returns the request's number
    // (opened's page). The picture is not the session's page until setPage(image).
    // displaySide > 0: opened() brings a copy to show too, at most that many pixels a side,
    // made on the worker (scaling and converting a large picture would stall the GUI).
    quint64 openFile(const QString& path, int index = 0, const PageImageLimits& limits = {},
                     int displaySide = 0);
    quint64 openPicture(const QImage& picture, const PageImageLimits& limits = {},
                        int displaySide = 0);
    // Parses an InkML file on the worker (readInkMlFile: progress in openingProgress, in
    // characters parsed; cancel() stops it) -> inkOpened(). A picture or ink still being
    // opened is given up; the page and the reading of its lines stay as they are (the ink
    // waits for the pass of lines under way, at most a few lines). Returns the request's
    // number (inkOpened's request). prepare, when given, runs on the worker on the parsed
    // ink before inkOpened (the window places it on the canvas' guides there: that is
    // O(points) and more, too long for the GUI thread); it must be thread-safe (plain
    // values captured, no GUI object touched).
    using InkPreparation = std::function<void(InkDocument& ink)>;
    quint64 openInkFile(const QString& path, const InkMlLimits& limits = {},
                        InkPreparation prepare = {});
    bool opening() const { return m_opening != 0 || m_inkOpening != 0; }
    bool openingInk() const { return m_inkOpening != 0; }

    // A new page (any format; converted to 8-bit gray). Cancels all work on the previous
    // one; returns the page's number. A PageImage may be downscaled: lines stay in its
    // original's pixels (image.scale).
    quint64 setPage(const QImage& picture);
    quint64 setPage(const PageImage& image);
    quint64 page() const { return m_page; }
    bool hasPage() const;
    std::shared_ptr<const PageImage> image() const { return m_image; }  // null: no page

    // Finds the lines of the page (imaging::analyzePage) -> analyzed(), in the original
    // picture's pixels.
    void analyze(const imaging::PageOptions& options = {});
    // Queues lines to read, after those waiting (read) or before them (readFirst: an
    // edited line, read at once). A line already waiting is moved, not read twice.
    void read(const std::vector<LineJob>& lines);
    void readFirst(const std::vector<LineJob>& lines);
    // One line read alone with the probe on (feature maps and LSTM states for the
    // inspection views), before anything else. Not counted in the progress.
    void readProbed(const LineJob& line);
    // Stops the reading: the queue is emptied, the running pass is stopped (its lines
    // come back unread), a picture being opened is given up (opened() with "cancelled"),
    // so is ink (inkOpened() with cancelled at once, even when it was read meanwhile).
    // The analysis of the page is not stopped (it is short).
    void cancel();

    bool busy() const { return m_pending > 0 || opening(); }
    int done() const { return m_done; }    // lines read since the queue was last empty
    int total() const { return m_total; }  // lines queued since the queue was last empty

signals:
    // While a picture is decoded: rows done of total (total -1: not known). Throttled.
    void openingProgress(int done, int total);
    // The picture asked by openFile/openPicture (page: its request number): image.gray is
    // null and error says why when it could not be opened (or was cancelled: cancelled).
    // shown: image.gray at most displaySide a side, Format_RGB32 (null without displaySide).
    void opened(quint64 page, const inklens::service::PageImage& image, const QString& error,
                bool cancelled, const QImage& shown);
    // The ink asked by openInkFile (request: its number): ink null and error says why when
    // it could not be read (or was cancelled: cancelled).
    void inkOpened(quint64 request, std::shared_ptr<const inklens::service::InkDocument> ink,
                   const QString& error, bool cancelled);
    void analyzed(quint64 page, const inklens::imaging::PageLayout& layout, const QString& error);
    void lineRead(const inklens::service::PageLineResult& result);
    // After each line read or cancelled; done == total when the queue is empty.
    void progress(int done, int total);
    // The queue ran empty (everything asked was read, or cancelled).
    void finished(bool cancelled);
    void failed(const QString& message);

private:
    void enqueue(const std::vector<LineJob>& lines, bool front, bool probe);
    void schedule();  // with the queue's mutex held
    void onLineRead(const inklens::service::PageLineResult& result);
    void onLinesDropped(quint64 page, int count);
    void onAnalyzed(quint64 page, const inklens::imaging::PageLayout& layout, const QString& error);
    void onOpened(quint64 page, const inklens::service::PageImage& image, const QString& error,
                  bool cancelled, const QImage& shown);
    quint64 open(QString path, int index, QImage picture, const PageImageLimits& limits,
                 int displaySide);
    void cancelOpening();  // the picture or ink being opened: given up
    void onInkOpened(quint64 request, std::shared_ptr<const inklens::service::InkDocument> ink,
                     const QString& error, bool cancelled);
    void countDown(int lines, bool cancelled);

    QThread m_thread;
    PageWorker* m_worker = nullptr;
    std::shared_ptr<PageQueue> m_queue;
    std::shared_ptr<const PageImage> m_image;  // the page (gray: Format_Grayscale8)
    reading::ReadOptions m_options;
    quint64 m_page = 0;
    quint64 m_opening = 0;  // the request whose picture is being opened (0: none)
    quint64 m_inkRequests = 0;
    quint64 m_inkOpening = 0;  // the ink request being opened (0: none)
    int m_pending = 0;      // line jobs queued and not come back yet (probes excluded)
    int m_done = 0, m_total = 0;
    bool m_cancelled = false;
};

}  // namespace inklens::service

Q_DECLARE_METATYPE(inklens::service::PageLineResult)
Q_DECLARE_METATYPE(inklens::imaging::PageLayout)
Q_DECLARE_METATYPE(inklens::service::PageImage)
Q_DECLARE_METATYPE(std::shared_ptr<const inklens::service::InkDocument>)
