#pragma once
// The window's document area: tabs Ink (the canvas), Image (a picture of one line) and
// Page (a page of lines, PagePane), what each shows and which result the window shows.
//
// Opening a picture (file, drop, paste; service::readPageImage / pageImageOf): it is shown
// in the Image tab while its lines are found on the page worker (imaging::analyzePage, a
// fraction of a second). service::isPagePicture decides, as `inklens recognize` does: two
// lines or more, or a picture shaped like a page (at least 400 px high and half as high as
// wide, whatever was found in it): it is a page, the Page tab takes it and reads every
// line (progress in the status bar, PageProgress); the user can draw lines the analysis
// missed. Otherwise (one line or none in a picture shaped like a line, e.g. a line or a
// word): it is read as one line, as before pages existed (LiveRecognition).
//
// A very large picture is shown and read downscaled (PageImage::scale); the export gives
// its lines in the original's pixels. A file of several pictures (a multi-page TIFF)
// opens its first; the PageChooser in the tabs' corner ("Page N of M") opens the others.
//
// shown(result) is what the text panel and the inspection views get: the live result of
// the Ink and Image tabs, or the line chosen on the page.
#include "service/page_formats.h"
#include "service/page_image.h"
#include "service/recognition_service.h"
#include "service/sample_store.h"

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
class PageChooser;
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
    // Picture `index` (0-based) of a picture file (a TIFF's page); false and *error when it
    // cannot be opened.
    bool openPictureFile(const QString& path, int index = 0, QString* error = nullptr);
    // A picture from anywhere (pasted, dropped): name shown as its title.
    void openPicture(const QImage& picture, const QString& name, const QString& path = {});
    // A dropped or pasted file or picture; false and *error when there is nothing to open.
    bool openMime(const QMimeData* mime, QString* error = nullptr);
    static bool canOpenMime(const QMimeData* mime);
    // A picture of this size is a page even when fewer than two lines are found in it
    // (service::looksLikePage).
    static bool looksLikePage(QSize size);

    // The page as text, PAGE XML, hOCR or ALTO (service::writePageFile: format, or else by
    // the suffix), its lines in the original picture's pixels; false and *error when it
    // cannot be written.
    bool exportPage(const QString& path, QString* error = nullptr,
                    std::optional<service::PageFormat> format = std::nullopt) const;
    bool pageShown() const;

    // Reads what is shown again (the options changed): the live tab, or every page line.
    void readAgain();
    void stop();  // the window closes: every reading stops
    // Shows the canvas, clears it (undoable) and reads (nothing).
    void clearInk();

    // The user corrected the reading shown (TextPanel::corrected): the canvas' ink or the
    // line picture is kept with the text as a sample for fine-tuning, in the sample store
    // (service::SampleStore::defaultPath(), opened at the first correction; messages say
    // how many there are, or why it was not kept). Ink of several lines and page lines are
    // not kept yet.
    void storeCorrection(const QString& text, const QString& recognized);

    const service::RecognitionResult& latest() const { return m_latest; }
    InkCanvas* canvas() const { return m_canvas; }
    ImageView* imageView() const { return m_imageView; }
    PagePane* pagePane() const { return m_page; }
    LiveRecognition* live() const { return m_live; }
    service::PageSession* pageSession() const { return m_session; }
    PageProgress* pageProgress() const { return m_progress; }
    PageChooser* pageChooser() const { return m_chooser; }
    double pageScale() const { return m_picture.scale; }  // original pixels per shown pixel
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
    void showPicture(service::PageImage picture, const QString& name, const QString& path);

    service::RecognitionService& m_service;
    service::PageSession* m_session;
    InkCanvas* m_canvas;
    ImageView* m_imageView;
    PagePane* m_page;
    LiveRecognition* m_live;
    QPointer<PageProgress> m_progress;  // the window puts it in its status bar
    PageChooser* m_chooser;
    service::PageImage m_picture;  // the picture opened last (its gray: what is shown)
    QString m_picturePath;         // its file, if any
    QUndoGroup* m_undo;
    service::RecognitionResult m_latest;
    std::optional<service::SampleStore> m_samples;  // opened at the first correction
};

}  // namespace inklens::ui
