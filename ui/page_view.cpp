#include "page_view.h"

#include "service/page_document.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QEvent>
#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QPaintEngine>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>
#include <limits>

namespace inklens::ui {

namespace {

constexpr double kHandleRadius = 5;   // view pixels
constexpr double kDragThreshold = 3;  // view pixels before a press becomes a drag

QPolygonF toPolygon(const std::vector<cv::Point2f>& points)
{
    QPolygonF out;
    for (const cv::Point2f& p : points)
        out << QPointF(p.x, p.y);
    return out;
}

std::vector<cv::Point2f> toPoints(const QPolygonF& polygon)
{
    std::vector<cv::Point2f> out;
    for (const QPointF& p : polygon)
        out.emplace_back(float(p.x()), float(p.y()));
    return out;
}

QColor lineColor(const service::PageDocLine& line)
{
    if (!line.read)
        return QColor(120, 120, 120);
    if (isLowConfidence(line))
        return QColor(230, 120, 0);
    return QColor(20, 110, 220);
}

}  // namespace

bool isLowConfidence(const service::PageDocLine& line)
{
    return line.read && !line.corrected && line.confidence < kLowConfidence;
}

PageView::PageView(QWidget* parent) : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("pageView"));
    setScene(new QGraphicsScene(this));
    setBackgroundBrush(palette().color(QPalette::Mid));
    setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);  // the overlay is drawn by hand
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    m_pixmap = scene()->addPixmap({});
    m_pixmap->setTransformationMode(Qt::SmoothTransformation);
    // Drawn scaled once per zoom, not on every repaint (the overlay repaints the viewport
    // whenever a line is read; a large page's picture scaled each time stalls the window).
    m_pixmap->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    createActions();
    retranslate();
    updateActions();
}

void PageView::createActions()
{
    auto action = [this](const char* name, const QKeySequence& key, auto slot) {
        auto* a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m_split = action("splitLineAction", QKeySequence(Qt::Key_S), [this, nan] {
        const quint64 under = lineAt(m_lastPos);
        splitSelected(under == m_selected ? m_lastPos.x() : nan);
    });
    m_merge = action("mergeLinesAction", QKeySequence(Qt::Key_M),
                     [this] { mergeSelectedWithNext(); });
    m_delete = action("deleteLineAction", QKeySequence::Delete, [this] { deleteSelected(); });
    m_drawRect = action("drawRectangleAction", QKeySequence(Qt::Key_R),
                        [this](bool on) { setMode(on ? Mode::DrawRectangle : Mode::Select); });
    m_drawPolygon = action("drawPolygonAction", QKeySequence(Qt::Key_P),
                           [this](bool on) { setMode(on ? Mode::DrawPolygon : Mode::Select); });
    m_drawRect->setCheckable(true);
    m_drawPolygon->setCheckable(true);
    m_fitAction = action("fitPageAction", QKeySequence(Qt::Key_F),
                         [this](bool on) { setFitToWindow(on); });
    m_fitAction->setCheckable(true);
    m_fitAction->setChecked(m_fit);
    m_zoomIn = action("zoomInAction", QKeySequence::ZoomIn, [this] { zoomBy(1.25); });
    m_zoomOut = action("zoomOutAction", QKeySequence::ZoomOut, [this] { zoomBy(0.8); });
}

void PageView::retranslate()
{
    m_split->setText(tr("&Split Line Here"));
    m_merge->setText(tr("&Merge with Next Line"));
    m_delete->setText(tr("&Delete Line"));
    m_drawRect->setText(tr("Draw a Line as a &Rectangle"));
    m_drawPolygon->setText(tr("Draw a Line as a &Polygon"));
    m_fitAction->setText(tr("&Fit Page to Window"));
    m_zoomIn->setText(tr("Zoom &In"));
    m_zoomOut->setText(tr("Zoom &Out"));
    setToolTip(tr("Click a line to see how it was read; drag it to move it, drag a corner "
                  "to reshape it. Right-click for more."));
}

void PageView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGraphicsView::changeEvent(event);
}

void PageView::setDocument(service::PageDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_selected = 0;
    if (m_document) {
        connect(m_document, &service::PageDocument::linesChanged, this, [this] {
            if (m_document->rowOf(m_selected) < 0)
                m_selected = 0;
            updateActions();
            viewport()->update();
        });
        connect(m_document, &service::PageDocument::lineUpdated, this, &PageView::updateLine);
        connect(m_document, &QObject::destroyed, this, [this] { m_document = nullptr; });
    }
    updateActions();
    viewport()->update();
}

void PageView::setPicture(const QImage& picture, QSize originalSize)
{
    QImage shown = picture;
    if (std::max(shown.width(), shown.height()) > kMaxDisplaySide)
        shown = shown.scaled(kMaxDisplaySide, kMaxDisplaySide, Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    m_pixmap->setPixmap(QPixmap::fromImage(shown));
    const double scale = shown.isNull() ? 1.0 : double(originalSize.width()) / shown.width();
    m_pixmap->setScale(scale);
    scene()->setSceneRect(QRectF(QPointF(0, 0), QSizeF(originalSize)));
    m_drawing.clear();
    m_drag = Drag::None;
    if (m_fit)
        fitInView(sceneRect(), Qt::KeepAspectRatio);
}

QSize PageView::displayedPictureSize() const
{
    return m_pixmap->pixmap().size();
}

void PageView::setSelectedId(quint64 id)
{
    if (!m_document || m_document->rowOf(id) < 0)
        id = 0;
    m_selected = id;
    if (id != 0)
        ensureVisible(outline(id).boundingRect(), 20, 20);
    updateActions();
    viewport()->update();
}

void PageView::select(quint64 id)
{
    const bool changed = id != m_selected;
    setSelectedId(id);
    if (changed)
        emit selectionChanged(m_selected);
}

void PageView::setMode(Mode mode)
{
    m_mode = mode;
    m_drawing.clear();
    m_drag = Drag::None;
    m_drawRect->setChecked(mode == Mode::DrawRectangle);
    m_drawPolygon->setChecked(mode == Mode::DrawPolygon);
    viewport()->setCursor(mode == Mode::Select ? Qt::ArrowCursor : Qt::CrossCursor);
    viewport()->update();
}

void PageView::setFitToWindow(bool fit)
{
    m_fit = fit;
    m_fitAction->setChecked(fit);
    if (fit)
        fitInView(sceneRect(), Qt::KeepAspectRatio);
    emit fitChanged(fit);
}

void PageView::zoomBy(double factor)
{
    const double z = zoom() * factor;
    if (z < 0.01 || z > 32)
        return;
    if (m_fit) {
        m_fit = false;
        m_fitAction->setChecked(false);
        emit fitChanged(false);
    }
    scale(factor, factor);
}

double PageView::zoom() const
{
    return transform().m11();
}

quint64 PageView::lineAt(QPointF scenePos) const
{
    if (!m_document)
        return 0;
    if (m_selected && outline(m_selected).containsPoint(scenePos, Qt::OddEvenFill))
        return m_selected;
    for (quint64 id : m_document->ids()) {
        if (outline(id).containsPoint(scenePos, Qt::OddEvenFill))
            return id;
    }
    return 0;
}

QPolygonF PageView::outline(quint64 id) const
{
    const service::PageDocLine* line = m_document ? m_document->find(id) : nullptr;
    if (!line)
        return {};
    QPolygonF polygon = toPolygon(line->line.polygon);
    if (id == m_selected && m_drag == Drag::Move)
        polygon.translate(m_dragPos - m_pressPos);
    else if (id == m_selected && m_drag == Drag::Vertex && m_vertex < polygon.size())
        polygon[m_vertex] = m_dragPos;
    return polygon;
}

int PageView::vertexAt(QPointF scenePos) const
{
    if (!m_selected)
        return -1;
    const QPolygonF polygon = outline(m_selected);
    const double radius = (kHandleRadius + 2) / std::max(zoom(), 1e-6);
    for (int i = 0; i < polygon.size(); ++i) {
        if (QLineF(polygon[i], scenePos).length() <= radius)
            return i;
    }
    return -1;
}

bool PageView::splitSelected(double x)
{
    const service::PageDocLine* line = m_document ? m_document->find(m_selected) : nullptr;
    if (!line)
        return false;
    if (std::isnan(x))
        x = outline(m_selected).boundingRect().center().x();
    const int row = m_document->rowOf(m_selected);
    if (!m_document->splitLine(m_selected, x))
        return false;
    select(m_document->at(row).id);
    return true;
}

bool PageView::mergeSelectedWithNext()
{
    if (!m_document)
        return false;
    const int row = m_document->rowOf(m_selected);
    if (row < 0 || row + 1 >= m_document->count())
        return false;
    if (!m_document->mergeLines(m_selected, m_document->at(row + 1).id))
        return false;
    select(m_document->at(row).id);
    return true;
}

bool PageView::deleteSelected()
{
    if (!m_document)
        return false;
    const int row = m_document->rowOf(m_selected);
    if (row < 0 || !m_document->deleteLine(m_selected))
        return false;
    select(m_document->count() ? m_document->at(std::min(row, m_document->count() - 1)).id : 0);
    return true;
}

void PageView::updateActions()
{
    const bool has = m_document && m_document->rowOf(m_selected) >= 0;
    m_split->setEnabled(has);
    m_delete->setEnabled(has);
    m_merge->setEnabled(has && m_document->rowOf(m_selected) + 1 < m_document->count());
    m_drawRect->setEnabled(m_document != nullptr);
    m_drawPolygon->setEnabled(m_document != nullptr);
}

// ---- painting ------------------------------------------------------------------------

QRect PageView::paintedBox(quint64 id) const
{
    const QRect box = mapFromScene(outline(id)).boundingRect();
    const int r = int(kHandleRadius) + 3;
    return box.adjusted(-34, -r, r, std::max(r, 18 - box.height()));
}

// A line read (or edited) is painted again alone, not the whole page with every line: a
// full repaint for each line read took up to 0.25 s of the GUI thread on a large scan
// (issue #17). Where the line was painted last is painted too (it may have moved).
void PageView::updateLine(quint64 id)
{
    QRect region = paintedBox(id);
    if (const auto it = m_painted.find(id); it != m_painted.end())
        region |= it->second;
    viewport()->update(region);
}

void PageView::drawForeground(QPainter* painter, const QRectF&)
{
    if (!m_document)
        return;
    // Lines whose box misses the region being painted are left out (their pixels are kept).
    // (The widget's update region: the painter's system clip, in viewport pixels.)
    const QRegion clip = painter->paintEngine() ? painter->paintEngine()->systemClip() : QRegion();
    const QRect exposed = clip.isEmpty() ? viewport()->rect() : clip.boundingRect();
    std::vector<bool> shown(std::size_t(m_document->count()));
    for (int row = 0; row < m_document->count(); ++row) {
        const quint64 id = m_document->at(row).id;
        const QRect box = paintedBox(id);
        shown[std::size_t(row)] = box.intersects(exposed);
        if (shown[std::size_t(row)])
            m_painted[id] = box;
    }
    painter->save();
    for (int row = 0; row < m_document->count(); ++row) {
        if (!shown[std::size_t(row)])
            continue;
        const service::PageDocLine& line = m_document->at(row);
        const bool selected = line.id == m_selected;
        const QColor color = lineColor(line);
        // One pixel (cosmetic) for all but the selected line: Qt strokes such pens, dashed or
        // dotted, with its fast cosmetic stroker; a wider dashed pen goes through the general
        // stroker, which took up to 1 s of the GUI thread per repaint of a page (issue #17).
        QPen pen(color, selected ? 2.5 : 1.0, line.read ? Qt::SolidLine : Qt::DashLine);
        pen.setCosmetic(true);
        painter->setPen(pen);
        QColor fill = color;
        fill.setAlpha(selected ? 60 : 22);
        painter->setBrush(fill);
        const QPolygonF polygon = outline(line.id);
        painter->drawPolygon(polygon);
        QPolygonF baseline = toPolygon(line.line.baseline);
        if (selected && m_drag == Drag::Move)
            baseline.translate(m_dragPos - m_pressPos);
        pen.setStyle(Qt::DotLine);
        painter->setPen(pen);
        painter->drawPolyline(baseline);
    }
    // Handles and numbers in view pixels.
    painter->resetTransform();
    painter->setBrush(Qt::NoBrush);
    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    for (int row = 0; row < m_document->count(); ++row) {
        if (!shown[std::size_t(row)])
            continue;
        const service::PageDocLine& line = m_document->at(row);
        const QRectF box = mapFromScene(outline(line.id)).boundingRect();
        const QRectF label(box.left() - 30, box.top(), 26, 16);
        painter->setPen(lineColor(line));
        painter->drawText(label, Qt::AlignRight | Qt::AlignVCenter, QString::number(row + 1));
    }
    if (m_selected) {
        painter->setPen(QPen(Qt::white, 1));
        painter->setBrush(lineColor(*m_document->find(m_selected)));
        for (const QPointF& p : outline(m_selected))
            painter->drawEllipse(viewportTransform().map(p), kHandleRadius, kHandleRadius);
    }
    // What is being drawn.
    QPen drawPen(QColor(200, 0, 120), 2, Qt::DashLine);
    painter->setPen(drawPen);
    painter->setBrush(Qt::NoBrush);
    if (m_drag == Drag::Rectangle)
        painter->drawRect(QRectF(mapFromScene(m_pressPos), mapFromScene(m_dragPos)).normalized());
    if (!m_drawing.isEmpty()) {
        QPolygonF shown = mapFromScene(m_drawing);
        shown << mapFromScene(m_lastPos);
        painter->drawPolyline(shown);
    }
    painter->restore();
}

// ---- mouse and keys ------------------------------------------------------------------

void PageView::mousePressEvent(QMouseEvent* event)
{
    const QPointF pos = mapToScene(event->position().toPoint());
    m_lastPos = pos;
    if (event->button() != Qt::LeftButton || !m_document) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    m_pressPos = m_dragPos = pos;
    switch (m_mode) {
    case Mode::DrawRectangle:
        m_drag = Drag::Rectangle;
        break;
    case Mode::DrawPolygon:
        m_drawing << pos;
        break;
    case Mode::Select:
        if ((m_vertex = vertexAt(pos)) >= 0) {
            m_drag = Drag::Vertex;
            m_dragPos = outline(m_selected)[m_vertex];
            m_pressPos = pos;
        } else if (const quint64 id = lineAt(pos)) {
            select(id);
            emit lineClicked(id);
            m_drag = Drag::Move;
        } else {
            select(0);
        }
        break;
    }
    viewport()->update();
}

void PageView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = mapToScene(event->position().toPoint());
    m_lastPos = pos;
    if (m_drag == Drag::Vertex)
        m_dragPos = pos;
    else if (m_drag != Drag::None)
        m_dragPos = pos;
    if (m_drag == Drag::None && m_mode == Mode::Select)
        viewport()->setCursor(vertexAt(pos) >= 0 ? Qt::SizeAllCursor
                              : lineAt(pos)      ? Qt::OpenHandCursor
                                                 : Qt::ArrowCursor);
    if (m_drag != Drag::None || !m_drawing.isEmpty())
        viewport()->update();
    QGraphicsView::mouseMoveEvent(event);
}

void PageView::mouseReleaseEvent(QMouseEvent* event)
{
    const QPointF pos = mapToScene(event->position().toPoint());
    const Drag drag = m_drag;
    const bool moved = QLineF(mapFromScene(m_pressPos), event->position()).length()
                       >= kDragThreshold;
    m_drag = Drag::None;
    if (event->button() != Qt::LeftButton || !m_document) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    if (drag == Drag::Move && moved) {
        const int row = m_document->rowOf(m_selected);
        if (m_document->moveLine(m_selected, pos - m_pressPos))
            select(m_document->at(row).id);
    } else if (drag == Drag::Vertex && moved) {
        const service::PageDocLine* line = m_document->find(m_selected);
        QPolygonF polygon = toPolygon(line->line.polygon);
        polygon[m_vertex] = pos;
        const int row = m_document->rowOf(m_selected);
        if (m_document->setGeometry(m_selected, toPoints(polygon), line->line.baseline))
            select(m_document->at(row).id);
    } else if (drag == Drag::Rectangle && moved) {
        const QRectF r = QRectF(m_pressPos, pos).normalized();
        const quint64 id = m_document->addLine(toPoints(QPolygonF(r).mid(0, 4)));
        setMode(Mode::Select);
        if (id) {
            select(id);
            emit lineClicked(id);
        }
    }
    viewport()->update();
}

void PageView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_mode == Mode::DrawPolygon) {
        finishPolygon();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void PageView::finishPolygon()
{
    QPolygonF points;
    for (const QPointF& p : std::as_const(m_drawing)) {  // a double click adds doubles
        if (points.isEmpty() || QLineF(points.last(), p).length() > 0.5)
            points << p;
    }
    setMode(Mode::Select);
    if (const quint64 id = m_document ? m_document->addLine(toPoints(points)) : 0) {
        select(id);
        emit lineClicked(id);
    }
}

void PageView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_mode != Mode::Select) {
        setMode(Mode::Select);
        return;
    }
    if (m_mode == Mode::DrawPolygon
        && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        finishPolygon();
        return;
    }
    if (m_mode == Mode::DrawPolygon && event->key() == Qt::Key_Backspace && !m_drawing.isEmpty()) {
        m_drawing.removeLast();
        viewport()->update();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void PageView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void PageView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fit)
        fitInView(sceneRect(), Qt::KeepAspectRatio);
}

void PageView::contextMenuEvent(QContextMenuEvent* event)
{
    if (!m_document)
        return;
    m_lastPos = mapToScene(event->pos());
    if (const quint64 id = lineAt(m_lastPos); id && id != m_selected)
        select(id);
    QMenu menu(this);
    menu.addActions({m_split, m_merge, m_delete});
    menu.addSeparator();
    menu.addActions({m_drawRect, m_drawPolygon});
    menu.addSeparator();
    menu.addActions({m_zoomIn, m_zoomOut, m_fitAction});
    menu.exec(event->globalPos());
}

}  // namespace inklens::ui
