#pragma once
// The window's document area: tabs Ink (the canvas), Image (a picture of one line) and
// Page (a page of lines, PagePane), what each shows and which result the window shows.
//
// Opening a picture (file, drop, paste): it is shown in the Image tab while its lines are
// found on the page worker (imaging::analyzePage, a fraction of a second). Two lines or
// more, or a picture shaped like a page (looksLikePage: at least 400 px high and half as
// high as wide, whatever was found in it): it is a page, the Page tab takes it and reads
// every line (progress in the status bar, PageProgress); the user can draw lines the
// analysis missed. Otherwise (one line or none in a picture shaped like a line, e.g. a
// line or a word): it is read as one line, as before pages existed (LiveRecognition).
//
// shown(result) is what the text panel and the inspection views get: the live result of
// the Ink and Image tabs, or the line chosen on the page.
#include "service/recognition_service.h"

#include <QPointer>
#include <QTabWidget>

class QMimeData;
class QUndoGroup;

namespace inklens::service {
class PageSession;
}

namespace inklens::ui {

class ImageView;
class InkCanvas;
class LiveRecognition;
class PagePane;
class PageProgress;

class DocumentArea : public QTabWidget
{
    Q_OBJECT
public:
    // service outlives the area.
    explicit DocumentArea(service::RecognitionService& service, QWidget* parent = nullptr);
    ~DocumentArea() override;

    // InkML onto the canvas (one undo step) or a picture (see above). false and *error
    // (in the current language) when it cannot be opened.
    bool openFile(const QString& path, QString* error = nullptr);
    // A picture from anywhere (pasted, dropped): name shown as its title.
    void openPicture(const QImage& picture, const QString& name, const QString& path = {});
    // A dropped or pasted file or picture; false and *error when there is nothing to open.
    bool openMime(const QMimeData* mime, QString* error = nullptr);
    static bool canOpenMime(const QMimeData* mime);
    // A picture of this size is a page even when fewer than two lines are found in it.
    static bool looksLikePage(QSize size);

    // The page's text file (service::exportPage); false and *error when it cannot.
    bool exportPage(const QString& path, QString* error = nullptr) const;
    bool pageShown() const;

    // Reads what is shown again (the options changed): the live tab, or every page line.
    void readAgain();
    void stop();  // the window closes: every reading stops
    // Shows the canvas, clears it (undoable) and reads (nothing).
    void clearInk();

    const service::RecognitionResult& latest() const { return m_latest; }
    InkCanvas* canvas() const { return m_canvas; }
    ImageView* imageView() const { return m_imageView; }
    PagePane* pagePane() const { return m_page; }
    LiveRecognition* live() const { return m_live; }
    service::PageSession* pageSession() const { return m_session; }
    PageProgress* pageProgress() const { return m_progress; }
    // Undo and redo of what is shown: the canvas' strokes or the page's edits.
    QUndoGroup* undoGroup() const { return m_undo; }

signals:
    void shown(const inklens::service::RecognitionResult& result);
    void pageChanged();                 // a page was opened, or the Page tab came or went
    void message(const QString& text);  // for the status bar

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showTab(QWidget* tab);  // without the live reading that a tab change starts
    void onTabChanged();
    void show(const service::RecognitionResult& result);

    service::RecognitionService& m_service;
    service::PageSession* m_session;
    InkCanvas* m_canvas;
    ImageView* m_imageView;
    PagePane* m_page;
    LiveRecognition* m_live;
    QPointer<PageProgress> m_progress;  // the window puts it in its status bar
    QUndoGroup* m_undo;
    service::RecognitionResult m_latest;
};

}  // namespace inklens::ui
