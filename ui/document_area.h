#pragma once
// The window's document area: tabs Ink (the canvas), Image (a picture of one line) and
// Page (a page of lines, PagePane), what each shows and which result the window shows.
//
// Opening a picture (file, drop, paste): the file's header is checked at once (a file that
// is no picture, or too large, is refused with its reason), then the picture is decoded on
// the page worker (service::readPageImage / pageImageOf; a 400-megapixel PNG takes
// seconds: progress and Cancel in the status bar, PageProgress) and the GUI never waits;
// a picture that turns out damaged gives a warning box that does not block the window
// (FileDialogs::showCannotOpen) and openFailed(). Once decoded, it is shown in the
// Image tab while its lines are found on the page worker (imaging::analyzePage, a
// fraction of a second). service::isPagePicture decides, as `inklens recognize` does: two
// lines or more, or a picture shaped like a page (at least 400 px high and half as high as
// wide, whatever was found in it): it is a page, the Page tab takes it and reads every
// line (progress in the status bar, PageProgress); the user can draw lines the analysis
// missed. Otherwise (one line or none in a picture shaped like a line, e.g. a line or a
// word): it is read as one line, as before pages existed (LiveRecognition).
//
// Opening InkML (file, drop): the file is checked at once (missing, a folder, larger than
// the window's limit: refused with the reason), then parsed on the page worker
// (PageSession::openInkFile: progress and Cancel in the status bar, PageProgress), and
// measured for the guides there too (measureInk); the ink arrives on the canvas, placed
// on its guides (a pass over the points), as one undo step and is read; the canvas draws
// large ink on a worker (InkCanvas::backgroundDrawPoints). Ink that cannot be read (not
// InkML, more points than the window's limit) gives the same warning box and openFailed().
//
// A very large picture is held, shown and read downscaled (PageImage::scale); the page's
// lines are in the original's pixels everywhere (the document, the export). A file of
// several pictures (a multi-page TIFF) opens its first; the PageChooser in the tabs'
// corner ("Page N of M") opens the others.
//
// shown(result) is what the text panel and the inspection views get: the live result of
// the Ink and Image tabs, the line chosen on the page, or (none chosen) the page's text,
// a line per line in reading order, filled in as the lines are read.
#include "service/inkml.h"
#include "service/page_formats.h"
#include "service/page_image.h"
#include "service/recognition_service.h"
#include "service/sample_store.h"

#include <QPointer>
#include <QTabWidget>

#include <map>
#include <optional>
#include <vector>

class QMimeData;
class QTimer;
class QUndoGroup;

namespace inklens::service {
class PageSession;
}

namespace inklens::ui {

class ImageView;
class InkCanvas;
struct InkMeasures;
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

    // InkML onto the canvas (one undo step) or a picture (see above: it arrives later).
    // false and *error (in the current language) when it cannot be opened.
    bool openFile(const QString& path, QString* error = nullptr);
    // Picture `index` (0-based) of a picture file (a TIFF's page), decoded on the worker;
    // false and *error when the file is refused before decoding (else openFailed() if
    // decoding fails).
    bool openPictureFile(const QString& path, int index = 0, QString* error = nullptr);
    // A picture from anywhere (pasted, dropped): name shown as its title.
    void openPicture(const QImage& picture, const QString& name, const QString& path = {});
    // InkML parsed on the page worker; false and *error when refused before parsing.
    bool openInkFile(const QString& path, QString* error = nullptr);
    // Whether a picture is being decoded or ink parsed (not arrived yet).
    bool opening() const;
    // The window's limits for the ink opened next (tests make small files "large"): 32 MB
    // and 500,000 points, where the parse and the measuring on the worker take seconds and
    // what is left on the GUI thread (copying the points, placing them: one pass) a few
    // milliseconds (inklens_soak --ink). README, "Limits".
    static service::InkMlLimits defaultInkLimits();
    void setInkLimits(const service::InkMlLimits& limits) { m_inkLimits = limits; }
    // Limits for the pictures opened next (tests make small pictures "large").
    void setPageImageLimits(const service::PageImageLimits& limits) { m_limits = limits; }
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
    // how many there are, or why it was not kept). Ink of several lines: each line whose
    // text changed keeps its own strokes (text: a line of text per line of ink). On the
    // page: the chosen line's text, or (none chosen) each line's whose text changed, is
    // set on the document, which keeps it as below.
    void storeCorrection(const QString& text, const QString& recognized);
    // A page line's text corrected (PageDocument::textCorrected, from the text panel or
    // the list, or redone): its picture cut from the page (service::cropPageLine) is kept
    // with the text as a sample. Undone (PageDocument::correctionUndone): the sample that
    // correction kept is removed from the store.
    void storePageLineCorrection(quint64 id);
    void dropPageLineCorrection(quint64 id);

    const service::RecognitionResult& latest() const { return m_latest; }
    InkCanvas* canvas() const { return m_canvas; }
    ImageView* imageView() const { return m_imageView; }
    PagePane* pagePane() const { return m_page; }
    LiveRecognition* live() const { return m_live; }
    service::PageSession* pageSession() const { return m_session; }
    PageProgress* pageProgress() const;
    PageChooser* pageChooser() const { return m_chooser; }
    double pageScale() const { return m_picture.scale; }  // original pixels per held pixel
    // Undo and redo of what is shown: the canvas' strokes or the page's edits.
    QUndoGroup* undoGroup() const { return m_undo; }

signals:
    void shown(const inklens::service::RecognitionResult& result);
    void pageChanged();  // a page was opened, or the Page tab came or went
    // A picture passed the checks but could not be decoded (damaged, cut short):
    // path (or the picture's name) and why.
    void openFailed(const QString& path, const QString& error);
    void message(const QString& text);  // for the status bar

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showTab(QWidget* tab);  // without the live reading that a tab change starts
    void onTabChanged();
    void show(const service::RecognitionResult& result);
    void showPicture(service::PageImage picture, const QString& name, const QString& path,
                     const QImage& shown = {});
    void onOpened(const service::PageImage& image, const QString& error, bool cancelled,
                  const QImage& shown);
    void onInkOpened(const std::shared_ptr<const service::InkDocument>& ink, QString error,
                     bool cancelled);
    // The page's lines as one text (PageDocument::paragraph) to the text panel.
    void showPageText();
    void correctPage(const QString& text);
    void storeInkLineCorrections(const QString& text);
    // The new sample's id; nullopt: the message said why it was not kept.
    std::optional<qint64> keepSample(const service::Sample& sample);
    void reportSamplesKept();

    service::RecognitionService& m_service;
    service::PageSession* m_session;
    InkCanvas* m_canvas;
    ImageView* m_imageView;
    PagePane* m_page;
    LiveRecognition* m_live;
    QPointer<PageProgress> m_progress;  // the window puts it in its status bar
    PageChooser* m_chooser;
    service::PageImage m_picture;          // the picture opened last (its gray: what is shown)
    QString m_picturePath;                 // its file, if any
    QString m_openingName, m_openingPath;  // the picture being decoded
    int m_openingIndex = 0;
    service::PageImageLimits m_limits;
    QString m_inkPath;                           // the ink being parsed
    std::shared_ptr<InkMeasures> m_inkMeasures;  // its measures, taken on the worker
    service::InkMlLimits m_inkLimits = defaultInkLimits();
    QUndoGroup* m_undo;
    QTimer* m_pageText;  // the page's text shown again at most every 200 ms while it is read
    service::RecognitionResult m_latest;
    std::optional<service::SampleStore> m_samples;  // opened at the first correction
    // Per page line, the samples its corrections kept, last on top (0: none was kept), so
    // that undoing a correction removes its own: undo and textCorrected pair up LIFO.
    std::map<quint64, std::vector<qint64>> m_lineSamples;
};

}  // namespace inklens::ui
