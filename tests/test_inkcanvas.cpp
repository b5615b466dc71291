// The ink canvas and the text panel (ui/): pure helpers (pressure -> width, smoothing,
// hit test, placing foreign ink), mouse strokes, synthesized tablet events with pressure,
// the pen's eraser end, undo/redo; low-confidence marks and alternatives in the text panel.
#include "ink_canvas.h"
#include "text_panel.h"

#include "service/recognition_service.h"
#include "test_models.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QSignalSpy>
#include <QTabletEvent>
#include <QTest>
#include <QToolTip>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <memory>

using inklens::imaging::Ink;
using inklens::imaging::InkPoint;
using inklens::imaging::Stroke;
using inklens::ui::InkCanvas;
using inklens::ui::TextPanel;

namespace {

// A stylus (tip or eraser end) for synthesized tablet events.
std::unique_ptr<QPointingDevice> stylus(QPointingDevice::PointerType type)
{
    return std::make_unique<QPointingDevice>(
        type == QPointingDevice::PointerType::Eraser ? QStringLiteral("test eraser")
                                                     : QStringLiteral("test pen"),
        type == QPointingDevice::PointerType::Eraser ? 9002 : 9001,
        QInputDevice::DeviceType::Stylus, type,
        QInputDevice::Capability::Position | QInputDevice::Capability::Pressure, 1, 2);
}

void sendTablet(QWidget* widget, const QPointingDevice* device, QEvent::Type type, QPointF pos,
                qreal pressure)
{
    const Qt::MouseButton button = type == QEvent::TabletMove ? Qt::NoButton : Qt::LeftButton;
    const Qt::MouseButtons buttons = type == QEvent::TabletRelease ? Qt::NoButton : Qt::LeftButton;
    QTabletEvent event(type, device, pos, widget->mapToGlobal(pos), pressure, 0, 0, 0, 0, 0,
                       Qt::NoModifier, button, buttons);
    QCoreApplication::sendEvent(widget, &event);
}

// A horizontal pen stroke from (x0, y) to (x1, y) at a fixed pressure.
void tabletLine(QWidget* widget, const QPointingDevice* device, qreal x0, qreal x1, qreal y,
                qreal pressure)
{
    sendTablet(widget, device, QEvent::TabletPress, {x0, y}, pressure);
    for (qreal x = x0 + 4; x < x1; x += 4)
        sendTablet(widget, device, QEvent::TabletMove, {x, y}, pressure);
    sendTablet(widget, device, QEvent::TabletRelease, {x1, y}, pressure);
}

void mouseStroke(QWidget* widget, const QList<QPoint>& points,
                 Qt::MouseButton button = Qt::LeftButton)
{
    QTest::mousePress(widget, button, {}, points.first());
    for (qsizetype i = 1; i < points.size(); ++i)
        QTest::mouseMove(widget, points[i]);
    QTest::mouseRelease(widget, button, {}, points.last());
}

QList<QPoint> line(QPoint from, QPoint to, int steps = 12)
{
    QList<QPoint> pts;
    for (int i = 0; i <= steps; ++i)
        pts << from + (to - from) * i / steps;
    return pts;
}

// Rows of dark pixels in column x of a picture of the canvas.
int inkThickness(const QImage& image, int x)
{
    int rows = 0;
    for (int y = 0; y < image.height(); ++y)
        if (qGray(image.pixel(x, y)) < 128)
            ++rows;
    return rows;
}

inklens::model::Recognition recognition(const std::vector<std::pair<const char*, float>>& chars,
                                        const std::vector<std::pair<const char*, float>>& nbest)
{
    inklens::model::Recognition r;
    int frame = 0;
    for (const auto& [text, confidence] : chars) {
        inklens::model::RecognizedChar c;
        c.text = text;
        c.confidence = confidence;
        c.firstFrame = c.lastFrame = frame++;
        r.text += text;
        r.chars.push_back(c);
    }
    for (const auto& [text, logProb] : nbest)
        r.nbest.push_back({text, logProb});
    return r;
}

}  // namespace

class TestInkCanvas : public QObject
{
    Q_OBJECT

private slots:
    void penWidthForPressure_data();
    void penWidthForPressure();
    void smoothStroke();
    void strokeHit();
    void placeInk();
    void mouseStrokes();
    void tabletPressureSetsWidth();
    void eraserEndRemovesStroke();
    void rightButtonErases();
    void undoRedo();
    void setInkFitsTheGuides();
    void measuredPlacementEqualsPlaceInk();
    void largeInkDrawnOnAWorker();
    void newStrokeDrawnAloneOverLargeInk();
    void settersClamp();
    void alternativeShares();
    void textPanelMarksDoubtfulCharacters();
    void textPanelAlternativesReplaceText();
    void textPanelShowsAgainOnlyTheLinesThatChanged();
};

void TestInkCanvas::penWidthForPressure_data()
{
    QTest::addColumn<qreal>("base");
    QTest::addColumn<qreal>("pressure");
    QTest::addColumn<qreal>("width");
    QTest::newRow("mouse") << 3.0 << 0.5 << 3.0;
    QTest::newRow("light") << 4.0 << 0.0 << 2.0;
    QTest::newRow("firm") << 4.0 << 1.0 << 6.0;
    QTest::newRow("above 1 clamps") << 4.0 << 7.0 << 6.0;
    QTest::newRow("negative clamps") << 4.0 << -1.0 << 2.0;
    QTest::newRow("never below half a pixel") << 0.2 << 0.0 << 0.5;
}

void TestInkCanvas::penWidthForPressure()
{
    QFETCH(qreal, base);
    QFETCH(qreal, pressure);
    QFETCH(qreal, width);
    QCOMPARE(inklens::ui::penWidthForPressure(base, pressure), width);
}

void TestInkCanvas::smoothStroke()
{
    Stroke zigzag;
    for (int i = 0; i < 20; ++i)
        zigzag.points.push_back({float(i), (i % 2) ? 1.f : -1.f, 0.01f * float(i), 0.5f});
    const Stroke smooth = inklens::ui::smoothStroke(zigzag, 2);
    QCOMPARE(smooth.points.size(), zigzag.points.size());
    QCOMPARE(smooth.points.front().y, zigzag.points.front().y);  // ends stay
    QCOMPARE(smooth.points.back().x, zigzag.points.back().x);
    for (std::size_t i = 3; i + 3 < smooth.points.size(); ++i) {
        QVERIFY(std::abs(smooth.points[i].y) < 0.3f);      // the zigzag is ironed out
        QCOMPARE(smooth.points[i].x, zigzag.points[i].x);  // a straight line stays put
        QCOMPARE(smooth.points[i].t, zigzag.points[i].t);
    }
    Stroke two;
    two.points = {{0, 0, 0, 0.5f}, {5, 5, 0.1f, 0.5f}};
    QCOMPARE(inklens::ui::smoothStroke(two).points.size(), std::size_t(2));
    QCOMPARE(inklens::ui::smoothStroke(two).points[1].x, 5.f);
}

void TestInkCanvas::strokeHit()
{
    Stroke s;
    s.points = {{0, 0, 0, 0.5f}, {100, 0, 0, 0.5f}};
    QVERIFY(inklens::ui::strokeHit(s, {50, 4}, 5));  // near the middle of the segment
    QVERIFY(!inklens::ui::strokeHit(s, {50, 6}, 5));
    QVERIFY(inklens::ui::strokeHit(s, {-3, 0}, 5));  // near an end
    QVERIFY(!inklens::ui::strokeHit(s, {106, 0}, 5));
    Stroke dot;
    dot.points = {{10, 10, 0, 0.5f}};
    QVERIFY(inklens::ui::strokeHit(dot, {12, 12}, 3));
    QVERIFY(!inklens::ui::strokeHit(Stroke{}, {0, 0}, 100));
}

void TestInkCanvas::placeInk()
{
    // Digitizer units: x-height about 400 units.
    Ink ink = inklens::testing::loopInk(4);
    for (auto& s : ink.strokes)
        for (auto& p : s.points)
            p.x = p.x * 20 + 30000, p.y = p.y * 20 - 7000;
    const QRectF area(10, 0, 900, 250);
    const Ink placed = inklens::ui::placeInk(ink, area, 40, 120);
    const auto core = inklens::imaging::inkXHeight(placed);
    QVERIFY(std::abs(core.height() - 40) < 0.5);
    QVERIFY(std::abs(0.5 * (core.top + core.bottom) - 120) < 0.5);
    const auto box = placed.bounds();
    QVERIFY(std::abs(box.x - 10) < 1e-3);
    QCOMPARE(placed.strokes[1].points[3].t, ink.strokes[1].points[3].t);

    // Too wide for the area: shrunk to fit.
    const Ink narrow = inklens::ui::placeInk(ink, QRectF(0, 0, 100, 250), 40, 120);
    QVERIFY(narrow.bounds().width <= 100.01f);
}

void TestInkCanvas::mouseStrokes()
{
    InkCanvas canvas;
    canvas.resize(800, 240);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    QSignalSpy started(&canvas, &InkCanvas::strokeStarted);
    QSignalSpy finished(&canvas, &InkCanvas::strokeFinished);
    QSignalSpy changed(&canvas, &InkCanvas::inkChanged);

    mouseStroke(&canvas, line({100, 150}, {200, 120}));
    QCOMPARE(started.size(), 1);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(changed.size(), 1);
    QTest::qWait(20);
    mouseStroke(&canvas, {QPoint(300, 140)});  // a click: a dot
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(2));

    const Stroke& first = canvas.ink().strokes[0];
    QVERIFY(first.points.size() >= 10);
    QCOMPARE(first.points.front().x, 100.f);
    QCOMPARE(first.points.back().y, 120.f);
    for (std::size_t i = 1; i < first.points.size(); ++i) {
        QVERIFY(first.points[i].t >= first.points[i - 1].t);
        QCOMPARE(first.points[i].pressure, 0.5f);  // a mouse has no pressure
    }
    QCOMPARE(first.points.front().t, 0.f);  // time starts with the first point of the ink
    QVERIFY(canvas.ink().strokes[1].points.front().t > first.points.back().t);
    QCOMPARE(canvas.ink().strokes[1].points.size(), std::size_t(1));

    // What is drawn is where the ink is.
    const QImage picture = canvas.grab().toImage();
    QVERIFY(inkThickness(picture, 150) > 0);
    QCOMPARE(inkThickness(picture, 250), 0);
}

void TestInkCanvas::tabletPressureSetsWidth()
{
    InkCanvas canvas;
    canvas.resize(800, 240);
    canvas.setGuideLinesVisible(false);
    canvas.setPenWidth(6);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const auto pen = stylus(QPointingDevice::PointerType::Pen);
    QSignalSpy finished(&canvas, &InkCanvas::strokeFinished);

    tabletLine(&canvas, pen.get(), 50, 350, 60, 0.1);
    tabletLine(&canvas, pen.get(), 50, 350, 180, 0.95);
    QCOMPARE(finished.size(), 2);
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(2));
    for (const InkPoint& p : canvas.ink().strokes[0].points)
        QVERIFY(std::abs(p.pressure - 0.1f) < 1e-6f);
    for (const InkPoint& p : canvas.ink().strokes[1].points)
        QVERIFY(std::abs(p.pressure - 0.95f) < 1e-6f);

    // The widths on screen follow penWidthForPressure.
    const QImage picture = canvas.grab().toImage().copy(0, 0, 800, 120);
    const QImage lower = canvas.grab().toImage().copy(0, 120, 800, 120);
    const int light = inkThickness(picture, 200), firm = inkThickness(lower, 200);
    qDebug("pen width 6: pressure 0.1 -> %d px, 0.95 -> %d px (expected %.1f and %.1f)", light,
           firm, inklens::ui::penWidthForPressure(6, 0.1),
           inklens::ui::penWidthForPressure(6, 0.95));
    QVERIFY(std::abs(light - inklens::ui::penWidthForPressure(6, 0.1)) <= 1.5);
    QVERIFY(std::abs(firm - inklens::ui::penWidthForPressure(6, 0.95)) <= 1.5);
    QVERIFY(firm >= 2 * light);
}

void TestInkCanvas::eraserEndRemovesStroke()
{
    InkCanvas canvas;
    canvas.resize(800, 240);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    mouseStroke(&canvas, line({100, 60}, {300, 60}));
    mouseStroke(&canvas, line({100, 180}, {300, 180}));
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(2));
    const float secondY = canvas.ink().strokes[1].points[0].y;

    // The pen turned round: its eraser end crosses the first stroke only.
    const auto eraser = stylus(QPointingDevice::PointerType::Eraser);
    QSignalSpy started(&canvas, &InkCanvas::strokeStarted);
    sendTablet(&canvas, eraser.get(), QEvent::TabletPress, {200, 20}, 0.6);
    for (int y = 24; y <= 100; y += 4)
        sendTablet(&canvas, eraser.get(), QEvent::TabletMove, {200, qreal(y)}, 0.6);
    sendTablet(&canvas, eraser.get(), QEvent::TabletRelease, {200, 100}, 0.6);
    QCOMPARE(started.size(), 0);  // erasing is not drawing
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(1));
    QCOMPARE(canvas.ink().strokes[0].points[0].y, secondY);

    // One gesture, one undo step.
    canvas.undoStack()->undo();
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(2));
    canvas.undoStack()->redo();
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(1));

    // An eraser pass that touches nothing adds no undo step.
    const int steps = canvas.undoStack()->count();
    sendTablet(&canvas, eraser.get(), QEvent::TabletPress, {700, 20}, 0.6);
    sendTablet(&canvas, eraser.get(), QEvent::TabletRelease, {700, 30}, 0.6);
    QCOMPARE(canvas.undoStack()->count(), steps);
}

void TestInkCanvas::rightButtonErases()
{
    InkCanvas canvas;
    canvas.resize(800, 240);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    mouseStroke(&canvas, line({100, 60}, {300, 60}));
    mouseStroke(&canvas, line({100, 120}, {300, 120}));
    mouseStroke(&canvas, line({100, 180}, {300, 180}));
    mouseStroke(&canvas, line({150, 30}, {150, 150}), Qt::RightButton);
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(1));
    canvas.undoStack()->undo();
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(3));
}

void TestInkCanvas::undoRedo()
{
    InkCanvas canvas;
    canvas.resize(800, 240);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    QSignalSpy changed(&canvas, &InkCanvas::inkChanged);
    for (int i = 0; i < 3; ++i)
        mouseStroke(&canvas, line({100 + 100 * i, 100}, {150 + 100 * i, 160}));
    QUndoStack* undo = canvas.undoStack();
    QCOMPARE(undo->count(), 3);
    undo->undo();
    undo->undo();
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(1));
    undo->redo();
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(2));
    QCOMPARE(canvas.ink().strokes[1].points[0].x, 200.f);
    QVERIFY(undo->canRedo());
    mouseStroke(&canvas, line({600, 100}, {650, 160}));  // a new stroke drops the redo
    QVERIFY(!undo->canRedo());
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(3));

    canvas.clear();
    QVERIFY(canvas.isEmpty());
    undo->undo();
    QCOMPARE(canvas.ink().strokes.size(), std::size_t(3));
    QCOMPARE(canvas.ink().strokes[2].points[0].x, 600.f);
    const int steps = undo->index();
    canvas.clear();
    canvas.clear();  // clearing an empty canvas is no step
    QCOMPARE(undo->index(), steps + 1);
    QVERIFY(changed.size() >= 8);
}

void TestInkCanvas::setInkFitsTheGuides()
{
    InkCanvas canvas;
    canvas.resize(900, 260);
    Ink foreign = inklens::testing::loopInk(5);
    for (auto& s : foreign.strokes)
        for (auto& p : s.points)
            p.x /= 500.f, p.y /= 500.f;  // 0-1 floats
    canvas.setInk(foreign, true, QStringLiteral("Open"));
    const auto core = inklens::imaging::inkXHeight(canvas.ink());
    QVERIFY(std::abs(core.height() - canvas.xHeight()) < 1.0);
    QVERIFY(std::abs(core.bottom - canvas.baselineY()) < 0.3 * canvas.xHeight());
    const auto box = canvas.ink().bounds();
    QVERIFY(box.x >= 0 && box.x + box.width <= 900 && box.y >= 0 && box.y + box.height <= 260);
    QCOMPARE(canvas.undoStack()->undoText(), QStringLiteral("Open"));
    canvas.undoStack()->undo();
    QVERIFY(canvas.isEmpty());

    canvas.setInk(foreign, false, QStringLiteral("As is"));
    QCOMPARE(canvas.ink().strokes[0].points[0].x, foreign.strokes[0].points[0].x);
}

namespace {
// A paragraph in digitizer units: `lines` lines of `letters` loops, 400 units apart.
Ink paragraphInk(int lines, int letters)
{
    Ink ink;
    for (int l = 0; l < lines; ++l) {
        Ink line = inklens::testing::loopInk(letters, 20, 100 + 60 * float(l));
        for (auto& s : line.strokes) {
            for (auto& p : s.points)
                p.x = p.x * 7 + 12000, p.y = p.y * 7 + 3000;
            ink.strokes.push_back(std::move(s));
        }
    }
    return ink;
}

bool sameInk(const Ink& a, const Ink& b)
{
    if (a.strokes.size() != b.strokes.size())
        return false;
    for (std::size_t i = 0; i < a.strokes.size(); ++i) {
        const auto &p = a.strokes[i].points, &q = b.strokes[i].points;
        if (p.size() != q.size())
            return false;
        for (std::size_t j = 0; j < p.size(); ++j)
            if (p[j].x != q[j].x || p[j].y != q[j].y || p[j].t != q[j].t
                || p[j].pressure != q[j].pressure)
                return false;
    }
    return true;
}
}  // namespace

// Placing in two steps (measured on a worker, placed on the GUI thread) gives exactly what
// placing at once did, for a paragraph (its lines' median x-height, the first line on the
// guides) and for a single line; the canvas' two setInk do the same.
void TestInkCanvas::measuredPlacementEqualsPlaceInk()
{
    for (const int lines : {1, 3}) {
        const Ink ink = paragraphInk(lines, 5);
        const QRectF area(10, 6, 880, 248);
        const Ink atOnce = inklens::ui::placeInk(ink, area, 40, 150);
        const inklens::ui::InkMeasures measures = inklens::ui::measureInk(ink);
        QVERIFY(std::abs(measures.xHeight - 140) < 15);  // a line's x-height: 20 units * 7
        const Ink twoSteps = inklens::ui::placeInk(ink, measures, {area, 40, 150});
        QVERIFY(sameInk(atOnce, twoSteps));
        QVERIFY(!sameInk(ink, twoSteps));
        const auto core = inklens::imaging::inkXHeight(
            inklens::ui::placeInk(paragraphInk(1, 5), measures, {area, 40, 150}));
        QVERIFY2(std::abs(core.height() - 40) < 1, qPrintable(QString::number(core.height())));

        InkCanvas a, b;
        a.resize(900, 260);
        b.resize(900, 260);
        a.setInk(ink, true, QStringLiteral("Open"));
        b.setInk(ink, measures, QStringLiteral("Open"));
        QVERIFY(sameInk(a.ink(), b.ink()));
        QVERIFY(sameInk(b.ink(), inklens::ui::placeInk(ink, b.placement().area, b.xHeight(),
                                                       b.baselineY() - 0.5 * b.xHeight())));
        QCOMPARE(b.undoStack()->undoText(), QStringLiteral("Open"));
        b.undoStack()->undo();
        QVERIFY(b.isEmpty());
    }
}

// Ink of backgroundDrawPoints() points or more is drawn on a worker: the first paint shows
// the guides only, the next (once drawn) the same picture as a canvas that drew it at once;
// undone and redone, likewise.
void TestInkCanvas::largeInkDrawnOnAWorker()
{
    const Ink ink = paragraphInk(3, 12);  // 36 strokes of 25 points
    InkCanvas worker, atOnce, empty;
    for (InkCanvas* c : {&worker, &atOnce, &empty})
        c->resize(900, 260);
    worker.setBackgroundDrawPoints(100);
    atOnce.setBackgroundDrawPoints(1'000'000);
    empty.setInk(Ink{}, false, QStringLiteral("Open"));
    const QImage blank = empty.grab().toImage();

    worker.setInk(ink, true, QStringLiteral("Open"));
    atOnce.setInk(ink, true, QStringLiteral("Open"));
    const QImage reference = atOnce.grab().toImage();
    QVERIFY(!atOnce.drawingInBackground());
    QVERIFY(reference != blank);
    QVERIFY(!worker.drawingInBackground());  // not before a paint asks for it
    const QImage first = worker.grab().toImage();
    QVERIFY(worker.drawingInBackground());  // its result comes through the event loop
    QCOMPARE(first.size(), reference.size());
    QVERIFY(first != reference && first != blank);  // the guides, no hint, no ink yet
    QTRY_VERIFY(!worker.drawingInBackground());
    QVERIFY(worker.grab().toImage() == reference);

    // Undone: the old (empty) ink is small, drawn at once; redone: on the worker again.
    worker.undoStack()->undo();
    atOnce.undoStack()->undo();
    QVERIFY(worker.grab().toImage() == atOnce.grab().toImage());
    worker.undoStack()->redo();
    atOnce.undoStack()->redo();
    worker.grab();
    QVERIFY(worker.drawingInBackground());
    // A wider pen while it is drawn: that drawing is given up, the newest one shows.
    worker.setPenWidth(5);
    atOnce.setPenWidth(5);
    worker.grab();
    QTRY_VERIFY(!worker.drawingInBackground());
    QVERIFY(worker.grab().toImage() == atOnce.grab().toImage());
    QVERIFY(atOnce.grab().toImage() != reference);
}

// A stroke written over large ink is drawn onto the ink layer alone, and the picture is the
// one the whole ink drawn again gives; so is a stroke written while the layer is drawn.
void TestInkCanvas::newStrokeDrawnAloneOverLargeInk()
{
    const Ink ink = paragraphInk(3, 12);
    InkCanvas canvas, fresh;
    for (InkCanvas* c : {&canvas, &fresh}) {
        c->resize(900, 260);
        c->setBackgroundDrawPoints(100);
        c->show();
        QVERIFY(QTest::qWaitForWindowExposed(c));
    }
    canvas.setInk(ink, true, QStringLiteral("Open"));
    canvas.grab();
    QVERIFY(canvas.drawingInBackground());
    // Written while it is drawn (events sent directly: the drawing cannot arrive meanwhile),
    // shown at once over the guides.
    const QList<QPoint> written = line({100, 200}, {400, 230});
    for (qsizetype i = 0; i < written.size(); ++i) {
        const QEvent::Type type = i == 0                   ? QEvent::MouseButtonPress
                                  : i + 1 < written.size() ? QEvent::MouseMove
                                                           : QEvent::MouseButtonRelease;
        QMouseEvent event(type, written[i], canvas.mapToGlobal(QPointF(written[i])),
                          type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                          type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton,
                          Qt::NoModifier);
        QCoreApplication::sendEvent(&canvas, &event);
    }
    QVERIFY(canvas.drawingInBackground());
    QCOMPARE(canvas.ink().strokes.size(), ink.strokes.size() + 1);
    QVERIFY(inkThickness(canvas.grab().toImage(), 250) > 0);
    QTRY_VERIFY(!canvas.drawingInBackground());
    mouseStroke(&canvas, line({500, 40}, {700, 60}));  // onto the layer alone
    QVERIFY(!canvas.drawingInBackground());
    QCOMPARE(canvas.ink().strokes.size(), ink.strokes.size() + 2);

    fresh.setInk(canvas.ink(), false, QStringLiteral("Open"));  // the whole ink, as one
    fresh.grab();
    QTRY_VERIFY(!fresh.drawingInBackground());
    QVERIFY(canvas.grab().toImage() == fresh.grab().toImage());
    QVERIFY(inkThickness(canvas.grab().toImage(), 600) > 0);
}

void TestInkCanvas::settersClamp()
{
    InkCanvas canvas;
    canvas.setPenWidth(100);
    QCOMPARE(canvas.penWidth(), 40.0);
    canvas.setPenWidth(0);
    QCOMPARE(canvas.penWidth(), 0.5);
    canvas.setGuideLinesVisible(false);
    QVERIFY(!canvas.guideLinesVisible());
    QVERIFY(canvas.sizeHint().width()
            >= 3 * canvas.sizeHint().height());  // room for a line of words
}

void TestInkCanvas::alternativeShares()
{
    const std::vector<inklens::model::Alternative> nbest = {
        {"hello", -1.0f}, {"hallo", -2.0f}, {"hells", -4.0f}};
    const std::vector<double> shares = inklens::ui::alternativeShares(nbest);
    QCOMPARE(shares.size(), std::size_t(3));
    QVERIFY(std::abs(shares[0] + shares[1] + shares[2] - 1.0) < 1e-12);
    QVERIFY(std::abs(shares[0] / shares[1] - std::exp(1.0)) < 1e-9);
    QVERIFY(inklens::ui::alternativeShares({}).empty());
}

void TestInkCanvas::textPanelMarksDoubtfulCharacters()
{
    TextPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto rec = std::make_shared<const inklens::model::Recognition>(
        recognition({{"w", 0.97f}, {"o", 0.31f}, {"r", 0.88f}, {"d", 0.45f}},
                    {{"word", -0.5f}, {"ward", -1.5f}}));
    QSignalSpy textChanged(&panel, &TextPanel::textChanged);
    panel.setRecognition(rec);
    QCOMPARE(panel.text(), QStringLiteral("word"));
    QCOMPARE(textChanged.last().at(0).toString(), QStringLiteral("word"));
    const std::vector<bool> mask = inklens::ui::lowConfidenceMask(*rec, 0.5f);
    QCOMPARE(mask, (std::vector<bool>{false, true, false, true}));

    // Read the marks back from the document: a wavy underline on o and d.
    auto* browser = panel.findChild<QTextBrowser*>(QStringLiteral("recognizedText"));
    QVERIFY(browser);
    QCOMPARE(browser->toPlainText(), QStringLiteral("word"));
    QString marks;
    for (QTextBlock::iterator it = browser->document()->begin().begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        const bool wavy = fragment.charFormat().underlineStyle() == QTextCharFormat::WaveUnderline;
        marks += wavy ? fragment.text().toUpper() : fragment.text();
    }
    QCOMPARE(marks, QStringLiteral("wOrD"));

    panel.setConfidenceThreshold(0.4f);  // now only o is doubtful
    marks.clear();
    for (QTextBlock::iterator it = browser->document()->begin().begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        const bool wavy = fragment.charFormat().underlineStyle() == QTextCharFormat::WaveUnderline;
        marks += wavy ? fragment.text().toUpper() : fragment.text();
    }
    QCOMPARE(marks, QStringLiteral("wOrd"));

    // Hovering a character names it (for the inspection views).
    QSignalSpy hovered(&panel, &TextPanel::characterHovered);
    QTextCursor cursor(browser->document());
    cursor.setPosition(2);
    const QPoint onR = browser->cursorRect(cursor).center() + QPoint(3, 0);
    QMouseEvent move(QEvent::MouseMove, onR, browser->viewport()->mapToGlobal(onR), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(browser->viewport(), &move);
    QCOMPARE(hovered.size(), 1);
    QCOMPARE(hovered.last().at(0).toInt(), 2);
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(browser->viewport(), &leave);
    QCOMPARE(hovered.last().at(0).toInt(), -1);
    // A character's tool tip is its confidence (o: 31 %).
    cursor.setPosition(1);
    const QPoint onO = browser->cursorRect(cursor).center() + QPoint(3, 0);
    QHelpEvent help(QEvent::ToolTip, onO, browser->viewport()->mapToGlobal(onO));
    QCoreApplication::sendEvent(browser->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("confidence 31 %"));
    QToolTip::hideText();

    panel.setRecognition(nullptr);
    QCOMPARE(panel.text(), QString());
    panel.setMessage(QStringLiteral("No model"));
    QCOMPARE(browser->toPlainText(), QStringLiteral("No model"));
}

void TestInkCanvas::textPanelAlternativesReplaceText()
{
    TextPanel panel;
    panel.resize(700, 200);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecognition(std::make_shared<const inklens::model::Recognition>(
        recognition({{"c", 0.9f}, {"l", 0.4f}, {"o", 0.9f}, {"g", 0.9f}},
                    {{"clog", -0.7f}, {"dog", -1.2f}, {"cog", -3.f}})));
    auto* list = panel.findChild<QTreeWidget*>(QStringLiteral("alternatives"));
    QVERIFY(list);
    QCOMPARE(list->topLevelItemCount(), 3);
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("dog"));
    QVERIFY(list->topLevelItem(0)->text(1).endsWith(QLatin1Char('%')));

    // A click on "dog" replaces the text; Copy takes the shown text.
    QSignalSpy textChanged(&panel, &TextPanel::textChanged);
    const QRect rect = list->visualItemRect(list->topLevelItem(1));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(panel.chosenAlternative(), 1);
    QCOMPARE(panel.text(), QStringLiteral("dog"));
    QCOMPARE(textChanged.last().at(0).toString(), QStringLiteral("dog"));
    panel.copyText();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("dog"));

    panel.chooseAlternative(0);
    QCOMPARE(panel.text(), QStringLiteral("clog"));
    panel.chooseAlternative(7);  // out of range: ignored
    QCOMPARE(panel.text(), QStringLiteral("clog"));
}

namespace {
// The document's text with the doubtful (wavy) characters in upper case.
QString marked(const QTextDocument* document)
{
    QStringList lines;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        QString line;
        for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const bool wavy = fragment.charFormat().underlineStyle()
                              == QTextCharFormat::WaveUnderline;
            line += wavy ? fragment.text().toUpper() : fragment.text();
        }
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

// A line of lower-case text, the characters at the given positions doubtful.
std::shared_ptr<const inklens::model::Recognition> lineOf(const std::string& text,
                                                          std::vector<int> doubtful = {})
{
    std::vector<std::pair<const char*, float>> chars;
    std::vector<std::string> held;  // the characters' texts, while recognition() copies them
    held.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        held.push_back(std::string(1, text[i]));
        const bool low = std::find(doubtful.begin(), doubtful.end(), int(i)) != doubtful.end();
        chars.emplace_back(held.back().c_str(), low ? 0.2f : 0.9f);
    }
    return std::make_shared<const inklens::model::Recognition>(recognition(chars, {}));
}
}  // namespace

// A page's text is shown again after each line read: only the lines that changed are
// replaced in the document (the others are not laid out again), with the same text and
// marks as a panel showing it from scratch; shown again unchanged, the document is not
// touched; a text of another number of lines is replaced whole.
void TestInkCanvas::textPanelShowsAgainOnlyTheLinesThatChanged()
{
    using inklens::service::joinLineRecognitions;
    TextPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* browser = panel.findChild<QTextBrowser*>(QStringLiteral("recognizedText"));
    QVERIFY(browser);
    std::vector<std::shared_ptr<const inklens::model::Recognition>> lines = {
        lineOf("first line", {1, 2}), lineOf("..."), lineOf("third line", {9})};
    panel.setRecognition(joinLineRecognitions(lines));
    QCOMPARE(marked(browser->document()), QStringLiteral("fIRst line\n...\nthird linE"));

    QList<QList<int>> changes;  // position, removed, added
    connect(browser->document(), &QTextDocument::contentsChange, browser,
            [&](int position, int removed, int added) {
        changes.append({position, removed, added});
    });
    lines[1] = lineOf("second", {0});
    panel.setRecognition(joinLineRecognitions(lines));
    QCOMPARE(marked(browser->document()), QStringLiteral("fIRst line\nSecond\nthird linE"));
    QVERIFY(!changes.isEmpty());
    const int start = 11;  // "first line\n"
    for (const QList<int>& change : changes)
        QVERIFY2(change[0] >= start && change[0] + std::max(change[1], change[2]) <= start + 6,
                 qPrintable(QStringLiteral("a change at %1, %2 removed, %3 added")
                                .arg(change[0])
                                .arg(change[1])
                                .arg(change[2])));
    TextPanel fresh;
    fresh.setRecognition(joinLineRecognitions(lines));
    QCOMPARE(marked(fresh.findChild<QTextBrowser*>()->document()), marked(browser->document()));

    changes.clear();
    panel.setRecognition(joinLineRecognitions(lines));
    QCOMPARE(changes.size(), 0);

    // Hovering still finds the characters of the replaced line (document positions).
    QSignalSpy hovered(&panel, &TextPanel::characterHovered);
    QTextCursor cursor(browser->document());
    cursor.setPosition(start + 2);
    const QPoint onC = browser->cursorRect(cursor).center() + QPoint(3, 0);
    QMouseEvent move(QEvent::MouseMove, onC, browser->viewport()->mapToGlobal(onC), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(browser->viewport(), &move);
    QCOMPARE(hovered.size(), 1);
    QCOMPARE(hovered.last().at(0).toInt(), start + 2);

    lines.push_back(lineOf("a fourth", {}));
    panel.setRecognition(joinLineRecognitions(lines));
    QCOMPARE(marked(browser->document()),
             QStringLiteral("fIRst line\nSecond\nthird linE\na fourth"));
    lines.erase(lines.begin());
    panel.setRecognition(joinLineRecognitions(lines));
    QCOMPARE(marked(browser->document()), QStringLiteral("Second\nthird linE\na fourth"));
    QCOMPARE(panel.text(), QStringLiteral("second\nthird line\na fourth"));
    panel.setMessage(QStringLiteral("No model"));
    QCOMPARE(browser->toPlainText(), QStringLiteral("No model"));
}

QTEST_MAIN(TestInkCanvas)
#include "test_inkcanvas.moc"
