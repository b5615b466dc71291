// The page view in the window: a generated page (lines of Hershey ink drawn on paper) opens
// in the Page tab, every line is read on the worker with progress, Cancel stops it, an edit
// reads only the lines it made, undo brings the old ones back without reading, a click
// shows a line in the inspection views, the list edits a line's text, and pasting a
// picture opens it.
#include "document_area.h"
#include "image_view.h"
#include "ink_canvas.h"
#include "language.h"
#include "main_window.h"
#include "page_lines.h"
#include "page_pane.h"
#include "page_progress.h"
#include "page_chooser.h"
#include "page_view.h"
#include "file_dialogs.h"
#include "inspect/ctc_view.h"
#include "inspect/inspector_widget.h"
#include "imaging/page_layout.h"
#include "service/line_loader.h"
#include "service/page_document.h"
#include "service/page_formats.h"
#include "service/page_session.h"
#include "service/sample_store.h"
#include "text_panel.h"
#include "service/recognition_service.h"
#include "test_models.h"
#include "test_files.h"
#include "test_tiff.h"
#include "test_settings.h"
#include "training/hershey.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QUndoStack>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>
#include <QFile>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoGroup>
#include <QtTest>

#include <cmath>

using inklens::service::PageDocument;
using inklens::service::PageSession;
using inklens::service::RecognitionService;
using inklens::ui::MainWindow;
using inklens::ui::PageView;

namespace {

constexpr int kTimeoutMs = 30000;

// A page of `lines` lines of handwriting on white paper, 1200 px wide, 110 px apart:
// Hershey cursive ink when the fonts are installed, else striped strokes.
QImage generatedPage(int lines)
{
    QImage page(1200, 80 + 110 * lines, QImage::Format_Grayscale8);
    page.fill(255);
    QPainter painter(&page);
    painter.setRenderHint(QPainter::Antialiasing);
    const char* texts[] = {"the quick brown fox", "jumps over the lazy dog", "nous sommes bien ici",
                           "hello world again",   "a page of lines",         "written by hand"};
    const std::string fontPath = "/usr/share/hershey-fonts/cursive.jhf";
    if (QFile::exists(QString::fromStdString(fontPath))) {
        const auto font = inklens::training::HersheyFont::load(fontPath);
        inklens::nn::Rng rng(3);
        painter.setPen(QPen(Qt::black, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (int i = 0; i < lines; ++i) {
            const auto ink = inklens::training::hersheyInk(font, texts[i % 6], {}, rng, 22.f);
            const float y = 90.f + 110.f * float(i);
            for (const auto& stroke : ink.strokes) {
                QPolygonF path;
                for (const auto& p : stroke.points)
                    path << QPointF(60 + p.x, y + p.y);
                painter.drawPolyline(path);
            }
        }
    } else {
        for (int i = 0; i < lines; ++i)
            painter.drawImage(60, 60 + 110 * i, inklens::testing::stripedLine(900, i + 1));
    }
    return page;
}

// The centre of a line's outline, in the view's viewport pixels.
QPoint centreOf(PageView* view, const inklens::service::PageDocLine& line)
{
    QPolygonF polygon;
    for (const auto& p : line.line.polygon)
        polygon << QPointF(p.x, p.y);
    return view->mapFromScene(polygon.boundingRect().center());
}

}  // namespace

class TestPageView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void opensPageAndReadsEveryLine();
    void oneLinePictureStaysALine();
    void pageShapedPictureIsAPage();
    void cancelStopsReading();
    void editsReadOnlyTheirLines();
    void clickShowsLineInInspector();
    void listEditsText();
    void pasteOpensPicture();
    void largePictureShownDownscaled();
    void exportFormats();
    void tiffPagesChosen();
    void hugePictureExportsOriginalPixels();
    void openingDoesNotWait();
    void openingCancelled();
    void damagedPictureSaysWhy();
    void downscaledPageKeepsOriginalPixels();
    void pageTextListedAndCorrected();

private:
    // A window with the tiny model (or `model`), shown; the page opened from a file.
    void openPage(MainWindow& window, int lines);
    inklens::ui::DocumentArea* area(MainWindow& window) { return window.documentArea(); }
    PageDocument* doc(MainWindow& window) { return area(window)->pagePane()->document(); }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    inklens::ui::Translator m_translator;
    std::unique_ptr<RecognitionService> m_service;
};

void TestPageView::initTestCase()
{
    inklens::testing::isolateSettings(m_settingsDir);
}

void TestPageView::init()
{
    QSettings().clear();
    m_translator.setLanguage(QStringLiteral("en"));
    m_service = std::make_unique<RecognitionService>();
    m_service->setModel(inklens::testing::tinyModel(), QStringLiteral("tiny.safetensors"));
    QTRY_COMPARE(m_service->modelState(), RecognitionService::ModelState::Ready);
}

void TestPageView::cleanup()
{
    m_service.reset();
}

void TestPageView::openPage(MainWindow& window, int lines)
{
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = m_files.filePath(QStringLiteral("page%1.png").arg(lines));
    QVERIFY(generatedPage(lines).save(path));
    QString error;
    QVERIFY2(window.openFile(path, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->pagePane(), kTimeoutMs);
}

void TestPageView::opensPageAndReadsEveryLine()
{
    MainWindow window(m_translator, *m_service);
    PageSession* session = area(window)->pageSession();
    QSignalSpy progress(session, &PageSession::progress);
    QSignalSpy finished(session, &PageSession::finished);
    openPage(window, 4);
    QCOMPARE(doc(window)->count(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY(doc(window)->unreadIds().empty());
    // Progress went up line by line to the end.
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.last().at(0).toInt(), 4);
    QCOMPARE(progress.last().at(1).toInt(), 4);
    int last = -1;
    for (const auto& args : progress) {
        QVERIFY(args.at(0).toInt() >= last);
        last = args.at(0).toInt();
    }
    QVERIFY(!area(window)->pageProgress()->isVisible());
    // The lines are in reading order, top to bottom, and listed with their texts.
    for (int i = 1; i < 4; ++i)
        QVERIFY(doc(window)->at(i).line.polygon[0].y > doc(window)->at(i - 1).line.polygon[0].y);
    auto* list = area(window)->pagePane()->lineList();
    QCOMPARE(list->rowCount(), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(list->item(i, inklens::ui::PageLineList::TextColumn)->text(),
                 doc(window)->at(i).text);
    // The image tab is empty: the page is not read as one line.
    QVERIFY(area(window)->imageView()->image().isNull());
    // Export writes the page's text.
    const QString out = m_files.filePath(QStringLiteral("out.txt"));
    QString error;
    QVERIFY2(area(window)->exportPage(out, &error), qPrintable(error));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), doc(window)->text() + QLatin1Char('\n'));
}

void TestPageView::oneLinePictureStaysALine()
{
    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    const QString path = m_files.filePath(QStringLiteral("line.png"));
    QVERIFY(inklens::testing::stripedLine(900).save(path));
    QVERIFY(window.openFile(path));
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->imageView(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    QVERIFY(window.latestRecognition()->inputWidth > 300);
    QCOMPARE(area(window)->currentWidget(), area(window)->imageView());
    QVERIFY(!area(window)->pagePane()->hasPage());
    QVERIFY(!area(window)->isTabEnabled(area(window)->indexOf(area(window)->pagePane())));
}

// A page without lines found (blank here): the Page tab all the same, for lines to draw.
void TestPageView::pageShapedPictureIsAPage()
{
    QVERIFY(inklens::ui::DocumentArea::looksLikePage(QSize(1200, 1600)));
    QVERIFY(inklens::ui::DocumentArea::looksLikePage(QSize(2000, 1000)));
    QVERIFY(!inklens::ui::DocumentArea::looksLikePage(QSize(2000, 150)));  // a line
    QVERIFY(!inklens::ui::DocumentArea::looksLikePage(QSize(300, 200)));   // a word
    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy message(area(window), &inklens::ui::DocumentArea::message);
    QImage blank(1000, 1400, QImage::Format_Grayscale8);
    blank.fill(250);
    area(window)->openPicture(blank, QStringLiteral("blank"));
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->pagePane(), kTimeoutMs);
    QCOMPARE(doc(window)->count(), 0);
    QCOMPARE(message.size(), 1);
    QVERIFY(message.last().at(0).toString().contains(QStringLiteral("draw")));
    QVERIFY(!area(window)->pageSession()->busy());
}

void TestPageView::cancelStopsReading()
{
    m_service->setModel(inklens::testing::slowModel(), QStringLiteral("slow.safetensors"));
    QTRY_COMPARE(m_service->modelState(), RecognitionService::ModelState::Ready);
    MainWindow window(m_translator, *m_service);
    PageSession* session = area(window)->pageSession();
    QSignalSpy finished(session, &PageSession::finished);
    QSignalSpy read(session, &PageSession::lineRead);
    openPage(window, 6);
    auto* progress = area(window)->pageProgress();
    QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible(), kTimeoutMs);
    QCOMPARE(progress->bar()->maximum(), 6);
    QTest::mouseClick(progress->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QCOMPARE(finished.last().at(0).toBool(), true);
    QVERIFY(!progress->isVisible());
    QVERIFY(!session->busy());
    const int readCount = int(read.size());
    QVERIFY2(readCount < 6, qPrintable(QString::number(readCount)));
    QCOMPARE(int(doc(window)->unreadIds().size()), 6 - readCount);
    QTest::qWait(300);
    QCOMPARE(int(read.size()), readCount);  // nothing more comes
}

void TestPageView::editsReadOnlyTheirLines()
{
    MainWindow window(m_translator, *m_service);
    PageSession* session = area(window)->pageSession();
    QSignalSpy finished(session, &PageSession::finished);
    openPage(window, 4);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    PageView* view = area(window)->pagePane()->view();
    PageDocument* page = doc(window);
    QSignalSpy read(session, &PageSession::lineRead);
    // The lines read for the page (a click also reads its line with the probe: not counted).
    auto readIds = [&read] {
        std::vector<quint64> ids;
        for (const auto& args : read) {
            const auto result = args.at(0).value<inklens::service::PageLineResult>();
            if (!result.probed)
                ids.push_back(result.id);
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    auto expectRead = [&](std::vector<quint64> ids) {
        std::sort(ids.begin(), ids.end());
        QTRY_COMPARE_WITH_TIMEOUT(readIds().size(), ids.size(), kTimeoutMs);
        QCOMPARE(readIds(), ids);
        QVERIFY(page->unreadIds().empty());
        QTest::qWait(50);
        QCOMPARE(readIds().size(), ids.size());
        read.clear();
    };

    // Drag the second line 20 px down: it alone is read again.
    const QPoint from = centreOf(view, page->at(1));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view->viewport(), from + QPoint(5, 10));
    QTest::mouseMove(view->viewport(), from + QPoint(0, 20));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, from + QPoint(0, 20));
    QCOMPARE(page->undoStack()->undoText(), QStringLiteral("Move Line"));
    QCOMPARE(view->selectedId(), page->at(1).id);
    expectRead({page->at(1).id});

    // Split it (S): its two halves.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_S);
    QCOMPARE(page->count(), 5);
    expectRead({page->at(1).id, page->at(2).id});

    // Merge them again (M).
    view->setSelectedId(page->at(1).id);
    QTest::keyClick(view, Qt::Key_M);
    QCOMPARE(page->count(), 4);
    expectRead({page->at(1).id});

    // Delete the last line: nothing to read.
    view->setSelectedId(page->at(3).id);
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(page->count(), 3);
    QTest::qWait(100);
    QCOMPARE(readIds().size(), std::size_t(0));

    // Draw a new line as a rectangle (R) where the deleted one was.
    QTest::keyClick(view, Qt::Key_R);
    QCOMPARE(view->mode(), PageView::Mode::DrawRectangle);
    const QPoint a = view->mapFromScene(QPointF(50, 80 + 110 * 3 - 10));
    const QPoint b = view->mapFromScene(QPointF(1000, 80 + 110 * 3 + 60));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, a);
    QTest::mouseMove(view->viewport(), b);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, b);
    QCOMPARE(page->count(), 4);
    QCOMPARE(view->mode(), PageView::Mode::Select);
    expectRead({page->at(3).id});

    // Undo everything with the window's Undo: the old lines, nothing read again.
    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QVERIFY(undo->isEnabled());
    for (int i = 0; i < 5; ++i)
        undo->trigger();
    QVERIFY(!page->undoStack()->canUndo());
    QCOMPARE(page->count(), 4);
    QVERIFY(page->unreadIds().empty());
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    for (int i = 0; i < 5; ++i)
        redo->trigger();
    QCOMPARE(page->count(), 4);
    QTest::qWait(100);
    QCOMPARE(readIds().size(), std::size_t(0));
    // The canvas' undo is its own again on the Ink tab.
    area(window)->setCurrentWidget(window.canvas());
    QCOMPARE(area(window)->undoGroup()->activeStack(), window.canvas()->undoStack());
}

void TestPageView::clickShowsLineInInspector()
{
    MainWindow window(m_translator, *m_service);
    auto* inspector = new inklens::ui::inspect::InspectorWidget;
    inspector->setModel(m_service->model());
    window.addInspectionView(inspector, Qt::RightDockWidgetArea);
    connect(&window, &MainWindow::recognitionChanged, inspector,
            &inklens::ui::inspect::InspectorWidget::setRecognition);
    QSignalSpy finished(area(window)->pageSession(), &PageSession::finished);
    openPage(window, 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QVERIFY(!window.latestRecognition());  // nothing chosen yet

    PageView* view = area(window)->pagePane()->view();
    const auto& line = doc(window)->at(2);
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centreOf(view, line));
    QCOMPARE(view->selectedId(), line.id);
    QVERIFY(changed.size() >= 1);
    QCOMPARE(window.latestRecognition(), line.reading->recognition);
    QCOMPARE(inspector->ctcView()->recognition(), line.reading->recognition);
    QVERIFY(!window.latestLineImage().isNull());
    // Then the probed reading (feature maps, LSTM states) of the same line.
    QTRY_VERIFY_WITH_TIMEOUT(window.latestRecognition()->probe, kTimeoutMs);
    QCOMPARE(window.latestRecognition()->text, line.reading->recognition->text);
    QCOMPARE(inspector->ctcView()->recognition(), window.latestRecognition());
    // The list follows the page.
    QCOMPARE(area(window)->pagePane()->lineList()->currentRow(), 2);
    // Choosing a row in the list selects the line on the page.
    area(window)->pagePane()->lineList()->setCurrentCell(0, 2);
    QCOMPARE(view->selectedId(), doc(window)->at(0).id);
    QTRY_COMPARE_WITH_TIMEOUT(window.latestRecognition()->text,
                              doc(window)->at(0).reading->recognition->text, kTimeoutMs);
}

void TestPageView::listEditsText()
{
    MainWindow window(m_translator, *m_service);
    QSignalSpy finished(area(window)->pageSession(), &PageSession::finished);
    openPage(window, 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    auto* list = area(window)->pagePane()->lineList();
    auto* item = list->item(1, inklens::ui::PageLineList::TextColumn);
    QVERIFY(item->flags() & Qt::ItemIsEditable);
    item->setText(QStringLiteral("jumps over the lazy dog"));  // what an editor commits
    QCOMPARE(doc(window)->at(1).shownText(), QStringLiteral("jumps over the lazy dog"));
    QCOMPARE(list->item(1, inklens::ui::PageLineList::ConfidenceColumn)->text(),
             QStringLiteral("edited"));
    QCOMPARE(doc(window)->undoStack()->undoText(), QStringLiteral("Edit Text"));
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    QCOMPARE(list->item(1, inklens::ui::PageLineList::TextColumn)->text(), doc(window)->at(1).text);
    QVERIFY(!doc(window)->at(1).corrected);
}

void TestPageView::pasteOpensPicture()
{
    MainWindow window(m_translator, *m_service);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* paste = window.findChild<QAction*>(QStringLiteral("pasteAction"));
    QVERIFY(paste);
    QCOMPARE(paste->shortcut(), QKeySequence(QKeySequence::Paste));

    // A page on the clipboard: the Page tab.
    auto* mime = new QMimeData;
    mime->setImageData(generatedPage(3).convertToFormat(QImage::Format_RGB32));
    QApplication::clipboard()->setMimeData(mime);
    paste->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->pagePane(), kTimeoutMs);
    QCOMPARE(doc(window)->count(), 3);
    QCOMPARE(area(window)->pagePane()->name(), QStringLiteral("Pasted picture"));

    // A file on the clipboard (a file manager's copy): opened like a dropped file.
    const QString path = m_files.filePath(QStringLiteral("pasted-line.png"));
    QVERIFY(inklens::testing::stripedLine(800).save(path));
    auto* files = new QMimeData;
    files->setUrls({QUrl::fromLocalFile(path)});
    QApplication::clipboard()->setMimeData(files);
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    paste->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->imageView(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 1 && window.latestRecognition(), kTimeoutMs);
    QCOMPARE(area(window)->imageView()->name(), QStringLiteral("pasted-line.png"));

    // Nothing to open: a message, nothing changes.
    auto* text = new QMimeData;
    text->setText(QStringLiteral("just words"));
    QApplication::clipboard()->setMimeData(text);
    QString error;
    QVERIFY(!area(window)->openMime(QApplication::clipboard()->mimeData(), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(area(window)->currentWidget(), area(window)->imageView());
}

void TestPageView::largePictureShownDownscaled()
{
    PageView view;
    QImage big(9000, 2000, QImage::Format_Grayscale8);
    big.fill(255);
    view.setPicture(big, big.size());
    QCOMPARE(view.displayedPictureSize(), QSize(PageView::kMaxDisplaySide, 910));
    QCOMPARE(view.sceneRect(), QRectF(0, 0, 9000, 2000));  // the original's coordinates
}

// Export: each format by its suffix or explicitly, the lines read back by our readers.
void TestPageView::exportFormats()
{
    using inklens::service::PageFormat;
    using inklens::ui::FileDialogs;
    QString typed = QStringLiteral("/x/page");
    QCOMPARE(FileDialogs::exportFormatFor(&typed, PageFormat::Hocr), PageFormat::Hocr);
    QCOMPARE(typed, QStringLiteral("/x/page.hocr"));
    typed = QStringLiteral("/x/page.xml");  // .xml: PAGE or ALTO, as the filter says
    QCOMPARE(FileDialogs::exportFormatFor(&typed, PageFormat::Alto), PageFormat::Alto);
    QCOMPARE(typed, QStringLiteral("/x/page.xml"));
    typed = QStringLiteral("/x/page.txt");  // a suffix typed names its format
    QCOMPARE(FileDialogs::exportFormatFor(&typed, PageFormat::Page), PageFormat::Text);
    QCOMPARE(FileDialogs::lastExportFormat(), PageFormat::Text);
    QCOMPARE(FileDialogs::exportFilters().size(), 4);

    MainWindow window(m_translator, *m_service);
    QSignalSpy finished(area(window)->pageSession(), &PageSession::finished);
    openPage(window, 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    const auto expected = doc(window)->toPageReading();
    for (PageFormat format : {PageFormat::Page, PageFormat::Hocr}) {
        const QString out = m_files.filePath(QStringLiteral("export.")
                                             + inklens::service::pageFormatSuffix(format));
        QString error;
        QVERIFY2(area(window)->exportPage(out, &error, format), qPrintable(error));
        const auto back = inklens::service::readPageFile(out, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->lines.size(), expected.lines.size());
        for (std::size_t i = 0; i < expected.lines.size(); ++i)
            QCOMPARE(back->lines[i].text, expected.lines[i].text);
        QCOMPARE(back->size, QSize(1200, 80 + 110 * 3));
        QVERIFY(back->file.endsWith(QLatin1String("page3.png")));
    }
}

// A two-page TIFF: the first page opens, "Page 1 of 2" in the tabs' corner, Next opens
// the second.
void TestPageView::tiffPagesChosen()
{
    MainWindow window(m_translator, *m_service);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = m_files.filePath(QStringLiteral("pages.tif"));
    inklens::testing::writeFile(
        path, inklens::testing::multiPageTiff({generatedPage(2), generatedPage(3)}));
    QString error;
    QVERIFY2(window.openFile(path, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->pagePane(), kTimeoutMs);
    auto* chooser = area(window)->pageChooser();
    QVERIFY(chooser->isVisible());
    QCOMPARE(chooser->count(), 2);
    auto* label = chooser->findChild<QLabel*>(QStringLiteral("pageOfPages"));
    QCOMPARE(label->text(), QStringLiteral("Page 1 of 2"));
    QCOMPARE(doc(window)->count(), 2);
    QCOMPARE(area(window)->pagePane()->name(), QStringLiteral("pages.tif, page 1 of 2"));
    auto* next = chooser->findChild<QToolButton*>(QStringLiteral("nextPage"));
    auto* previous = chooser->findChild<QToolButton*>(QStringLiteral("previousPage"));
    QVERIFY(!previous->isEnabled());
    next->click();
    QTRY_COMPARE_WITH_TIMEOUT(doc(window)->count(), 3, kTimeoutMs);
    QCOMPARE(label->text(), QStringLiteral("Page 2 of 2"));
    QVERIFY(!next->isEnabled());
    QVERIFY(previous->isEnabled());
    // A picture of one page: no chooser.
    area(window)->openPicture(generatedPage(2), QStringLiteral("one"));
    QTRY_VERIFY_WITH_TIMEOUT(!chooser->isVisible(), kTimeoutMs);
}

// A picture larger than the decoding limit is shown and analysed at half size; a line
// added in the original's pixels is exported as it is.
void TestPageView::hugePictureExportsOriginalPixels()
{
    MainWindow window(m_translator, *m_service);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QImage blank(8000, 8000, QImage::Format_Grayscale8);
    blank.fill(250);
    const QString path = m_files.filePath(QStringLiteral("huge-page.png"));
    QVERIFY(blank.save(path));
    blank = QImage();
    QString error;
    QVERIFY2(window.openFile(path, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->pagePane(), kTimeoutMs);
    QCOMPARE(area(window)->pageScale(), 2.0);
    // The document is in the original's pixels; only the picture held is downscaled.
    QCOMPARE(area(window)->pagePane()->pageSize(), QSize(8000, 8000));
    QCOMPARE(doc(window)->size(), QSize(8000, 8000));
    QVERIFY(doc(window)->addLine({{200, 400}, {1800, 400}, {1800, 520}, {200, 520}}));
    const QString out = m_files.filePath(QStringLiteral("huge.xml"));
    QVERIFY2(area(window)->exportPage(out, &error), qPrintable(error));
    const auto back = inklens::service::readPageFile(out, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size, QSize(8000, 8000));
    QCOMPARE(back->lines.size(), std::size_t(1));
    const auto& polygon = back->lines[0].line.polygon;
    QCOMPARE(polygon.size(), std::size_t(4));
    QCOMPARE(polygon[0], cv::Point2f(200, 400));
    QCOMPARE(polygon[2], cv::Point2f(1800, 520));
}

// Opening a picture returns at once: it is decoded on the page worker and arrives later
// (the GUI thread never decodes); then it is analysed and read as before.
void TestPageView::openingDoesNotWait()
{
    MainWindow window(m_translator, *m_service);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = m_files.filePath(QStringLiteral("later.png"));
    QVERIFY(generatedPage(3).save(path));
    QSignalSpy opened(area(window)->pageSession(), &PageSession::opened);
    QString error;
    QVERIFY2(window.openFile(path, &error), qPrintable(error));
    // Returned before the picture was decoded: nothing of it is shown yet.
    QCOMPARE(opened.size(), 0);
    QVERIFY(area(window)->opening());
    QVERIFY(!area(window)->pagePane()->hasPage());
    QVERIFY(area(window)->imageView()->image().isNull());
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
    QVERIFY(!opened[0][3].toBool());  // not cancelled
    QVERIFY(!area(window)->opening());
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->pagePane(), kTimeoutMs);
    QCOMPARE(doc(window)->count(), 3);
}

// A large picture being opened shows its progress in the status bar; Cancel gives it up
// and the window stays as it was.
void TestPageView::openingCancelled()
{
    MainWindow window(m_translator, *m_service);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QImage blank(9000, 6000, QImage::Format_Grayscale8);
    blank.fill(250);
    const QString path = m_files.filePath(QStringLiteral("slow.png"));
    QVERIFY(blank.save(path));
    blank = QImage();
    PageSession* session = area(window)->pageSession();
    QSignalSpy opened(session, &PageSession::opened);
    QSignalSpy steps(session, &PageSession::openingProgress);
    QVERIFY(window.openFile(path));
    auto* progress = area(window)->pageProgress();
    QTRY_VERIFY_WITH_TIMEOUT(steps.size() > 0 || opened.size() > 0, kTimeoutMs);
    QVERIFY2(opened.isEmpty(), "decoded before it could be cancelled");
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->findChild<QLabel*>()->text(), QStringLiteral("Opening the picture"));
    progress->cancelButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
    QVERIFY(opened[0][3].toBool());  // cancelled
    QVERIFY(!progress->isVisible());
    QVERIFY(!area(window)->pagePane()->hasPage());
    QCOMPARE(area(window)->currentWidget(), window.canvas());
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
}

// A file whose header is fine but whose pixels are cut short is found out while decoding:
// a warning box says why (without blocking the window); a picture over the limits is
// refused at once.
void TestPageView::damagedPictureSaysWhy()
{
    MainWindow window(m_translator, *m_service);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QImage noise(600, 500, QImage::Format_Grayscale8);
    quint32 seed = 9;
    for (int y = 0; y < noise.height(); ++y)
        for (int x = 0; x < noise.width(); ++x)
            noise.scanLine(y)[x] = uchar((seed = seed * 1664525u + 1013904223u) >> 24);
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(noise.save(&buffer, "PNG"));
    }
    const QString cut = m_files.filePath(QStringLiteral("cut.png"));
    inklens::testing::writeFile(cut, bytes.left(bytes.size() / 2));
    QSignalSpy failed(area(window), &inklens::ui::DocumentArea::openFailed);
    QString error;
    QVERIFY2(window.openFile(cut, &error), qPrintable(error));  // the header is whole
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeoutMs);
    QCOMPARE(failed[0][0].toString(), cut);
    QVERIFY2(failed[0][1].toString().contains(QStringLiteral("cut short")),
             qPrintable(failed[0][1].toString()));
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("cannotOpenBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(QStringLiteral("cut short")));
    box->close();
    QVERIFY(!area(window)->pagePane()->hasPage());

    // Over the limits: refused before anything is decoded, with the reason.
    inklens::service::PageImageLimits tight;
    tight.maxPixels = 100'000;
    area(window)->setPageImageLimits(tight);
    const QString big = m_files.filePath(QStringLiteral("big.png"));
    QVERIFY(generatedPage(3).save(big));
    QVERIFY(!window.openFile(big, &error));
    QVERIFY2(error.contains(QStringLiteral("too large")), qPrintable(error));
    QVERIFY(!area(window)->opening());
}

namespace {

QRectF boundsOf(const std::vector<cv::Point2f>& points)
{
    QPolygonF polygon;
    for (const auto& p : points)
        polygon << QPointF(p.x, p.y);
    return polygon.boundingRect();
}

bool near(QRectF a, QRectF b, double tolerance)
{
    return std::abs(a.left() - b.left()) <= tolerance && std::abs(a.top() - b.top()) <= tolerance
           && std::abs(a.right() - b.right()) <= tolerance
           && std::abs(a.bottom() - b.bottom()) <= tolerance;
}

QString describe(QRectF r)
{
    return QStringLiteral("(%1, %2)-(%3, %4)")
        .arg(r.left())
        .arg(r.top())
        .arg(r.right())
        .arg(r.bottom());
}

}  // namespace

// A page held downscaled (here by 2): the document's lines are in the original's pixels
// (as the analysis finds them on the whole picture), a line drawn or moved with the mouse
// gets the original's coordinates of where it was drawn, and the export gives exactly the
// document's lines.
void TestPageView::downscaledPageKeepsOriginalPixels()
{
    MainWindow window(m_translator, *m_service);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    inklens::service::PageImageLimits limits;
    limits.maxSide = 700;
    area(window)->setPageImageLimits(limits);
    const QImage original = generatedPage(4);  // 1200 x 520
    const QString path = m_files.filePath(QStringLiteral("halved.png"));
    QVERIFY(original.save(path));
    QSignalSpy finished(area(window)->pageSession(), &PageSession::finished);
    QVERIFY(window.openFile(path));
    QTRY_COMPARE_WITH_TIMEOUT(area(window)->currentWidget(), area(window)->pagePane(), kTimeoutMs);
    QCOMPARE(area(window)->pageScale(), 2.0);
    QCOMPARE(doc(window)->size(), original.size());
    PageView* view = area(window)->pagePane()->view();
    QCOMPARE(view->displayedPictureSize(), QSize(600, 260));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);

    // The lines where the analysis of the whole picture finds them (the analysis at half
    // the resolution ends a line's faint tail a little differently: boxes overlap >= 85 %).
    const auto whole = inklens::imaging::analyzePage(
        inklens::service::grayMat(original.convertToFormat(QImage::Format_Grayscale8)));
    QCOMPARE(doc(window)->count(), int(whole.lines.size()));
    for (int row = 0; row < doc(window)->count(); ++row) {
        const QRectF a = boundsOf(whole.lines[std::size_t(row)].polygon);
        const QRectF b = boundsOf(doc(window)->at(row).line.polygon);
        const QRectF both = a.intersected(b);
        const double iou = both.width() * both.height()
                           / (a.width() * a.height() + b.width() * b.height()
                              - both.width() * both.height());
        QVERIFY2(iou >= 0.85, qPrintable(describe(a) + QStringLiteral(" vs ") + describe(b)));
    }

    // Drawn with the mouse: the rectangle's corners in the original's pixels.
    const int before = doc(window)->count();
    view->setMode(PageView::Mode::DrawRectangle);
    const QPoint from = view->mapFromScene(QPointF(100, 470));
    const QPoint to = view->mapFromScene(QPointF(1100, 510));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view->viewport(), (from + to) / 2);
    QTest::mouseMove(view->viewport(), to);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(doc(window)->count(), before + 1);
    const quint64 drawn = view->selectedId();
    const double pixel = 1 / view->zoom() + 0.5;  // a view pixel in page pixels
    QRectF box = boundsOf(doc(window)->find(drawn)->line.polygon);
    QVERIFY2(near(box, QRectF(QPointF(100, 470), QPointF(1100, 510)), pixel),
             qPrintable(describe(box)));

    // Moved by (+50, -10) page pixels with the mouse.
    const QPoint grab = view->mapFromScene(QPointF(600, 490));
    const QPoint drop = view->mapFromScene(QPointF(650, 480));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, grab);
    QTest::mouseMove(view->viewport(), (grab + drop) / 2);
    QTest::mouseMove(view->viewport(), drop);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, drop);
    const quint64 moved = view->selectedId();
    QVERIFY(moved != drawn);
    const QPointF shift = view->mapToScene(drop) - view->mapToScene(grab);
    box = boundsOf(doc(window)->find(moved)->line.polygon);
    QVERIFY2(near(box, QRectF(QPointF(100, 470), QPointF(1100, 510)).translated(shift), pixel),
             qPrintable(describe(box)));
    QVERIFY(std::abs(shift.x() - 50) <= pixel && std::abs(shift.y() + 10) <= pixel);

    // The export is the document, in the original's pixels.
    const QString out = m_files.filePath(QStringLiteral("halved.xml"));
    QString error;
    QVERIFY2(area(window)->exportPage(out, &error), qPrintable(error));
    const auto back = inklens::service::readPageFile(out, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size, original.size());
    QCOMPARE(int(back->lines.size()), doc(window)->count());
    for (int row = 0; row < doc(window)->count(); ++row) {
        const QRectF a = boundsOf(doc(window)->at(row).line.polygon);
        const QRectF b = boundsOf(back->lines[std::size_t(row)].line.polygon);
        QVERIFY2(near(a, b, 1), qPrintable(describe(a) + QStringLiteral(" vs ") + describe(b)));
    }
}

// Without a line chosen, the text panel lists every line's text in reading order as it is
// read; correcting a line there, or in the list, sets its text and keeps the line's picture
// cut from the page with the text as a sample.
void TestPageView::pageTextListedAndCorrected()
{
    const QString storePath = inklens::service::SampleStore::defaultPath();
    QFile::remove(storePath);
    MainWindow window(m_translator, *m_service);
    QSignalSpy finished(area(window)->pageSession(), &PageSession::finished);
    openPage(window, 3);
    inklens::ui::TextPanel* panel = window.textPanel();
    QCOMPARE(panel->text().count(QLatin1Char('\n')), 2);  // a line per line, read or not
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QTRY_COMPARE(panel->text(), doc(window)->text());
    QCOMPARE(area(window)->pagePane()->view()->selectedId(), quint64(0));

    // The second line corrected in the text panel.
    const QString read = doc(window)->at(1).text;
    panel->editLine(1);
    QVERIFY(panel->editing());
    auto* editor = panel->findChild<QLineEdit*>(QStringLiteral("correctionEditor"));
    QCOMPARE(editor->text(), read);
    editor->setText(QStringLiteral("jumps over"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(doc(window)->at(1).shownText(), QStringLiteral("jumps over"));
    QVERIFY(!doc(window)->at(0).corrected && !doc(window)->at(2).corrected);
    QTRY_COMPARE(panel->text().split(QLatin1Char('\n')).value(1), QStringLiteral("jumps over"));
    {
        auto store = inklens::service::SampleStore::open(storePath);
        QVERIFY(store);
        const auto samples = store->samples();
        QCOMPARE(samples.size(), std::size_t(1));
        QCOMPARE(samples[0].text, QStringLiteral("jumps over"));
        QCOMPARE(samples[0].recognized, read);
        QCOMPARE(samples[0].kind, inklens::service::Sample::Kind::Image);
        const QImage picture = QImage::fromData(samples[0].data, "PNG");
        const QRectF box = boundsOf(doc(window)->at(1).line.polygon);
        QVERIFY(std::abs(picture.width() - box.width()) <= 3);
        QVERIFY(std::abs(picture.height() - box.height()) <= 3);
    }
    // In the list: the third line.
    auto* item = area(window)->pagePane()->lineList()->item(2,
                                                            inklens::ui::PageLineList::TextColumn);
    item->setText(QStringLiteral("a page of lines"));
    {
        auto store = inklens::service::SampleStore::open(storePath);
        QVERIFY(store);
        QCOMPARE(store->count(), 2);
        QCOMPARE(store->samples().back().text, QStringLiteral("a page of lines"));
    }
    // Undoing a correction removes the sample it kept; redoing it keeps it again.
    QUndoStack* undo = doc(window)->undoStack();
    undo->undo();
    QVERIFY(!doc(window)->at(2).corrected);
    {
        auto store = inklens::service::SampleStore::open(storePath);
        QVERIFY(store);
        QCOMPARE(store->count(), 1);
        QCOMPARE(store->samples().back().text, QStringLiteral("jumps over"));
    }
    undo->redo();
    undo->undo();
    undo->undo();
    {
        auto store = inklens::service::SampleStore::open(storePath);
        QVERIFY(store);
        QCOMPARE(store->count(), 0);
    }
    undo->redo();
    {
        auto store = inklens::service::SampleStore::open(storePath);
        QVERIFY(store);
        QCOMPARE(store->count(), 1);
        QCOMPARE(store->samples().back().text, QStringLiteral("jumps over"));
    }
    QFile::remove(storePath);
}

QTEST_MAIN(TestPageView)
#include "test_page_view.moc"
