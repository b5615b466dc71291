#include "ink_canvas.h"

#include "imaging/ink_lines.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QFutureWatcher>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPaintEvent>
#include <QPointingDevice>
#include <QTabletEvent>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace inklens::ui {

qreal penWidthForPressure(qreal baseWidth, qreal pressure)
{
    return std::max<qreal>(0.5, baseWidth * (0.5 + std::clamp<qreal>(pressure, 0.0, 1.0)));
}

imaging::Stroke smoothStroke(const imaging::Stroke& stroke, int passes)
{
    imaging::Stroke out = stroke;
    const std::size_t n = out.points.size();
    if (n < 3)
        return out;
    std::vector<imaging::InkPoint> previous;
    for (int pass = 0; pass < passes; ++pass) {
        previous = out.points;
        for (std::size_t i = 1; i + 1 < n; ++i) {
            const auto& a = previous[i - 1];
            const auto& b = previous[i];
            const auto& c = previous[i + 1];
            imaging::InkPoint& p = out.points[i];
            p.x = 0.25f * a.x + 0.5f * b.x + 0.25f * c.x;
            p.y = 0.25f * a.y + 0.5f * b.y + 0.25f * c.y;
            p.pressure = 0.25f * a.pressure + 0.5f * b.pressure + 0.25f * c.pressure;
        }
    }
    return out;
}

bool strokeHit(const imaging::Stroke& stroke, QPointF centre, qreal radius)
{
    const qreal r2 = radius * radius;
    const auto& pts = stroke.points;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const QPointF b(pts[i].x, pts[i].y);
        const QPointF d = centre - b;
        if (QPointF::dotProduct(d, d) <= r2)
            return true;
        if (i == 0)
            continue;
        // Distance to the segment a-b: project the centre onto it.
        const QPointF a(pts[i - 1].x, pts[i - 1].y);
        const QPointF ab = b - a;
        const qreal len2 = QPointF::dotProduct(ab, ab);
        if (len2 <= 0)
            continue;
        const qreal u = std::clamp(QPointF::dotProduct(centre - a, ab) / len2, 0.0, 1.0);
        const QPointF e = centre - (a + u * ab);
        if (QPointF::dotProduct(e, e) <= r2)
            return true;
    }
    return false;
}

TextFit fitText(const QString& text, QFont font, qreal width, qreal maxHeight, qreal minPointSize)
{
    const QRectF area(0, 0, width, 1e6);
    for (;;) {
        QRectF rect = QFontMetricsF(font).boundingRect(area, Qt::AlignHCenter | Qt::TextWordWrap,
                                                       text);
        const qreal smaller = font.pointSizeF() * 0.9;
        if (rect.height() <= maxHeight || smaller < minPointSize)
            return {font, QRectF(QPointF(0, 0), rect.size())};
        font.setPointSizeF(smaller);
    }
}

InkMeasures measureInk(const imaging::Ink& ink)
{
    InkMeasures m;
    if (ink.empty())
        return m;
    // Ink with several lines: the lines' own x-height (the median), the first line on the
    // guides (inkXHeight of a whole paragraph spans several lines).
    imaging::Band core = imaging::inkXHeight(ink);
    m.xHeight = core.height();
    if (const auto lines = imaging::splitInkLines(ink); lines.size() > 1) {
        std::vector<float> heights;
        for (const auto& line : lines)
            heights.push_back(imaging::inkXHeight(imaging::lineInk(ink, line)).height());
        std::nth_element(heights.begin(), heights.begin() + std::ptrdiff_t(heights.size() / 2),
                         heights.end());
        m.xHeight = heights[heights.size() / 2];
        core = imaging::inkXHeight(imaging::lineInk(ink, lines.front()));
    }
    m.coreTop = core.top;
    m.coreBottom = core.bottom;
    return m;
}

imaging::Ink placeInk(const imaging::Ink& ink, const QRectF& area, qreal xHeight, qreal midY)
{
    if (ink.empty() || area.isEmpty())
        return ink;
    return placeInk(ink, measureInk(ink), {area, xHeight, midY});
}

imaging::Ink placeInk(const imaging::Ink& ink, const InkMeasures& measures,
                      const InkPlacement& placement)
{
    const QRectF& area = placement.area;
    if (ink.empty() || area.isEmpty())
        return ink;
    const qreal xHeight = placement.xHeight, midY = placement.midY;
    const qreal inkXHeight = measures.xHeight;
    const cv::Rect2f box = ink.bounds();
    qreal scale = xHeight / std::max<qreal>(inkXHeight, 1e-6);
    if (box.width * scale > area.width())
        scale = area.width() / std::max<qreal>(box.width, 1e-6);
    if (box.height * scale > area.height())
        scale = area.height() / std::max<qreal>(box.height, 1e-6);
    qreal dy = midY - scale * 0.5 * (qreal(measures.coreTop) + qreal(measures.coreBottom));
    const qreal top = box.y * scale + dy, bottom = (box.y + box.height) * scale + dy;
    if (top < area.top())
        dy += area.top() - top;
    else if (bottom > area.bottom())
        dy -= bottom - area.bottom();
    const qreal dx = area.left() - box.x * scale;
    imaging::Ink out = ink;
    for (auto& stroke : out.strokes)
        for (auto& p : stroke.points) {
            p.x = float(p.x * scale + dx);
            p.y = float(p.y * scale + dy);
        }
    return out;
}

void drawStroke(QPainter& painter, const imaging::Stroke& stroke, qreal penWidth,
                const QColor& color)
{
    const auto& pts = stroke.points;
    if (pts.empty())
        return;
    auto at = [&](std::size_t i) { return QPointF(pts[i].x, pts[i].y); };
    auto mid = [&](std::size_t i) { return 0.5 * (at(i) + at(i + 1)); };
    if (pts.size() == 1) {
        const qreal d = penWidthForPressure(penWidth, pts[0].pressure);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(at(0), d / 2, d / 2);
        painter.setBrush(Qt::NoBrush);
        return;
    }
    QPen pen(color, penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    const bool constant = std::all_of(pts.begin(), pts.end(), [&](const imaging::InkPoint& p) {
        return p.pressure == pts[0].pressure;
    });
    if (constant) {  // one path, one pen: quadratic pieces through the midpoints
        QPainterPath path(at(0));
        for (std::size_t i = 1; i + 1 < pts.size(); ++i)
            path.quadTo(at(i), mid(i));
        path.lineTo(at(pts.size() - 1));
        pen.setWidthF(penWidthForPressure(penWidth, pts[0].pressure));
        painter.setPen(pen);
        painter.drawPath(path);
        return;
    }
    // Varying pressure: the same pieces, each with the width at its control point.
    const std::size_t n = pts.size();
    if (n == 2) {
        pen.setWidthF(penWidthForPressure(penWidth, 0.5 * (pts[0].pressure + pts[1].pressure)));
        painter.setPen(pen);
        painter.drawLine(at(0), at(1));
        return;
    }
    for (std::size_t i = 1; i + 1 < n; ++i) {
        QPainterPath piece(i == 1 ? at(0) : mid(i - 1));
        piece.quadTo(at(i), mid(i));
        pen.setWidthF(penWidthForPressure(penWidth, pts[i].pressure));
        painter.setPen(pen);
        painter.drawPath(piece);
    }
    pen.setWidthF(penWidthForPressure(penWidth, pts[n - 1].pressure));
    painter.setPen(pen);
    painter.drawLine(mid(n - 2), at(n - 1));
}

// The canvas' undo steps: a stroke added, strokes removed, all strokes replaced.
class InkCanvasCommand : public QUndoCommand
{
public:
    static InkCanvasCommand* add(InkCanvas* canvas, imaging::Stroke stroke, const QString& text)
    {
        auto* c = new InkCanvasCommand(canvas, Kind::Add, text);
        c->m_strokes.emplace_back(int(canvas->m_ink.strokes.size()), std::move(stroke));
        return c;
    }
    static InkCanvasCommand* remove(InkCanvas* canvas, int index, const QString& text)
    {
        auto* c = new InkCanvasCommand(canvas, Kind::Remove, text);
        c->m_strokes.emplace_back(index, canvas->m_ink.strokes[std::size_t(index)]);
        return c;
    }
    static InkCanvasCommand* replace(InkCanvas* canvas, std::vector<imaging::Stroke> after,
                                     const QString& text)
    {
        auto* c = new InkCanvasCommand(canvas, Kind::Replace, text);
        c->m_before = canvas->m_ink.strokes;
        c->m_after = std::move(after);
        return c;
    }

    void redo() override
    {
        switch (m_kind) {
        case Kind::Add:
            m_canvas->insertStrokes(m_strokes);
            break;
        case Kind::Remove:
            m_canvas->removeStrokes(indices());
            break;
        case Kind::Replace:
            m_canvas->replaceStrokes(m_after);
            break;
        }
    }
    void undo() override
    {
        switch (m_kind) {
        case Kind::Add:
            m_canvas->removeStrokes(indices());
            break;
        case Kind::Remove:
            m_canvas->insertStrokes(m_strokes);
            break;
        case Kind::Replace:
            m_canvas->replaceStrokes(m_before);
            break;
        }
    }

private:
    enum class Kind { Add, Remove, Replace };
    InkCanvasCommand(InkCanvas* canvas, Kind kind, const QString& text)
        : QUndoCommand(text), m_canvas(canvas), m_kind(kind)
    { }
    std::vector<int> indices() const
    {
        std::vector<int> out;
        for (const auto& s : m_strokes)
            out.push_back(s.first);
        return out;
    }

    InkCanvas* m_canvas;
    Kind m_kind;
    std::vector<std::pair<int, imaging::Stroke>> m_strokes;  // (index, stroke), ascending
    std::vector<imaging::Stroke> m_before, m_after;
};

namespace {
// The ink layer of `strokes`, drawn on a worker: transparent, `pixels` device pixels.
// Null when a newer drawing was asked meanwhile (*wanted moved on from generation).
QImage drawInkLayerImage(const std::vector<imaging::Stroke>& strokes, QSize pixels, qreal dpr,
                         qreal penWidth, QColor color,
                         const std::shared_ptr<std::atomic<quint64>>& wanted, quint64 generation)
{
    QImage layer(pixels, QImage::Format_ARGB32_Premultiplied);
    layer.setDevicePixelRatio(dpr);
    layer.fill(Qt::transparent);
    QPainter painter(&layer);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const auto& stroke : strokes) {
        if (wanted->load(std::memory_order_relaxed) != generation)
            return {};
        drawStroke(painter, stroke, penWidth, color);
    }
    return layer;
}

std::size_t pointCount(const std::vector<imaging::Stroke>& strokes)
{
    std::size_t n = 0;
    for (const auto& s : strokes)
        n += s.points.size();
    return n;
}

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
constexpr qreal kMinStep = 0.5;  // widget pixels between kept points
}  // namespace

InkCanvas::InkCanvas(QWidget* parent)
    : QWidget(parent),
      m_undoStack(new QUndoStack(this)),
      m_layerWanted(std::make_shared<std::atomic<quint64>>(m_layerGeneration)),
      m_layerWatcher(new QFutureWatcher<QImage>(this))
{
    connect(m_layerWatcher, &QFutureWatcher<QImage>::finished, this, &InkCanvas::onInkLayerDrawn);
    setObjectName(QStringLiteral("inkCanvas"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_StaticContents);
    setCursor(Qt::CrossCursor);
    setFocusPolicy(Qt::StrongFocus);
    m_clockStartNs = steadyNs();
}

InkCanvas::~InkCanvas()
{
    *m_layerWanted = ~quint64(0);  // a drawing under way gives up (it holds its own copies)
}

QSize InkCanvas::sizeHint() const
{
    return {960, 260};
}
QSize InkCanvas::minimumSizeHint() const
{
    return {320, 140};
}

qreal InkCanvas::baselineY() const
{
    return std::round(height() * 0.66) + 0.5;
}
qreal InkCanvas::xHeight() const
{
    return std::round(std::clamp(std::min(height() * 0.2, width() / kLineXHeights), 16.0, 90.0));
}

QString InkCanvas::hintText() const
{
    return tr("Write a word or a line here. Right button or the pen's eraser erases.");
}

TextFit InkCanvas::hintLayout() const
{
    // Centred between the guides, where the letters go, as wide as the canvas less
    // margins; never above the top or below the baseline.
    constexpr qreal margin = 8;
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    const qreal base = baselineY();
    const qreal width = std::max<qreal>(1, this->width() - 2 * margin);
    TextFit fit = fitText(hintText(), font, width, std::max<qreal>(1, base - 2 * margin));
    const qreal height = fit.rect.height();
    const qreal top = std::max(margin, base - xHeight() / 2 - height / 2);
    fit.rect = QRectF(margin, std::min(top, base - margin / 2 - height), width, height);
    return fit;
}

qreal InkCanvas::eraserRadius() const
{
    return std::max<qreal>(8.0, 3.0 * m_penWidth);
}

void InkCanvas::setPenWidth(qreal width)
{
    width = std::clamp<qreal>(width, 0.5, 40.0);
    if (width == m_penWidth)
        return;
    m_penWidth = width;
    invalidateCache();  // the line boxes' padding
    invalidateInk(false);
}

void InkCanvas::setGuideLinesVisible(bool visible)
{
    if (visible == m_guides)
        return;
    m_guides = visible;
    invalidateCache();
}

float InkCanvas::timeNow() const
{
    return m_timeOffset + float(double(steadyNs() - m_clockStartNs) / 1e9);
}

InkPlacement InkCanvas::placement() const
{
    const qreal margin = 0.5 * xHeight();
    return {QRectF(margin, 6, std::max<qreal>(1, width() - 2 * margin),
                   std::max<qreal>(1, height() - 12)),
            xHeight(), baselineY() - 0.5 * xHeight()};
}

void InkCanvas::setInk(const imaging::Ink& ink, bool fitToGuides, const QString& actionText)
{
    if (fitToGuides && !ink.empty())
        return setInk(ink, measureInk(ink), actionText);
    replaceInk(ink, actionText);
}

void InkCanvas::setInk(const imaging::Ink& ink, const InkMeasures& measures,
                       const QString& actionText)
{
    replaceInk(ink.empty() ? ink : placeInk(ink, measures, placement()), actionText);
}

void InkCanvas::replaceInk(imaging::Ink placed, const QString& actionText)
{
    // New strokes continue the loaded ink's clock.
    float lastT = 0;
    for (const auto& s : placed.strokes)
        for (const auto& p : s.points)
            lastT = std::max(lastT, p.t);
    m_timeOffset = placed.empty() ? 0.f : lastT + 1.f;
    m_clockStartNs = steadyNs();
    m_undoStack->push(InkCanvasCommand::replace(this, std::move(placed.strokes), actionText));
}

void InkCanvas::clear()
{
    if (m_ink.strokes.empty())
        return;
    m_undoStack->push(InkCanvasCommand::replace(this, {}, tr("Clear")));
}

void InkCanvas::forgetLineBoxes(bool wasEmpty)
{
    // The boxes were the old ink's; the hint shows on an empty canvas only.
    if (m_lineBoxes.empty() && wasEmpty == m_ink.strokes.empty())
        return;
    m_lineBoxes.clear();
    invalidateCache();
}

void InkCanvas::replaceStrokes(std::vector<imaging::Stroke> strokes)
{
    const bool wasEmpty = m_ink.strokes.empty();
    m_ink.strokes = std::move(strokes);
    forgetLineBoxes(wasEmpty);
    invalidateInk(true);
    emit inkChanged();
}

void InkCanvas::insertStrokes(const std::vector<std::pair<int, imaging::Stroke>>& strokes)
{
    const std::size_t before = m_ink.strokes.size();
    bool appended = true;  // only at the end: drawn onto the ink layer alone
    for (const auto& [index, stroke] : strokes) {
        const auto at = std::min<std::size_t>(std::size_t(std::max(index, 0)),
                                              m_ink.strokes.size());
        appended = appended && at == m_ink.strokes.size();
        m_ink.strokes.insert(m_ink.strokes.begin() + std::ptrdiff_t(at), stroke);
    }
    forgetLineBoxes(before == 0);
    if (!appended)
        invalidateInk(true);
    else
        appendToInkLayer(before);
    emit inkChanged();
}

void InkCanvas::removeStrokes(const std::vector<int>& indices)
{
    const bool wasEmpty = m_ink.strokes.empty();
    std::vector<int> sorted = indices;
    std::sort(sorted.rbegin(), sorted.rend());
    for (int index : sorted)
        if (index >= 0 && std::size_t(index) < m_ink.strokes.size())
            m_ink.strokes.erase(m_ink.strokes.begin() + index);
    forgetLineBoxes(wasEmpty);
    invalidateInk(true);
    emit inkChanged();
}

void InkCanvas::beginStroke(QPointF pos, qreal pressure)
{
    if (m_ink.strokes.empty()) {  // a fresh page: time starts again, the hint goes
        m_timeOffset = 0;
        m_clockStartNs = steadyNs();
        m_cacheValid = false;
    }
    const float t = m_ink.strokes.empty() ? 0.f : timeNow();
    m_mode = Mode::Drawing;
    m_current.points.clear();
    if (!m_cacheValid)
        update();
    m_current.points.push_back({float(pos.x()), float(pos.y()), t, float(pressure)});
    emit strokeStarted();
    const qreal r = penWidthForPressure(m_penWidth, 1.0) + 2;
    update(QRectF(pos.x() - r, pos.y() - r, 2 * r, 2 * r).toAlignedRect());
}

void InkCanvas::extendStroke(QPointF pos, qreal pressure)
{
    const imaging::InkPoint& last = m_current.points.back();
    if (std::hypot(pos.x() - last.x, pos.y() - last.y) < kMinStep)
        return;
    m_current.points.push_back({float(pos.x()), float(pos.y()), timeNow(), float(pressure)});
    // The smoothed path changes around the last three points.
    const std::size_t n = m_current.points.size();
    QRectF dirty = segmentRect(m_current.points[n - 2], m_current.points[n - 1]);
    if (n >= 3)
        dirty |= segmentRect(m_current.points[n - 3], m_current.points[n - 2]);
    update(dirty.toAlignedRect());
}

void InkCanvas::endStroke(QPointF pos, qreal pressure)
{
    extendStroke(pos, pressure);
    m_mode = Mode::Idle;
    imaging::Stroke stroke = smoothStroke(m_current);
    update(strokeRect(m_current).toAlignedRect());  // where it was drawn unsmoothed
    m_current.points.clear();
    m_undoStack->push(InkCanvasCommand::add(this, std::move(stroke), tr("Stroke")));
    emit strokeFinished();
}

void InkCanvas::beginErase(QPointF pos)
{
    m_mode = Mode::Erasing;
    m_eraseMacroOpen = false;
    eraseAt(pos);
}

void InkCanvas::eraseAt(QPointF pos)
{
    const qreal radius = eraserRadius();
    for (int i = int(m_ink.strokes.size()) - 1; i >= 0; --i) {
        if (!strokeHit(m_ink.strokes[std::size_t(i)], pos, radius))
            continue;
        if (!m_eraseMacroOpen) {  // one undo step per gesture, and none when nothing was hit
            m_undoStack->beginMacro(tr("Erase"));
            m_eraseMacroOpen = true;
        }
        m_undoStack->push(InkCanvasCommand::remove(this, i, tr("Erase")));
    }
}

void InkCanvas::endErase()
{
    m_mode = Mode::Idle;
    if (m_eraseMacroOpen)
        m_undoStack->endMacro();
    m_eraseMacroOpen = false;
    if (m_ink.strokes.empty())
        invalidateCache();  // the hint comes back
}

void InkCanvas::mousePressEvent(QMouseEvent* event)
{
    if (m_mode != Mode::Idle)
        return;
    if (event->button() == Qt::LeftButton)
        beginStroke(event->position(), 0.5);
    else if (event->button() == Qt::RightButton)
        beginErase(event->position());
    else
        return QWidget::mousePressEvent(event);
    event->accept();
}

void InkCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (m_mode == Mode::Drawing)
        extendStroke(event->position(), 0.5);
    else if (m_mode == Mode::Erasing)
        eraseAt(event->position());
    else
        return QWidget::mouseMoveEvent(event);
    event->accept();
}

void InkCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_mode == Mode::Drawing && event->button() == Qt::LeftButton)
        endStroke(event->position(), 0.5);
    else if (m_mode == Mode::Erasing && event->button() == Qt::RightButton)
        endErase();
    else
        return QWidget::mouseReleaseEvent(event);
    event->accept();
}

void InkCanvas::tabletEvent(QTabletEvent* event)
{
    const bool eraser = event->pointerType() == QPointingDevice::PointerType::Eraser;
    const QPointF pos = event->position();
    const qreal pressure = event->pressure();
    switch (event->type()) {
    case QEvent::TabletPress:
        if (m_mode == Mode::Idle) {
            if (eraser)
                beginErase(pos);
            else
                beginStroke(pos, pressure);
        }
        break;
    case QEvent::TabletMove:
        if (m_mode == Mode::Drawing)
            extendStroke(pos, pressure);
        else if (m_mode == Mode::Erasing)
            eraseAt(pos);
        break;
    case QEvent::TabletRelease:
        if (m_mode == Mode::Drawing)
            endStroke(pos, m_current.points.empty() ? pressure : m_current.points.back().pressure);
        else if (m_mode == Mode::Erasing)
            endErase();
        break;
    default:
        break;
    }
    event->accept();  // no mouse events synthesized from the pen
}

QRectF InkCanvas::segmentRect(const imaging::InkPoint& a, const imaging::InkPoint& b) const
{
    const qreal r = penWidthForPressure(m_penWidth, std::max(a.pressure, b.pressure)) / 2 + 2;
    return QRectF(QPointF(std::min(a.x, b.x), std::min(a.y, b.y)),
                  QPointF(std::max(a.x, b.x), std::max(a.y, b.y)))
        .adjusted(-r, -r, r, r);
}

void InkCanvas::invalidateCache()
{
    m_cacheValid = false;
    update();
}

void InkCanvas::invalidateInk(bool contentChanged)
{
    m_layerValid = false;
    if (contentChanged)
        m_layerContentOk = false;
    *m_layerWanted = ++m_layerGeneration;  // a drawing under way gives up
    update();
}

void InkCanvas::appendToInkLayer(std::size_t from)
{
    if (!m_layerValid) {  // drawn whole at the next paint, or the strokes follow a drawing
        update();
        return;
    }
    if (m_layerStrokes != from) {  // (cannot happen: the layer holds every stroke)
        invalidateInk(true);
        return;
    }
    QPainter painter(&m_inkLayer);
    painter.setRenderHint(QPainter::Antialiasing);
    QRectF dirty;
    for (std::size_t i = from; i < m_ink.strokes.size(); ++i) {
        paintStroke(painter, m_ink.strokes[i]);
        dirty |= strokeRect(m_ink.strokes[i]);
    }
    m_layerStrokes = m_ink.strokes.size();
    update(dirty.toAlignedRect());
}

QRectF InkCanvas::strokeRect(const imaging::Stroke& stroke) const
{
    QRectF box;
    for (std::size_t i = 0; i < stroke.points.size(); ++i)
        box |= segmentRect(stroke.points[i ? i - 1 : 0], stroke.points[i]);
    return box;
}

void InkCanvas::drawInkLayer()
{
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize().expandedTo(QSize(1, 1));
    const QColor color = palette().color(QPalette::Text);
    if (qsizetype(pointCount(m_ink.strokes)) < m_backgroundDrawPoints) {  // at once
        m_layerPending = 0;
        m_inkLayer = drawInkLayerImage(m_ink.strokes, pixels, dpr, m_penWidth, color, m_layerWanted,
                                       m_layerGeneration);
        m_layerStrokes = m_ink.strokes.size();
        m_layerValid = m_layerContentOk = true;
        return;
    }
    if (m_layerPending == m_layerGeneration)
        return;  // under way
    m_layerPending = m_layerGeneration;
    m_pendingStrokes = m_ink.strokes.size();
    m_layerWatcher->setFuture(QtConcurrent::run(drawInkLayerImage, m_ink.strokes, pixels, dpr,
                                                m_penWidth, color, m_layerWanted,
                                                m_layerGeneration));
}

void InkCanvas::onInkLayerDrawn()
{
    const quint64 generation = std::exchange(m_layerPending, 0);
    if (generation != m_layerGeneration)
        return update();  // a newer one is wanted: drawn at the next paint
    QImage layer = m_layerWatcher->result();
    if (layer.isNull())
        return update();
    m_inkLayer = std::move(layer);
    m_layerStrokes = m_pendingStrokes;
    m_layerValid = m_layerContentOk = true;
    appendToInkLayer(m_layerStrokes);  // the strokes written meanwhile
    update();
}

void InkCanvas::resizeEvent(QResizeEvent* event)
{
    invalidateCache();
    invalidateInk(false);
    QWidget::resizeEvent(event);
}

void InkCanvas::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange
        || event->type() == QEvent::StyleChange) {
        invalidateCache();
        if (event->type() != QEvent::LanguageChange)
            invalidateInk(false);
    }
    QWidget::changeEvent(event);
}

void InkCanvas::paintGuides(QPainter& painter) const
{
    QColor color = palette().color(QPalette::Highlight);
    color.setAlpha(90);
    const qreal base = baselineY();
    painter.setPen(QPen(color, 1.0));
    painter.drawLine(QPointF(0, base), QPointF(width(), base));
    color.setAlpha(70);
    QPen dashed(color, 1.0, Qt::DashLine);
    painter.setPen(dashed);
    const qreal x = base - xHeight();
    painter.drawLine(QPointF(0, x), QPointF(width(), x));
}

void InkCanvas::paintStroke(QPainter& painter, const imaging::Stroke& stroke) const
{
    drawStroke(painter, stroke, m_penWidth, palette().color(QPalette::Text));
}

void InkCanvas::setLineBoxes(std::vector<QRectF> boxes)
{
    m_lineBoxes = std::move(boxes);
    invalidateCache();
}

void InkCanvas::paintLineBoxes(QPainter& painter) const
{
    if (m_lineBoxes.empty())
        return;
    QColor color = palette().color(QPalette::Highlight);
    color.setAlpha(70);
    QColor fill = color;
    fill.setAlpha(14);
    QFont font = painter.font();
    font.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.85));
    painter.setFont(font);
    const qreal pad = std::max<qreal>(2, 0.5 * m_penWidth + 2);
    for (std::size_t i = 0; i < m_lineBoxes.size(); ++i) {
        const QRectF box = m_lineBoxes[i].adjusted(-pad, -pad, pad, pad);
        painter.setPen(QPen(color, 1.0));
        painter.setBrush(fill);
        painter.drawRoundedRect(box, 3, 3);
        // The line's number, just left of its box (inside it when there is no room).
        const QString number = QString::number(i + 1);
        const qreal w = painter.fontMetrics().horizontalAdvance(number) + 4;
        const QRectF label(box.left() - w >= 0 ? box.left() - w : box.left() + 1, box.top(), w,
                           painter.fontMetrics().height());
        color.setAlpha(150);
        painter.setPen(color);
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, number);
        color.setAlpha(70);
    }
    painter.setBrush(Qt::NoBrush);
}

void InkCanvas::renderCache()
{
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize().expandedTo(QSize(1, 1));
    if (m_cache.size() != pixels)
        m_cache = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
    m_cache.setDevicePixelRatio(dpr);
    m_cache.fill(palette().color(QPalette::Base));
    QPainter painter(&m_cache);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_guides)
        paintGuides(painter);
    if (m_ink.strokes.empty() && m_mode == Mode::Idle) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const TextFit hint = hintLayout();
        painter.setFont(hint.font);
        painter.drawText(hint.rect, Qt::AlignCenter | Qt::TextWordWrap, hintText());
    }
    paintLineBoxes(painter);
    m_cacheValid = true;
}

void InkCanvas::paintEvent(QPaintEvent* event)
{
    if (!m_cacheValid)
        renderCache();
    if (!m_layerValid)
        drawInkLayer();
    QPainter painter(this);
    painter.setClipRegion(event->region());
    painter.drawImage(QPointF(0, 0), m_cache);
    const bool shown = m_layerContentOk && !m_inkLayer.isNull();
    if (shown)
        painter.drawImage(QPointF(0, 0), m_inkLayer);
    if (!m_layerValid) {
        // The strokes written since: beyond a stale layer (resized, restyled), or beyond
        // the strokes being drawn on the worker.
        std::size_t from = m_ink.strokes.size();
        if (shown)
            from = m_layerStrokes;
        else if (m_layerPending != 0)
            from = m_pendingStrokes;
        painter.setRenderHint(QPainter::Antialiasing);
        for (std::size_t i = from; i < m_ink.strokes.size(); ++i)
            paintStroke(painter, m_ink.strokes[i]);
    }
    if (!m_current.points.empty()) {
        painter.setRenderHint(QPainter::Antialiasing);
        paintStroke(painter, m_current);
    }
}

}  // namespace inklens::ui
