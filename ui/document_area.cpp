#include "document_area.h"

#include "file_dialogs.h"
#include "imaging/ink_lines.h"
#include "image_view.h"
#include "ink_canvas.h"
#include "live_recognition.h"
#include "page_chooser.h"
#include "page_pane.h"
#include "page_progress.h"
#include "page_view.h"
#include "service/documents.h"
#include "service/inkml.h"
#include "service/page_formats.h"
#include "service/page_image.h"
#include "service/page_document.h"
#include "service/page_reading.h"
#include "service/page_session.h"

#include <QBuffer>
#include <QEvent>
#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QSignalBlocker>
#include <QTimer>
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
      m_undo(new QUndoGroup(this)),
      m_pageText(new QTimer(this))
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
        if (!recognition)
            return showPageText();  // no line chosen: the page's text
        service::RecognitionResult result;
        result.recognition = std::move(recognition);
        result.lineImage = image;
        show(result);
    });
    connect(m_session, &service::PageSession::opened, this,
            [this](quint64, const service::PageImage& image, const QString& error, bool cancelled,
                   const QImage& shown) { onOpened(image, error, cancelled, shown); });
    connect(m_session, &service::PageSession::inkOpened, this,
            [this](quint64, std::shared_ptr<const service::InkDocument> ink, const QString& error,
                   bool cancelled) { onInkOpened(ink, error, cancelled); });
    connect(m_page, &PagePane::analysed, this, [this](int lines, int rows, const QString& error) {
        if (service::isPagePicture(m_picture.originalSize, rows)) {  // its tab, every line read
            if (!error.isEmpty())
                emit message(tr("The lines of the page were not found: %1").arg(error));
            else if (lines == 0)
                emit message(tr("No lines found on the page: draw them (R: a rectangle, P: a "
                                "polygon)."));
            m_imageView->setImage({});
            setTabEnabled(indexOf(m_page), true);
            showTab(m_page);
            m_session->setOptions(m_service.decodingOptions());
            m_page->startReading();
            emit pageChanged();
        } else {  // a line: read as one
            m_page->clear();
            m_live->recognizeNow();
        }
    });
    // The page's text in the text panel while no line is chosen, line by line as read.
    service::PageDocument* document = m_page->document();
    // (Each line read would otherwise lay out the whole text again.)
    m_pageText->setSingleShot(true);
    m_pageText->setInterval(200);
    connect(m_pageText, &QTimer::timeout, this, [this] {
        if (pageShown() && m_page->view()->selectedId() == 0)
            showPageText();
    });
    const auto pageTextChanged = [this] {
        if (!m_pageText->isActive())
            m_pageText->start();
    };
    connect(document, &service::PageDocument::linesChanged, this, pageTextChanged);
    connect(document, &service::PageDocument::lineUpdated, this, pageTextChanged);
    connect(document, &service::PageDocument::textCorrected, this,
            &DocumentArea::storePageLineCorrection);
    connect(document, &service::PageDocument::correctionUndone, this,
            &DocumentArea::dropPageLineCorrection);
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
    if (service::isInkMlPath(path)) {
        if (!openInkFile(path, error))
            return false;
        FileDialogs::rememberFolder(path);
        return true;
    }
    const std::optional<service::Document> doc = service::openDocument(path, error);
    if (!doc)
        return false;
    openPicture(doc->image, doc->fileName(), path);
    FileDialogs::rememberFolder(path);
    return true;
}

service::InkMlLimits DocumentArea::defaultInkLimits()
{
    service::InkMlLimits limits;
    limits.maxBytes = 32LL * 1024 * 1024;
    limits.maxPoints = 500'000;
    return limits;
}

bool DocumentArea::openInkFile(const QString& path, QString* error)
{
    if (!service::checkDocumentPath(path, error))
        return false;
    if (const qint64 size = QFileInfo(path).size(); size > m_inkLimits.maxBytes) {
        if (error)
            *error = tr("The ink file is too large: %1 MB (the window opens InkML files of up to "
                        "%2 MB and %3 points; `inklens recognize` reads larger ones).")
                         .arg(QLocale().toString(double(size) / (1024 * 1024), 'f', 1))
                         .arg(m_inkLimits.maxBytes / (1024 * 1024))
                         .arg(QLocale().toString(m_inkLimits.maxPoints));
        return false;
    }
    m_inkPath = path;
    // Measured for the guides on the worker, after the parse (splitInkLines and each line's
    // x-height grow faster than the points); placed on arrival, for the canvas as it is then.
    auto measures = std::make_shared<InkMeasures>();
    m_inkMeasures = measures;
    // -> inkOpened
    m_session->openInkFile(path, m_inkLimits, [measures](service::InkDocument& document) {
        *measures = measureInk(document.ink);  // read after inkOpened, a queued signal
    });
    emit message(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    return true;
}

bool DocumentArea::openPictureFile(const QString& path, int index, QString* error)
{
    if (!service::checkPageImage(path, index, error, m_limits))
        return false;
    m_openingName = QFileInfo(path).fileName();
    m_openingPath = path;
    m_openingIndex = index;
    m_session->openFile(path, index, m_limits, PageView::kMaxDisplaySide);  // -> opened
    emit message(tr("Opening %1…").arg(m_openingName));
    return true;
}

void DocumentArea::openPicture(const QImage& picture, const QString& name, const QString& path)
{
    m_openingName = name;
    m_openingPath = path;
    m_openingIndex = 0;
    m_session->openPicture(picture, m_limits, PageView::kMaxDisplaySide);  // -> opened
}

PageProgress* DocumentArea::pageProgress() const
{
    return m_progress;
}

bool DocumentArea::opening() const
{
    return m_session->opening();
}

void DocumentArea::onOpened(const service::PageImage& image, const QString& error, bool cancelled,
                            const QImage& shown)
{
    const QString name = m_openingName;
    if (cancelled) {
        emit message(tr("Opening %1 was cancelled.").arg(name));
        return;
    }
    if (image.gray.isNull()) {
        emit message(tr("Cannot open %1: %2").arg(name, error));
        const QString what = m_openingPath.isEmpty() ? name : m_openingPath;
        FileDialogs::showCannotOpen(window(), what, error);
        emit openFailed(what, error);
        return;
    }
    QString title = name;
    if (image.pageCount > 1 && !m_openingPath.isEmpty())
        title = tr("%1, page %2 of %3").arg(name).arg(m_openingIndex + 1).arg(image.pageCount);
    if (!m_openingPath.isEmpty())
        emit message({});  // "Opening FILE…" is over
    showPicture(image, title, m_openingPath, shown);
}

void DocumentArea::onInkOpened(const std::shared_ptr<const service::InkDocument>& ink,
                               QString error, bool cancelled)
{
    const QString name = QFileInfo(m_inkPath).fileName();
    if (cancelled) {
        emit message(tr("Opening %1 was cancelled.").arg(name));
        return;
    }
    if (!ink) {
        if (error.endsWith(QStringLiteral("more than %1 points").arg(m_inkLimits.maxPoints)))
            error = tr("%1 (the window opens ink of up to %2 points; `inklens recognize` reads "
                       "more)")
                        .arg(error, QLocale().toString(m_inkLimits.maxPoints));
        emit message(tr("Cannot open %1: %2").arg(name, error));
        FileDialogs::showCannotOpen(window(), m_inkPath, error);
        emit openFailed(m_inkPath, error);
        return;
    }
    emit message({});  // "Opening FILE…" is over
    m_canvas->setInk(ink->ink, m_inkMeasures ? *m_inkMeasures : measureInk(ink->ink),
                     tr("Open %1").arg(name));
    m_inkMeasures.reset();
    showTab(m_canvas);
    m_live->recognizeNow();
}

void DocumentArea::showPicture(service::PageImage picture, const QString& name, const QString& path,
                               const QImage& shown)
{
    m_picture = std::move(picture);
    m_picturePath = path;
    m_chooser->setPage(m_picture.page, path.isEmpty() ? 1 : m_picture.pageCount);
    m_imageView->setImage(m_picture.gray, name, shown);
    setTabEnabled(indexOf(m_page), false);
    showTab(m_imageView);  // read once the lines are counted
    m_service.cancel();
    m_page->open(m_picture, name, path, shown);  // -> analysed: a page or a line
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
    service::PageReading page = m_page->document()->toPageReading();  // original pixels
    if (page.file.isEmpty())
        page.file = m_page->name();
    return service::writePageFile(path, page, format, error);
}

void DocumentArea::readAgain()
{
    if (pageShown() && opening())
        return;  // the page shown is on its way out; the one coming is read as it arrives
    if (pageShown()) {
        m_session->cancel();
        m_session->setOptions(m_service.decodingOptions());
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
        showPageText();  // until a line is chosen
}

void DocumentArea::showPageText()
{
    service::RecognitionResult result;
    result.paragraph = m_page->document()->paragraph();
    show(result);
}

void DocumentArea::storeCorrection(const QString& text, const QString& recognized)
{
    if (currentWidget() == m_page)
        return correctPage(text);
    service::Sample sample;
    sample.text = text;
    sample.recognized = recognized;
    if (currentWidget() == m_canvas && !m_canvas->ink().empty()) {
        if (m_latest.lines.size() > 1)
            return storeInkLineCorrections(text);
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
        return;
    }
    if (keepSample(sample))
        reportSamplesKept();
}

void DocumentArea::correctPage(const QString& text)
{
    service::PageDocument* document = m_page->document();
    if (const quint64 id = m_page->view()->selectedId(); document->rowOf(id) >= 0) {
        document->setText(id, text);  // -> textCorrected: kept as a sample
        return;
    }
    // The page's text, a line per line: the lines whose text changed.
    const QStringList typed = text.split(QLatin1Char('\n'));
    const std::shared_ptr<const model::Recognition> shown = document->paragraph();
    const QStringList before = shown ? QString::fromStdString(shown->text).split(QLatin1Char('\n'))
                                     : QStringList();
    if (typed.size() != document->count() || before.size() != document->count()) {
        emit message(tr("Keep one line of text for each line of the page to correct it."));
        return;
    }
    std::vector<std::pair<quint64, QString>> changed;
    for (int row = 0; row < document->count(); ++row)
        if (typed[row] != before[row])
            changed.emplace_back(document->at(row).id, typed[row]);
    QUndoStack* undo = document->undoStack();
    if (changed.size() > 1)
        undo->beginMacro(tr("Edit Text"));
    for (const auto& [id, lineText] : changed)
        document->setText(id, lineText);
    if (changed.size() > 1)
        undo->endMacro();
}

void DocumentArea::storePageLineCorrection(quint64 id)
{
    std::vector<qint64>& kept = m_lineSamples[id];
    kept.push_back(0);  // until a sample is kept
    const service::PageDocLine* line = m_page->document()->find(id);
    if (!line || !line->corrected || m_picture.gray.isNull())
        return;
    service::Sample sample;
    sample.kind = service::Sample::Kind::Image;
    sample.text = *line->corrected;
    sample.recognized = line->text;
    const cv::Mat crop = service::cropPageLine(m_picture, line->line);
    if (crop.empty())
        return;
    const QImage picture(crop.data, crop.cols, crop.rows, int(crop.step),
                         QImage::Format_Grayscale8);
    QBuffer png(&sample.data);
    png.open(QIODevice::WriteOnly);
    picture.save(&png, "PNG");
    sample.source = m_picturePath.isEmpty() ? m_page->name() : m_picturePath;
    if (const std::optional<qint64> sampleId = keepSample(sample)) {
        kept.back() = *sampleId;
        reportSamplesKept();
    }
}

void DocumentArea::dropPageLineCorrection(quint64 id)
{
    const auto it = m_lineSamples.find(id);
    if (it == m_lineSamples.end() || it->second.empty())
        return;
    const qint64 sampleId = it->second.back();
    it->second.pop_back();
    QString error;
    if (sampleId == 0 || !m_samples)
        return;
    if (!m_samples->remove(sampleId, &error))
        emit message(tr("The undone correction's sample was not removed: %1").arg(error));
    else
        emit message(
            tr("Correction undone: its sample removed (%n in all).", nullptr, m_samples->count()));
}

void DocumentArea::storeInkLineCorrections(const QString& text)
{
    const imaging::Ink& ink = m_canvas->ink();
    std::vector<imaging::InkLine> lines;
    service::isInkPage(ink, &lines);
    const QStringList typed = text.split(QLatin1Char('\n'));
    if (lines.size() != m_latest.lines.size() || std::size_t(typed.size()) != lines.size()) {
        emit message(tr("Keep one line of text for each line of ink to correct it."));
        return;
    }
    int kept = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const QString read = QString::fromStdString(m_latest.lines[i].recognition->text);
        if (typed[int(i)] == read)
            continue;
        service::Sample sample;
        sample.kind = service::Sample::Kind::Ink;
        sample.text = typed[int(i)];
        sample.recognized = read;
        sample.data = service::writeInkMl(imaging::lineInk(ink, lines[i]), sample.text);
        sample.source = QStringLiteral("canvas");
        if (!keepSample(sample))
            return;
        ++kept;
    }
    if (kept > 0)
        reportSamplesKept();
}

std::optional<qint64> DocumentArea::keepSample(const service::Sample& sample)
{
    QString error;
    if (!m_samples) {
        QString notice;
        m_samples = service::SampleStore::open(service::SampleStore::defaultPath(), &error,
                                               &notice);
        if (!notice.isEmpty())
            emit message(notice);
    }
    std::optional<qint64> id;
    if (m_samples)
        id = m_samples->add(sample, &error);
    if (!id)
        emit message(tr("The correction was not kept: %1").arg(error));
    return id;
}

void DocumentArea::reportSamplesKept()
{
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
