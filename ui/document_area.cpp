#include "document_area.h"

#include "file_dialogs.h"
#include "image_view.h"
#include "ink_canvas.h"
#include "live_recognition.h"
#include "page_chooser.h"
#include "page_pane.h"
#include "page_progress.h"
#include "service/documents.h"
#include "service/inkml.h"
#include "service/page_formats.h"
#include "service/page_image.h"
#include "service/page_document.h"
#include "service/page_session.h"

#include <QBuffer>
#include <QEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QSignalBlocker>
#include <QUndoGroup>
#include <QUndoStack>

namespace inklens::ui {

DocumentArea::DocumentArea(service::RecognitionService& service, QWidget* parent)
    : QTabWidget(parent),
      m_service(service),
      m_session(new service::PageSession(this)),
      m_canvas(new InkCanvas(this)),
      m_imageView(new ImageView(this)),
      m_page(new PagePane(*m_session, this)),
      m_live(new LiveRecognition(service, m_canvas, m_imageView, this, this)),
      m_progress(new PageProgress(*m_session)),
      m_chooser(new PageChooser(this)),
      m_undo(new QUndoGroup(this))
{
    setObjectName(QStringLiteral("sourceTabs"));
    setDocumentMode(true);
    addTab(m_canvas, QString());
    addTab(m_imageView, QString());
    addTab(m_page, QString());
    setTabEnabled(indexOf(m_page), false);
    setCornerWidget(m_chooser, Qt::TopRightCorner);
    connect(m_chooser, &PageChooser::pageRequested, this, [this](int index) {
        QString error;
        if (!openPictureFile(m_picturePath, index, &error))
            emit message(tr("Page %1 cannot be opened: %2").arg(index + 1).arg(error));
    });

    m_undo->addStack(m_canvas->undoStack());
    m_undo->addStack(m_page->document()->undoStack());
    m_undo->setActiveStack(m_canvas->undoStack());

    // The page worker reads with the recognition service's model and options.
    m_session->setModel(service.model());
    connect(&service, &service::RecognitionService::modelLoaded, m_session,
            [this](std::shared_ptr<const model::Model> model) {
        m_session->setModel(std::move(model));
        if (pageShown())
            m_page->startReading();  // lines waiting for a model
    });
    connect(m_live, &LiveRecognition::resultChanged, this, [this](const auto& result) {
        if (!pageShown())
            show(result);
    });
    connect(m_page, &PagePane::lineInspected, this,
            [this](std::shared_ptr<const model::Recognition> recognition, const QImage& image) {
        if (!pageShown())
            return;
        service::RecognitionResult result;
        result.recognition = std::move(recognition);
        result.lineImage = image;
        show(result);
    });
    connect(m_page, &PagePane::analysed, this, [this](int lines, const QString& error) {
        if (service::isPagePicture(m_picture.originalSize, lines)) {  // its tab, every line read
            if (!error.isEmpty())
                emit message(tr("The lines of the page were not found: %1").arg(error));
            else if (lines == 0)
                emit message(tr("No lines found on the page: draw them (R: a rectangle, P: a "
                                "polygon)."));
            m_imageView->setImage({});
            setTabEnabled(indexOf(m_page), true);
            showTab(m_page);
            m_session->setOptions(m_service.options());
            m_page->startReading();
            emit pageChanged();
        } else {  // a line: read as one
            m_page->clear();
            m_live->recognizeNow();
        }
    });
    connect(this, &QTabWidget::currentChanged, this, &DocumentArea::onTabChanged);
    retranslate();
}

DocumentArea::~DocumentArea()
{
    if (m_progress && !m_progress->parent())
        delete m_progress;  // the status bar did not take it
}

bool DocumentArea::openFile(const QString& path, QString* error)
{
    if (service::isImagePath(path)) {
        if (!openPictureFile(path, 0, error))
            return false;
        FileDialogs::rememberFolder(path);
        return true;
    }
    const std::optional<service::Document> doc = service::openDocument(path, error);
    if (!doc)
        return false;
    if (doc->type == service::Document::Type::Ink) {
        m_canvas->setInk(doc->ink, true, tr("Open %1").arg(doc->fileName()));
        showTab(m_canvas);
        m_live->recognizeNow();
    } else {
        openPicture(doc->image, doc->fileName(), path);
    }
    FileDialogs::rememberFolder(path);
    return true;
}

bool DocumentArea::openPictureFile(const QString& path, int index, QString* error)
{
    std::optional<service::PageImage> picture = service::readPageImage(path, index, error);
    if (!picture)
        return false;
    QString name = QFileInfo(path).fileName();
    if (picture->pageCount > 1)
        name = tr("%1, page %2 of %3").arg(name).arg(index + 1).arg(picture->pageCount);
    showPicture(std::move(*picture), name, path);
    return true;
}

void DocumentArea::openPicture(const QImage& picture, const QString& name, const QString& path)
{
    showPicture(service::pageImageOf(picture), name, path);
}

void DocumentArea::showPicture(service::PageImage picture, const QString& name, const QString& path)
{
    m_picture = std::move(picture);
    m_picturePath = path;
    m_chooser->setPage(m_picture.page, path.isEmpty() ? 1 : m_picture.pageCount);
    const QImage& gray = m_picture.gray;
    m_imageView->setImage(gray, name);
    setTabEnabled(indexOf(m_page), false);
    showTab(m_imageView);  // read once the lines are counted
    m_service.cancel();
    m_page->open(gray, name, path);  // -> analysed: a page or a line
    emit pageChanged();
}

bool DocumentArea::looksLikePage(QSize size)
{
    return service::looksLikePage(size);
}

bool DocumentArea::canOpenMime(const QMimeData* mime)
{
    return mime && (mime->hasImage() || !FileDialogs::openablePath(mime).isEmpty());
}

bool DocumentArea::openMime(const QMimeData* mime, QString* error)
{
    if (!mime)
        return false;
    if (const QString path = FileDialogs::openablePath(mime); !path.isEmpty())
        return openFile(path, error);
    if (mime->hasImage()) {
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        if (!image.isNull()) {
            openPicture(image, tr("Pasted picture"));
            return true;
        }
    }
    if (error)
        *error = tr("There is no picture or file that InkLens opens to paste.");
    return false;
}

bool DocumentArea::pageShown() const
{
    return currentWidget() == m_page && m_page->hasPage();
}

bool DocumentArea::exportPage(const QString& path, QString* error,
                              std::optional<service::PageFormat> format) const
{
    service::PageReading page = service::inOriginalPixels(m_page->document()->toPageReading(),
                                                          m_picture.scale, m_picture.originalSize);
    if (page.file.isEmpty())
        page.file = m_page->name();
    return service::writePageFile(path, page, format, error);
}

void DocumentArea::readAgain()
{
    if (pageShown()) {
        m_session->cancel();
        m_session->setOptions(m_service.options());
        m_page->startReading(true);
    } else {
        m_live->recognizeNow();
    }
}

void DocumentArea::clearInk()
{
    if (currentWidget() != m_canvas)
        showTab(m_canvas);  // no request for the ink about to go
    m_canvas->clear();
    m_live->recognizeNow();
}

void DocumentArea::stop()
{
    m_live->stop();
    m_session->cancel();
}

void DocumentArea::showTab(QWidget* tab)
{
    {
        const QSignalBlocker quiet(this);  // LiveRecognition reads on a tab change: not yet
        setCurrentWidget(tab);
    }
    onTabChanged();
}

void DocumentArea::onTabChanged()
{
    const bool page = currentWidget() == m_page;
    m_undo->setActiveStack(page ? m_page->document()->undoStack() : m_canvas->undoStack());
    if (page)
        show({});  // until a line is chosen
}

void DocumentArea::storeCorrection(const QString& text, const QString& recognized)
{
    service::Sample sample;
    sample.text = text;
    sample.recognized = recognized;
    if (currentWidget() == m_canvas && !m_canvas->ink().empty()) {
        if (m_latest.lines.size() > 1) {
            emit message(tr("Corrections of ink with several lines are not kept yet."));
            return;
        }
        sample.kind = service::Sample::Kind::Ink;
        sample.data = service::writeInkMl(m_canvas->ink(), text);
        sample.source = QStringLiteral("canvas");
    } else if (currentWidget() == m_imageView && !m_picture.gray.isNull()) {
        sample.kind = service::Sample::Kind::Image;
        QBuffer png(&sample.data);
        png.open(QIODevice::WriteOnly);
        m_picture.gray.save(&png, "PNG");
        sample.source = m_picturePath.isEmpty() ? QStringLiteral("picture") : m_picturePath;
    } else {
        return;  // a page's lines: not yet
    }
    QString error;
    if (!m_samples) {
        QString notice;
        m_samples = service::SampleStore::open(service::SampleStore::defaultPath(), &error, &notice);
        if (!notice.isEmpty())
            emit message(notice);
    }
    if (!m_samples || !m_samples->add(sample, &error)) {
        emit message(tr("The correction was not kept: %1").arg(error));
        return;
    }
    emit message(tr("Correction kept as a sample for fine-tuning (%n in all).", nullptr,
                    m_samples->count()));
}

void DocumentArea::show(const service::RecognitionResult& result)
{
    m_latest = result;
    emit shown(m_latest);
}

void DocumentArea::retranslate()
{
    setTabText(indexOf(m_canvas), tr("Ink"));
    setTabText(indexOf(m_imageView), tr("Image"));
    setTabText(indexOf(m_page), tr("Page"));
    setTabToolTip(indexOf(m_canvas), tr("Write with the mouse or a pen"));
    setTabToolTip(indexOf(m_imageView), tr("A picture of one line of handwriting"));
    setTabToolTip(indexOf(m_page), tr("A page of handwriting: its lines and their text"));
}

void DocumentArea::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QTabWidget::changeEvent(event);
}

}  // namespace inklens::ui
