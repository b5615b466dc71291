// service::PageDocument: every edit of a page's lines, its undo and redo, and which lines
// are left to read after it (only the ones the edit made).
#include "service/page_document.h"

#include <QFile>
#include <opencv2/imgproc.hpp>
#include <QTemporaryDir>
#include <QtTest>

using inklens::imaging::PageLine;
using inklens::service::PageDocument;

namespace {

// A line box from (x0, y0) to (x1, y1), baseline at 3/4 of its height.
PageLine box(float x0, float y0, float x1, float y1)
{
    PageLine line;
    line.polygon = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    const float base = y0 + 0.75f * (y1 - y0);
    line.baseline = {{x0, base}, {x1, base}};
    return line;
}

// Three lines of a 1000 x 400 page, 100 px apart.
void threeLines(PageDocument& doc)
{
    doc.setPage(QSize(1000, 400),
                {box(50, 20, 950, 80), box(50, 120, 950, 180), box(50, 220, 950, 280)},
                QStringLiteral("page.png"));
}

// A reading whose text is `text` (what the session would store).
std::shared_ptr<const inklens::reading::Reading> readingOf(const std::string& text,
                                                           double confidence = 0.9)
{
    auto rec = std::make_shared<inklens::model::Recognition>();
    rec->text = text;
    rec->confidence = confidence;
    inklens::reading::Reading r;
    r.recognition = rec;
    return std::make_shared<const inklens::reading::Reading>(std::move(r));
}

void readAll(PageDocument& doc)
{
    for (quint64 id : doc.unreadIds())
        doc.setReading(id, readingOf("line " + std::to_string(id)));
}

cv::Rect2f bounds(const PageLine& line)
{
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (const cv::Point2f& p : line.polygon) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace

class TestPageDocument : public QObject
{
    Q_OBJECT
private slots:
    void newPageIsUnread();
    void moveAndUndo();
    void reshape();
    void split();
    void merge();
    void deleteAndUndo();
    void drawInReadingOrder();
    void editText();
    void paragraphForTextPanel();
    void refusedEditsPushNothing();
    void exportsShownText();
    void clipsPolygons();
};

void TestPageDocument::newPageIsUnread()
{
    PageDocument doc;
    QSignalSpy changed(&doc, &PageDocument::linesChanged);
    threeLines(doc);
    QCOMPARE(doc.count(), 3);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(doc.unreadIds(), doc.ids());
    QCOMPARE(doc.undoStack()->count(), 0);
    readAll(doc);
    QVERIFY(doc.unreadIds().empty());
    QCOMPARE(doc.at(1).text, QStringLiteral("line 2"));
    QCOMPARE(doc.text(), QStringLiteral("line 1\nline 2\nline 3"));
}

void TestPageDocument::moveAndUndo()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    const quint64 old = doc.at(1).id;
    QVERIFY(doc.moveLine(old, QPointF(10, 5)));
    const quint64 moved = doc.at(1).id;
    QVERIFY(moved != old);
    QCOMPARE(doc.count(), 3);
    QCOMPARE(bounds(doc.at(1).line).x, 60.f);
    QCOMPARE(bounds(doc.at(1).line).y, 125.f);
    QCOMPARE(doc.at(1).line.baseline[0].y, 170.f);
    // Only the moved line is left to read.
    QCOMPARE(doc.unreadIds(), std::vector<quint64>{moved});
    doc.setReading(moved, readingOf("moved"));

    doc.undoStack()->undo();
    QCOMPARE(doc.at(1).id, old);
    QCOMPARE(doc.at(1).text, QStringLiteral("line 2"));  // its reading came back with it
    QVERIFY(doc.unreadIds().empty());
    QCOMPARE(bounds(doc.at(1).line).x, 50.f);
    doc.undoStack()->redo();
    QCOMPARE(doc.at(1).id, moved);
    QCOMPARE(doc.at(1).text, QStringLiteral("moved"));  // not read again
    QVERIFY(doc.unreadIds().empty());
}

void TestPageDocument::reshape()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    const quint64 old = doc.at(0).id;
    std::vector<cv::Point2f> polygon = doc.at(0).line.polygon;
    polygon[2] = {990, 95};  // drag the bottom-right corner
    QVERIFY(doc.setGeometry(old, polygon, doc.at(0).line.baseline));
    QCOMPARE(doc.at(0).line.polygon[2], cv::Point2f(990, 95));
    QCOMPARE(doc.unreadIds().size(), std::size_t(1));
    doc.undoStack()->undo();
    QCOMPARE(doc.at(0).line.polygon[2], cv::Point2f(950, 80));
    QCOMPARE(doc.at(0).id, old);
}

void TestPageDocument::split()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    const quint64 old = doc.at(1).id;
    QVERIFY(doc.splitLine(old, 400));
    QCOMPARE(doc.count(), 4);
    const cv::Rect2f left = bounds(doc.at(1).line), right = bounds(doc.at(2).line);
    QCOMPARE(left.x, 50.f);
    QCOMPARE(left.x + left.width, 400.f);
    QCOMPARE(right.x, 400.f);
    QCOMPARE(right.x + right.width, 950.f);
    QCOMPARE(doc.at(1).line.baseline.back().x, 400.f);
    QCOMPARE(doc.at(2).line.baseline.front().x, 400.f);
    QCOMPARE(doc.unreadIds(), (std::vector<quint64>{doc.at(1).id, doc.at(2).id}));
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Split Line"));
    doc.undoStack()->undo();
    QCOMPARE(doc.count(), 3);
    QCOMPARE(doc.at(1).id, old);
    QVERIFY(doc.unreadIds().empty());
}

void TestPageDocument::merge()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    const quint64 a = doc.at(0).id, b = doc.at(1).id;
    QVERIFY(doc.mergeLines(b, a));  // either order: placed where the first was
    QCOMPARE(doc.count(), 2);
    const cv::Rect2f merged = bounds(doc.at(0).line);
    QCOMPARE(merged.y, 20.f);
    QCOMPARE(merged.y + merged.height, 180.f);
    QVERIFY(doc.at(0).line.baseline.size() >= 2);
    QCOMPARE(doc.unreadIds(), std::vector<quint64>{doc.at(0).id});
    QCOMPARE(doc.at(1).text, QStringLiteral("line 3"));
    doc.undoStack()->undo();
    QCOMPARE(doc.ids(), (std::vector<quint64>{a, b, doc.at(2).id}));
    doc.undoStack()->redo();
    QCOMPARE(doc.count(), 2);
}

void TestPageDocument::deleteAndUndo()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    const std::vector<quint64> before = doc.ids();
    QVERIFY(doc.deleteLine(before[1]));
    QCOMPARE(doc.ids(), (std::vector<quint64>{before[0], before[2]}));
    QVERIFY(doc.unreadIds().empty());  // nothing to read
    QCOMPARE(doc.rowOf(before[1]), -1);
    QVERIFY(doc.find(before[1]));  // kept for the undo
    doc.undoStack()->undo();
    QCOMPARE(doc.ids(), before);
}

void TestPageDocument::drawInReadingOrder()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    // Between the first and the second line.
    const quint64 id = doc.addLine({{100, 90}, {600, 90}, {600, 110}, {100, 110}});
    QVERIFY(id != 0);
    QCOMPARE(doc.rowOf(id), 1);
    QCOMPARE(doc.unreadIds(), std::vector<quint64>{id});
    QCOMPARE(doc.find(id)->line.baseline.size(), std::size_t(2));
    QCOMPARE(doc.find(id)->line.baseline[0].y, 105.f);
    // A polygon, below everything.
    const quint64 poly = doc.addLine({{100, 300}, {500, 310}, {300, 360}});
    QCOMPARE(doc.rowOf(poly), 4);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.count(), 3);
    QCOMPARE(doc.rowOf(id), -1);
    // Degenerate shapes are refused.
    QCOMPARE(doc.addLine({{0, 0}, {10, 10}, {20, 20}}), quint64(0));
    QCOMPARE(doc.addLine({{0, 0}, {10, 10}}), quint64(0));
}

void TestPageDocument::editText()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    const quint64 id = doc.at(2).id;
    QSignalSpy updated(&doc, &PageDocument::lineUpdated);
    QVERIFY(doc.setText(id, QStringLiteral("the right words")));
    QCOMPARE(updated.size(), 1);
    QCOMPARE(doc.at(2).shownText(), QStringLiteral("the right words"));
    QCOMPARE(doc.at(2).text, QStringLiteral("line 3"));  // what was read stays
    QCOMPARE(doc.text(), QStringLiteral("line 1\nline 2\nthe right words"));
    QVERIFY(!doc.setText(id, QStringLiteral("the right words")));  // nothing changes
    doc.undoStack()->undo();
    QVERIFY(!doc.at(2).corrected);
    QCOMPARE(doc.at(2).shownText(), QStringLiteral("line 3"));
    doc.undoStack()->redo();
    QCOMPARE(doc.at(2).shownText(), QStringLiteral("the right words"));
    // Typing what was read drops the correction.
    QVERIFY(doc.setText(id, QStringLiteral("line 3")));
    QVERIFY(!doc.at(2).corrected);
    // A moved line keeps the user's words.
    QVERIFY(doc.setText(id, QStringLiteral("mine")));
    QVERIFY(doc.moveLine(id, QPointF(1, 1)));
    QCOMPARE(doc.at(2).shownText(), QStringLiteral("mine"));
}

// The page's text as the text panel shows it: a line per line in reading order, read lines
// as read (with their characters' confidences), corrected ones as typed, unread ones "…";
// textCorrected only for the user's own text (again on its redo; correctionUndone on its
// undo).
void TestPageDocument::paragraphForTextPanel()
{
    PageDocument doc;
    QVERIFY(!doc.paragraph());
    threeLines(doc);
    QCOMPARE(QString::fromStdString(doc.paragraph()->text), QStringLiteral("…\n…\n…"));
    auto rec = std::make_shared<inklens::model::Recognition>();
    rec->text = "ab";
    for (const char* c : {"a", "b"}) {
        inklens::model::RecognizedChar ch;
        ch.text = c;
        ch.confidence = 0.25f;
        rec->chars.push_back(ch);
    }
    inklens::reading::Reading r;
    r.recognition = rec;
    doc.setReading(doc.at(0).id, std::make_shared<const inklens::reading::Reading>(std::move(r)));
    QSignalSpy corrected(&doc, &PageDocument::textCorrected);
    QVERIFY(doc.setText(doc.at(2).id, QStringLiteral("déjà")));
    QCOMPARE(corrected.size(), 1);
    QCOMPARE(corrected[0][0].value<quint64>(), doc.at(2).id);
    const auto paragraph = doc.paragraph();
    QCOMPARE(QString::fromStdString(paragraph->text), QStringLiteral("ab\n…\ndéjà"));
    // a b \n … \n d é j à: the read line keeps its confidences, the typed one is sure.
    QCOMPARE(paragraph->chars.size(), std::size_t(9));
    QCOMPARE(paragraph->chars[0].confidence, 0.25f);
    QCOMPARE(paragraph->chars[6].text, std::string("é"));
    QCOMPARE(paragraph->chars[6].confidence, 1.f);
    // Undone, the correction is taken back; redone, given again.
    QSignalSpy undone(&doc, &PageDocument::correctionUndone);
    doc.undoStack()->undo();
    QCOMPARE(undone.size(), 1);
    QCOMPARE(undone[0][0].value<quint64>(), doc.at(2).id);
    QCOMPARE(corrected.size(), 1);
    doc.undoStack()->redo();
    QCOMPARE(corrected.size(), 2);
    // Typing what was read back is no correction; its undo takes none back.
    QVERIFY(doc.setText(doc.at(0).id, QStringLiteral("abc")));
    QCOMPARE(corrected.size(), 3);
    QVERIFY(doc.setText(doc.at(0).id, QStringLiteral("ab")));
    QCOMPARE(corrected.size(), 3);
    doc.undoStack()->undo();
    QCOMPARE(undone.size(), 1);
    QCOMPARE(doc.at(0).shownText(), QStringLiteral("abc"));
}

void TestPageDocument::refusedEditsPushNothing()
{
    PageDocument doc;
    threeLines(doc);
    const quint64 id = doc.at(0).id;
    QVERIFY(!doc.splitLine(id, 10));   // left of the line
    QVERIFY(!doc.splitLine(id, 951));  // right of it
    QVERIFY(!doc.mergeLines(id, id));
    QVERIFY(!doc.deleteLine(12345));
    QVERIFY(!doc.moveLine(12345, QPointF(1, 1)));
    QVERIFY(!doc.setText(12345, QStringLiteral("x")));
    QVERIFY(doc.deleteLine(id));
    QVERIFY(!doc.deleteLine(id));  // not shown any more
    QVERIFY(!doc.splitLine(id, 400));
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TestPageDocument::exportsShownText()
{
    PageDocument doc;
    threeLines(doc);
    readAll(doc);
    QVERIFY(doc.setText(doc.at(0).id, QStringLiteral("première")));
    const inklens::service::PageReading page = doc.toPageReading();
    QCOMPARE(page.lines.size(), std::size_t(3));
    QCOMPARE(page.file, QStringLiteral("page.png"));
    QCOMPARE(page.size, QSize(1000, 400));
    QCOMPARE(page.lines[0].text, QStringLiteral("première"));
    QCOMPARE(page.lines[0].confidence, 1.0);
    QCOMPARE(float(page.lines[1].confidence), 0.9f);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("page.txt"));
    QString error;
    QVERIFY2(inklens::service::exportPage(path, page, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), QStringLiteral("première\nline 2\nline 3\n"));
    QVERIFY(!inklens::service::exportPage(dir.filePath(QStringLiteral("no/such/dir/p.txt")), page,
                                          &error));
    QVERIFY(!error.isEmpty());
}

void TestPageDocument::clipsPolygons()
{
    const std::vector<cv::Point2f> triangle = {{0, 0}, {100, 0}, {0, 100}};
    const auto left = inklens::service::clipPolygonAtX(triangle, 50, true);
    const auto right = inklens::service::clipPolygonAtX(triangle, 50, false);
    QCOMPARE(cv::contourArea(left) + cv::contourArea(right), cv::contourArea(triangle));
    for (const cv::Point2f& p : left)
        QVERIFY(p.x <= 50);
    for (const cv::Point2f& p : right)
        QVERIFY(p.x >= 50);
}

QTEST_APPLESS_MAIN(TestPageDocument)
#include "test_page_document.moc"
