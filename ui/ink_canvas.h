#pragma once
// The ink canvas: write with a mouse or a pen tablet. Strokes keep x, y (widget pixels),
// time and pressure (imaging::Ink, the rasterizer's input); the canvas only draws them
// and reports what the user did. Recognition happens elsewhere (RecognitionService).
//
//   left button / pen tip     draws; tablet pressure sets the width
//   right button / eraser end erases the strokes it touches
//   every change is one undo step on undoStack(): a stroke, an erase gesture, clear, load

#include "imaging/ink.h"

#include <QFont>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QPainter;
class QUndoStack;
template<typename T>
class QFutureWatcher;

namespace inklens::ui {

// Pure helpers, free functions for tests.

// Drawn width of a stroke segment: baseWidth at pressure 0.5, baseWidth * (0.5 + p) in
// general (the rasterizer's rule with pressureGain 1), p clamped to [0, 1]; at least 0.5.
qreal penWidthForPressure(qreal baseWidth, qreal pressure);

// Smoothing applied when the pen lifts: `passes` times a (1 2 1)/4 filter on x, y and
// pressure; the end points stay where they are, times are untouched. Removes the stair
// steps of integer mouse positions without moving the stroke.
imaging::Stroke smoothStroke(const imaging::Stroke& stroke, int passes = 2);

// Whether the stroke passes within `radius` of `centre` (segments, not only points).
bool strokeHit(const imaging::Stroke& stroke, QPointF centre, qreal radius);

// Ink from another source (an InkML file in any units) scaled and moved so that its
// x-height band (imaging::inkXHeight) spans xHeight with its middle at midY, starting at area.left();
// shrunk further when it would not fit into area. Times and pressures are kept.
// placeInk(ink, measureInk(ink), {area, xHeight, midY}).
imaging::Ink placeInk(const imaging::Ink& ink, const QRectF& area, qreal xHeight, qreal midY);

// What placeInk measures of the ink, whatever the canvas: its x-height (of several lines,
// the lines' median) and the x-height band (top, bottom) of its first line, in the ink's
// units. O(points) and more (imaging::splitInkLines, each line's inkXHeight): large ink is
// measured on a worker (DocumentArea measures opened files on the page worker).
struct InkMeasures
{
    qreal xHeight = 0;
    qreal coreTop = 0, coreBottom = 0;
};
InkMeasures measureInk(const imaging::Ink& ink);

// Where placeInk puts ink on a canvas (InkCanvas::placement()).
struct InkPlacement
{
    QRectF area;
    qreal xHeight = 0;
    qreal midY = 0;
};
// The ink scaled and moved by its measures: one pass over the points (cheap on the GUI
// thread). Equal to placeInk(ink, area, xHeight, midY) for measures == measureInk(ink).
imaging::Ink placeInk(const imaging::Ink& ink, const InkMeasures& measures,
                      const InkPlacement& placement);

// Draws one finished stroke as the canvas does (quadratic pieces through the midpoints,
// each piece's width penWidthForPressure(penWidth, its pressure), round caps). Thread-safe
// onto a QImage: the canvas draws large ink on a worker with it.
void drawStroke(QPainter& painter, const imaging::Stroke& stroke, qreal penWidth,
                const QColor& color);

// Text laid out to fit: `font` shrunk in steps of 10 % (down to minPointSize) until `text`,
// word-wrapped to width, is at most maxHeight high. rect: the wrapped text's bounding box
// (origin 0, 0; at most width wide unless a single word is wider at minPointSize).
struct TextFit
{
    QFont font;
    QRectF rect;
};
TextFit fitText(const QString& text, QFont font, qreal width, qreal maxHeight,
                qreal minPointSize = 7.0);

class InkCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit InkCanvas(QWidget* parent = nullptr);
    ~InkCanvas() override;

    const imaging::Ink& ink() const { return m_ink; }
    bool isEmpty() const { return m_ink.strokes.empty(); }
    bool isDrawing() const { return m_mode != Mode::Idle; }

    // Replaces the ink (one undo step named `actionText`). fitToGuides: scale and move it
    // onto the guide lines first (placeInk with placement()), for ink written elsewhere;
    // large ink is better measured on a worker beforehand (the overload below).
    void setInk(const imaging::Ink& ink, bool fitToGuides, const QString& actionText);
    // The same, fitted to the guides with measures taken beforehand (measureInk, on a
    // worker): nothing on the GUI thread grows faster than the points.
    void setInk(const imaging::Ink& ink, const InkMeasures& measures, const QString& actionText);
    // Where fitToGuides puts ink on the canvas as it is now (its size and guides).
    InkPlacement placement() const;
    // Removes every stroke (one undo step). Nothing happens when the canvas is empty.
    void clear();
    QUndoStack* undoStack() const { return m_undoStack; }

    // The boxes of the lines a reading found (RecognitionResult::lines, in the ink's units:
    // widget pixels), drawn faint with their numbers (1 at the top) behind the ink. Forgotten
    // when the ink changes. Empty: none (the ink was read as one line).
    void setLineBoxes(std::vector<QRectF> boxes);
    const std::vector<QRectF>& lineBoxes() const { return m_lineBoxes; }

    qreal penWidth() const { return m_penWidth; }
    void setPenWidth(qreal width);  // widget pixels at pressure 0.5, clamped to [0.5, 40]
    bool guideLinesVisible() const { return m_guides; }
    void setGuideLinesVisible(bool visible);

    // Guide x-heights a canvas is wide, at least: a line of five words written at the
    // guides' size fits with a fifth of the width to spare (26 to 40 x-heights in the
    // Hershey fonts, print to cursive).
    static constexpr qreal kLineXHeights = 48;

    // The guides (widget pixels): where a line of lower-case letters sits. xHeight: a fifth
    // of the height, at most width / kLineXHeights, within [16, 90].
    qreal baselineY() const;
    qreal xHeight() const;
    // The hint shown while the canvas is empty ("Write a word or a line here..."), drawn in
    // hintLayout().font, centred and word-wrapped in hintLayout().rect (the canvas' width
    // less margins, the wrapped text's height; a smaller font when it would not fit): all
    // of it shows, above the baseline.
    QString hintText() const;
    TextFit hintLayout() const;
    qreal eraserRadius() const;

    // Drawing: the finished strokes are kept in an image of their own (the ink layer) over
    // the guides; a new stroke is drawn onto it alone, a repaint only copies it. The layer
    // is drawn again whole when strokes are removed or replaced (erase, undo, clear, open)
    // or the pen width, palette or size change: on a worker (QtConcurrent) when the ink has
    // at least backgroundDrawPoints() points, the newest drawing winning; until it arrives
    // the canvas shows the guides (and, after a resize or a pen or palette change, the
    // previous layer). Smaller ink is drawn at once, as before.
    static constexpr qsizetype kBackgroundDrawPoints = 10'000;
    qsizetype backgroundDrawPoints() const { return m_backgroundDrawPoints; }
    void setBackgroundDrawPoints(qsizetype points) { m_backgroundDrawPoints = points; }
    // Whether the ink layer is being drawn on a worker (what is shown lacks some strokes).
    bool drawingInBackground() const { return m_layerPending != 0; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void strokeStarted();   // pen or mouse down (drawing, not erasing)
    void strokeFinished();  // the pen lifted; the stroke is in ink()
    void inkChanged();      // ink() changed: stroke, erase, undo, redo, clear, setInk

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void tabletEvent(QTabletEvent* event) override;

private:
    enum class Mode { Idle, Drawing, Erasing };
    friend class InkCanvasCommand;

    void beginStroke(QPointF pos, qreal pressure);
    void extendStroke(QPointF pos, qreal pressure);
    void endStroke(QPointF pos, qreal pressure);
    void beginErase(QPointF pos);
    void eraseAt(QPointF pos);
    void endErase();
    float timeNow() const;

    void replaceInk(imaging::Ink placed, const QString& actionText);  // one undo step
    // Used by the undo commands: set the strokes and tell everyone.
    void replaceStrokes(std::vector<imaging::Stroke> strokes);
    void insertStrokes(const std::vector<std::pair<int, imaging::Stroke>>& strokes);
    void removeStrokes(const std::vector<int>& indices);

    void invalidateCache();                   // the background: guides, hint, line boxes
    void forgetLineBoxes(bool wasEmpty);      // the strokes changed
    void invalidateInk(bool contentChanged);  // the ink layer, whole
    void renderCache();
    void drawInkLayer();  // at once, or started on a worker
    void onInkLayerDrawn();
    void appendToInkLayer(std::size_t from);  // strokes [from, end) drawn onto the layer
    void paintGuides(QPainter& painter) const;
    void paintLineBoxes(QPainter& painter) const;
    void paintStroke(QPainter& painter, const imaging::Stroke& stroke) const;
    QRectF strokeRect(const imaging::Stroke& stroke) const;
    QRectF segmentRect(const imaging::InkPoint& a, const imaging::InkPoint& b) const;

    imaging::Ink m_ink;
    imaging::Stroke m_current;  // the stroke being drawn
    Mode m_mode = Mode::Idle;
    bool m_eraseMacroOpen = false;
    QUndoStack* m_undoStack;
    qreal m_penWidth = 3.0;
    bool m_guides = true;
    std::vector<QRectF> m_lineBoxes;
    QImage m_cache;  // guides + hint + line boxes, device pixels
    bool m_cacheValid = false;
    // The ink layer: m_ink.strokes[0, m_layerStrokes) drawn on transparent, device pixels.
    QImage m_inkLayer;
    std::size_t m_layerStrokes = 0;
    bool m_layerValid = false;         // it is up to date (appearance and content)
    bool m_layerContentOk = true;      // its strokes are m_ink's first m_layerStrokes (else
                                       // it is not shown)
    quint64 m_layerGeneration = 1;     // bumped by each change that needs it drawn whole
    quint64 m_layerPending = 0;        // the generation being drawn on a worker (0: none)
    std::size_t m_pendingStrokes = 0;  // how many strokes that drawing holds
    std::shared_ptr<std::atomic<quint64>> m_layerWanted;  // workers give up when it moves on
    QFutureWatcher<QImage>* m_layerWatcher;
    qsizetype m_backgroundDrawPoints = kBackgroundDrawPoints;
    qint64 m_clockStartNs = 0;  // time origin of new points
    float m_timeOffset = 0;     // seconds added to new points (after loaded ink)
};

}  // namespace inklens::ui
