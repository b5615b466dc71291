#include "inspect_view.h"

#include "inspect_selection.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMenu>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace inklens::ui::inspect {

QColor highlightColor(int alpha)
{
    return QColor(255, 140, 0, alpha);
}
QColor cursorColor()
{
    return QColor(236, 64, 122);
}

// ---------------------------------------------------------------- InspectView

InspectView::InspectView(QWidget* parent) : QWidget(parent) { }

void InspectView::setSelectionModel(InspectSelection* selection)
{
    if (m_selection == selection)
        return;
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_selection = selection;
    if (m_selection) {
        connect(m_selection, &InspectSelection::characterChanged, this,
                [this] { selectionChanged(); });
        connect(m_selection, &InspectSelection::selectedCharacterChanged, this,
                [this] { selectionChanged(); });
        connect(m_selection, &InspectSelection::columnChanged, this,
                [this] { selectionChanged(); });
        connect(m_selection, &InspectSelection::channelChanged, this,
                [this] { selectionChanged(); });
    }
    selectionChanged();
}

QImage InspectView::renderImage()
{
    if (QWidget::size().isEmpty())
        resize(sizeHint());
    return grab().toImage();
}

bool InspectView::exportPng(const QString& path)
{
    return renderImage().save(path, "PNG");
}

bool InspectView::exportPngInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export as PNG"), exportName() + QStringLiteral(".png"), tr("PNG images (*.png)"));
    return !path.isEmpty() && exportPng(path);
}

void InspectView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    QAction* exportAction = menu.addAction(tr("Export as PNG…"));
    QAction* copyAction = menu.addAction(tr("Copy Image"));
    QAction* chosen = menu.exec(event->globalPos());
    if (chosen == exportAction)
        exportPngInteractive();
    else if (chosen == copyAction)
        QGuiApplication::clipboard()->setImage(renderImage());
}

// ---------------------------------------------------------------- ColumnView

ColumnView::ColumnView(QWidget* parent) : InspectView(parent)
{
    setMouseTracking(true);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void ColumnView::setRecognition(std::shared_ptr<const model::Recognition> recognition,
                                const QImage& lineImage)
{
    m_rec = std::move(recognition);
    m_line = m_rec ? lineImage : QImage();
    recognitionChanged();
    updateGeometry();
    update();
}

void ColumnView::setColumnZoom(double pixelsPerColumn)
{
    pixelsPerColumn = std::max(0.0, pixelsPerColumn);
    if (pixelsPerColumn == m_columnZoom)
        return;
    m_columnZoom = pixelsPerColumn;
    updateGeometry();
    update();
}

ColumnAxis ColumnView::axisForWidth(int widgetWidth) const
{
    const int columns = m_rec ? m_rec->inputWidth : 0;
    if (m_columnZoom > 0) {
        ColumnAxis a;
        a.left = kLeftMargin;
        a.scale = m_columnZoom;
        a.columns = columns;
        return a;
    }
    return ColumnAxis::fit(kLeftMargin, std::max(1, widgetWidth - kLeftMargin - rightMargin()),
                           columns);
}

int ColumnView::charRowHeight() const
{
    return fontMetrics().height() + 6;
}

int ColumnView::inkHeight(const ColumnAxis& axis) const
{
    if (!m_rec)
        return 0;
    return int(std::lround(m_rec->inputHeight * std::clamp(axis.scale, 1.0, 3.0)));
}

int ColumnView::heightForWidth(int width) const
{
    if (!m_rec)
        return 3 * fontMetrics().height();
    const ColumnAxis axis = axisForWidth(width);
    return headerHeight(axis) + contentHeight(axis);
}

QSize ColumnView::sizeHint() const
{
    const int w = m_columnZoom > 0 && m_rec ? minimumSizeHint().width() : 800;
    return {w, heightForWidth(w)};
}

QSize ColumnView::minimumSizeHint() const
{
    if (m_columnZoom > 0 && m_rec)
        return {int(std::ceil(kLeftMargin + m_rec->inputWidth * m_columnZoom)) + rightMargin(), 60};
    return {kLeftMargin + rightMargin() + 120, 60};
}

void ColumnView::paintInk(QPainter& p, const QRectF& target) const
{
    p.fillRect(target, Qt::white);
    if (m_line.isNull())
        return;
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(target, m_line);
    p.restore();
}

void ColumnView::paintHeader(QPainter& p, const ColumnAxis& axis)
{
    if (!m_rec)
        return;
    const int rowH = charRowHeight(), inkH = inkHeight(axis);
    const QFontMetrics fm = fontMetrics();
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(4, 0, kLeftMargin - 8, rowH), Qt::AlignLeft | Qt::AlignVCenter, tr("text"));
    p.drawText(QRect(4, rowH, kLeftMargin - 8, inkH), Qt::AlignLeft | Qt::AlignVCenter, tr("ink"));

    paintInk(p, QRectF(axis.x(0), rowH, axis.x(axis.columns) - axis.x(0), inkH));

    const int highlighted = m_selection ? m_selection->character() : -1;
    for (std::size_t i = 0; i < m_rec->chars.size(); ++i) {
        const auto& c = m_rec->chars[i];
        const double x0 = axis.x(c.firstColumn), x1 = axis.x(c.lastColumn + 1);
        const QString label = charLabel(c);
        const int tw = fm.horizontalAdvance(label) + 6;
        const QRectF box((x0 + x1) / 2 - tw / 2.0, 2, tw, rowH - 4);
        if (int(i) == highlighted) {
            p.setPen(Qt::NoPen);
            p.setBrush(highlightColor(230));
            p.drawRoundedRect(box, 3, 3);
            p.setPen(Qt::white);
        } else {
            p.setPen(palette().color(QPalette::Text));
        }
        p.drawText(box, Qt::AlignCenter, label);
        // a tick under each character marking its span on the ink
        p.setPen(QPen(QColor(120, 120, 120, 140), 1));
        p.drawLine(QPointF(x0 + 0.5, rowH - 2), QPointF(x1 - 0.5, rowH - 2));
    }
    p.setBrush(Qt::NoBrush);
}

void ColumnView::paintSelection(QPainter& p, const ColumnAxis& axis, int y0, int y1) const
{
    if (!m_rec || !m_selection)
        return;
    p.save();
    const int ci = m_selection->character();
    if (ci >= 0 && ci < int(m_rec->chars.size())) {
        const auto& c = m_rec->chars[std::size_t(ci)];
        const double x0 = axis.x(c.firstColumn), x1 = axis.x(c.lastColumn + 1);
        p.fillRect(QRectF(x0, y0, x1 - x0, y1 - y0), highlightColor(40));
        p.setPen(QPen(highlightColor(230), 1.5));
        p.drawLine(QPointF(x0, y0), QPointF(x0, y1));
        p.drawLine(QPointF(x1, y0), QPointF(x1, y1));
    }
    const int col = m_selection->column();
    if (col >= 0 && col < axis.columns) {
        const double x = axis.x(col + 0.5);
        p.setPen(QPen(cursorColor(), 1));
        p.drawLine(QPointF(x, y0), QPointF(x, y1));
    }
    p.restore();
}

int ColumnView::ticksHeight() const
{
    return fontMetrics().height() + 8;
}

namespace {
// A "nice" step (1, 2, 5 x 10^k) of at least minStep.
int niceStep(double minStep)
{
    int step = 1;
    for (int k = 1; k < 1000000; k *= 10)
        for (int m : {1, 2, 5})
            if (m * k >= minStep)
                return m * k;
    return step;
}
}  // namespace

void ColumnView::paintColumnTicks(QPainter& p, const ColumnAxis& axis, int y, bool frames) const
{
    if (!m_rec || axis.columns <= 0)
        return;
    const QFontMetrics fm = fontMetrics();
    p.save();
    p.setPen(palette().color(QPalette::PlaceholderText));
    const int r = std::max(1, m_rec->widthReduction);
    const int unit = frames ? r : 1;  // ticks at frames or at columns
    const int total = frames ? axis.columns / r : axis.columns;
    const int step = niceStep(fm.horizontalAdvance(QStringLiteral("00000")) / (axis.scale * unit));
    p.drawText(QRect(4, y, kLeftMargin - 8, fm.height() + 6), Qt::AlignLeft | Qt::AlignVCenter,
               frames ? tr("frame") : tr("column"));
    p.drawLine(QPointF(axis.x(0), y + 0.5), QPointF(axis.x(axis.columns), y + 0.5));
    for (int i = 0; i <= total; i += step) {
        const double x = axis.x(double(i) * unit);
        p.drawLine(QPointF(x, y), QPointF(x, y + 4));
        const QString s = QString::number(i);
        const int w = fm.horizontalAdvance(s);
        p.drawText(QRectF(x - w / 2.0, y + 5, w + 2, fm.height()), Qt::AlignLeft | Qt::AlignTop, s);
    }
    p.restore();
}

void ColumnView::hoverColumn(int column)
{
    if (m_selection)
        m_selection->setColumn(column);
    if (column != m_hoverColumn) {
        m_hoverColumn = column;
        emit columnHovered(column);
    }
}

void ColumnView::hoverCharacter(int index)
{
    if (m_selection)
        m_selection->setHoveredCharacter(index);
    if (index != m_hoverCharacter) {
        m_hoverCharacter = index;
        emit characterHovered(index);
    }
}

void ColumnView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_rec)
        return;
    const ColumnAxis axis = columnAxis();
    const QPointF pos = event->position();
    if (pos.y() < headerHeight(axis)) {
        const int col = axis.columnAt(pos.x());
        hoverColumn(col);
        hoverCharacter(col >= 0 ? characterAtColumn(*m_rec, col) : -1);
    } else {
        const int col = contentColumnAt(pos);
        hoverColumn(col);
        hoverCharacter(-1);
        contentHovered(pos, col);
    }
}

void ColumnView::mousePressEvent(QMouseEvent* event)
{
    if (!m_rec || event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const ColumnAxis axis = columnAxis();
    const QPointF pos = event->position();
    if (pos.y() < headerHeight(axis)) {
        const int col = axis.columnAt(pos.x());
        const int index = col >= 0 ? characterAtColumn(*m_rec, col) : -1;
        if (index >= 0) {
            if (m_selection)
                m_selection->setSelectedCharacter(
                    m_selection->selectedCharacter() == index ? -1 : index);
            emit characterClicked(index);
        }
        return;
    }
    contentPressed(pos, contentColumnAt(pos));
}

void ColumnView::leaveEvent(QEvent* event)
{
    hoverColumn(-1);
    hoverCharacter(-1);
    QWidget::leaveEvent(event);
}

}  // namespace inklens::ui::inspect
