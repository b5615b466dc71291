#pragma once
// The page tab: the page picture with its lines (PageView) beside their texts
// (PageLineList), over one service::PageDocument, read by a service::PageSession.
//
//   open(image)    -> session.setPage + analyze ... analyzed -> document.setPage(lines)
//                     -> analysed(lines, rows): the caller decides whether it is a page
//   startReading() -> every line queued on the worker; progress and cancel are the session's
//   an edit        -> the document makes new lines -> only they are read, ahead of the rest
//   click a line   -> lineInspected(its reading) at once, again with the probe's evidence
//
// The document keeps every line in the original picture's pixels; a large picture is
// held downscaled (PageImage::scale) and the view maps between the two.
//
// Remembers its splitter and whether the page fits the window (QSettings "pageView/...").
#include "model/recognizer.h"
#include "service/page_image.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <set>

class QSplitter;

namespace inklens::service {
class PageDocument;
class PageSession;
struct PageLineResult;
}  // namespace inklens::service

namespace inklens::ui {

class PageLineList;
class PageView;

class PagePane : public QWidget
{
    Q_OBJECT
public:
    // session: outlives the pane.
    explicit PagePane(service::PageSession& session, QWidget* parent = nullptr);
    ~PagePane() override;

    // Shows the picture (a page of any size, perhaps held downscaled) and finds its lines on
    // the worker; analysed() follows. Nothing is read until startReading(). path: the
    // source file, if any.
    // shown: the picture to draw, when a smaller copy was made (else image.gray).
    void open(const service::PageImage& image, const QString& name, const QString& path = {},
              const QImage& shown = {});
    // Reads every line not read yet (all of them: again with the options now in effect).
    void startReading(bool again = false);
    void cancelReading();
    void clear();
    bool hasPage() const;
    QString name() const { return m_name; }
    QSize pageSize() const { return m_size; }  // the original picture's (empty: no page)

    service::PageDocument* document() const { return m_document; }
    PageView* view() const { return m_view; }
    PageLineList* lineList() const { return m_list; }

signals:
    // The lines of the page opened last are found (error: why not; lines is then 0).
    void analysed(int lines, int rows, const QString& error);  // rows: PageLayout::rows
    // The user chose a line (or its reading changed): show its reading (null: none).
    void lineInspected(std::shared_ptr<const inklens::model::Recognition> recognition,
                       const QImage& lineImage);

private:
    void queueNewLines();
    void onLineRead(const service::PageLineResult& result);
    void inspect(quint64 id, bool probe);

    service::PageSession& m_session;
    service::PageDocument* m_document;
    PageView* m_view;
    PageLineList* m_list;
    QSplitter* m_splitter;
    QString m_name, m_path;
    QSize m_size;
    bool m_reading = false;    // the page was accepted: new lines are read at once
    std::set<quint64> m_seen;  // lines already queued or known unread by the user's choice
};

}  // namespace inklens::ui
