#include "ctc_view.h"

#include "colormap.h"
#include "inspect_selection.h"

#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace inklens::ui::inspect {

namespace {
constexpr int kLegendBar = 140;
// Span colours on the ink (Tableau 10, alternating so neighbours differ).
const QRgb kSpanColours[] = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2, 0xedc948};
}  // namespace

std::vector<int> decodedPath(const model::Recognition& rec)
{
    std::vector<int> path(std::size_t(rec.logProbs.rows()), model::Charset::kBlank);
    for (const auto& c : rec.chars)
        for (int t = std::max(0, c.firstFrame); t <= c.lastFrame && t < int(path.size()); ++t)
            path[std::size_t(t)] = c.label;
    return path;
}

CtcView::CtcView(QWidget* parent) : ColumnView(parent) { }

void CtcView::setModel(std::shared_ptr<const model::Model> model)
{
    m_model = std::move(model);
    update();
}

void CtcView::setMaxRows(int rows)
{
    rows = std::max(2, rows);
    if (rows == m_maxRows)
        return;
    m_maxRows = rows;
    m_dirty = true;
    updateGeometry();
    update();
}

void CtcView::setRowHeight(int pixels)
{
    pixels = std::max(2, pixels);
    if (pixels == m_rowHeight)
        return;
    m_rowHeight = pixels;
    updateGeometry();
    update();
}

void CtcView::recognitionChanged()
{
    m_dirty = true;
}

void CtcView::ensureRows() const
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_rows.clear();
    m_image = QImage();
    if (!m_rec || m_rec->logProbs.rows() == 0)
        return;
    const nn::Mat& lp = m_rec->logProbs;
    const int T = int(lp.rows()), C = int(lp.cols());
    std::vector<float> maxLp(static_cast<std::size_t>(C));
    std::vector<int> peak(static_cast<std::size_t>(C));
    for (int c = 0; c < C; ++c) {
        Eigen::Index t = 0;
        maxLp[std::size_t(c)] = lp.col(c).maxCoeff(&t);
        peak[std::size_t(c)] = int(t);
    }
    std::vector<char> chosen(std::size_t(C), 0);
    chosen[0] = 1;
    int count = 1;
    for (const auto& ch : m_rec->chars)
        if (ch.label > 0 && ch.label < C && !chosen[std::size_t(ch.label)]) {
            chosen[std::size_t(ch.label)] = 1;
            ++count;
        }
    std::vector<int> byMax(static_cast<std::size_t>(C));
    std::iota(byMax.begin(), byMax.end(), 0);
    std::stable_sort(byMax.begin(), byMax.end(),
                     [&](int a, int b) { return maxLp[std::size_t(a)] > maxLp[std::size_t(b)]; });
    for (int c : byMax) {
        if (count >= m_maxRows)
            break;
        if (!chosen[std::size_t(c)]) {
            chosen[std::size_t(c)] = 1;
            ++count;
        }
    }
    for (int c = 1; c < C; ++c)
        if (chosen[std::size_t(c)])
            m_rows.push_back(c);
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [&](int a, int b) { return peak[std::size_t(a)] < peak[std::size_t(b)]; });
    m_rows.insert(m_rows.begin(), 0);

    const Colormap& cmap = Colormap::get(Colormap::Viridis);
    m_image = QImage(T, int(m_rows.size()), QImage::Format_RGB32);
    for (int r = 0; r < int(m_rows.size()); ++r) {
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
        for (int t = 0; t < T; ++t)
            line[t] = cmap.at(std::exp(lp(t, m_rows[std::size_t(r)])));
    }
}

std::vector<int> CtcView::rowLabels() const
{
    ensureRows();
    return m_rows;
}

std::vector<int> CtcView::pathLabels() const
{
    return m_rec ? decodedPath(*m_rec) : std::vector<int>();
}

int CtcView::matrixTop(const ColumnAxis& axis) const
{
    const QFontMetrics fm = fontMetrics();
    return headerHeight(axis) + 6 + fm.height() + colorLegendTextHeight(fm) + 6;
}

int CtcView::contentHeight(const ColumnAxis& axis) const
{
    ensureRows();
    const int rows = int(m_rows.size());
    return matrixTop(axis) - headerHeight(axis) + rows * m_rowHeight + 4 + 2 * ticksHeight()
           + fontMetrics().height() + 10;
}

QRectF CtcView::matrixRect() const
{
    ensureRows();
    if (!m_rec || m_rows.empty())
        return {};
    const ColumnAxis axis = columnAxis();
    const double x1 = axis.x(double(m_rec->logProbs.rows()) * m_rec->widthReduction);
    return QRectF(axis.left, matrixTop(axis), x1 - axis.left, double(m_rows.size()) * m_rowHeight);
}

QRectF CtcView::cellRect(int row, int frame) const
{
    const QRectF m = matrixRect();
    if (m.isEmpty())
        return {};
    const ColumnAxis axis = columnAxis();
    const int r = m_rec->widthReduction;
    return QRectF(axis.x(frameFirstColumn(frame, r)), m.top() + row * m_rowHeight,
                  axis.x(frameEndColumn(frame, r)) - axis.x(frameFirstColumn(frame, r)),
                  m_rowHeight);
}

QRectF CtcView::spanRect(int character) const
{
    if (!m_rec || character < 0 || character >= int(m_rec->chars.size()))
        return {};
    const ColumnAxis axis = columnAxis();
    const auto& c = m_rec->chars[std::size_t(character)];
    return QRectF(axis.x(c.firstColumn), charRowHeight(),
                  axis.x(c.lastColumn + 1) - axis.x(c.firstColumn), inkHeight(axis));
}

void CtcView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (!m_rec) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No recognition yet"));
        return;
    }
    ensureRows();
    const ColumnAxis axis = columnAxis();
    paintHeader(p, axis);
    // alignment overlay: each character's span on the ink
    for (int i = 0; i < int(m_rec->chars.size()); ++i) {
        const QRectF r = spanRect(i);
        QColor c = QColor::fromRgb(kSpanColours[i % 6]);
        c.setAlpha(70);
        p.fillRect(r, c);
        c.setAlpha(200);
        p.fillRect(QRectF(r.left(), r.bottom() - 3, r.width(), 3), c);
    }
    const QFontMetrics fm = fontMetrics();
    const model::Charset* charset = m_model ? &m_model->charset : nullptr;
    const int titleTop = headerHeight(axis) + 6;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::Text));
    const QString title = tr("CTC posteriors p(class | frame)");
    p.drawText(QPoint(kLeftMargin, titleTop + fm.ascent()), title);
    p.setFont(font());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QPoint(kLeftMargin + QFontMetrics(bold).horizontalAdvance(title) + 10,
                      titleTop + fm.ascent()),
               tr("%1 of %2 classes · white line: decoded path")
                   .arg(m_rows.size())
                   .arg(m_rec->logProbs.cols()));
    p.setPen(palette().color(QPalette::Text));
    paintColorLegend(
        p,
        QRect(width() - rightMargin() - kLegendBar - 10, titleTop + 2, kLegendBar, fm.height() - 4),
        Colormap::get(Colormap::Viridis), 0, 1, tr("p"));

    if (m_rows.empty()) {
        paintSelection(p, axis, 0, headerHeight(axis));
        return;
    }
    const QRectF m = matrixRect();
    p.drawImage(m, m_image);
    // row labels
    const int labelEvery = std::max(1, (fm.height() - 2) / m_rowHeight + 1);
    for (int r = 0; r < int(m_rows.size()); r += labelEvery) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(4, m.top() + r * m_rowHeight + m_rowHeight / 2.0 - fm.height() / 2.0,
                          kLeftMargin - 10, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, classLabel(charset, m_rows[std::size_t(r)]));
    }
    // the decoded path
    std::vector<int> rowOf(std::size_t(m_rec->logProbs.cols()), -1);
    for (int r = 0; r < int(m_rows.size()); ++r)
        rowOf[std::size_t(m_rows[std::size_t(r)])] = r;
    const std::vector<int> path = decodedPath(*m_rec);
    QPainterPath line;
    for (int t = 0; t < int(path.size()); ++t) {
        const int r = rowOf[std::size_t(path[std::size_t(t)])];
        if (r < 0)
            continue;
        const QRectF cell = cellRect(r, t);
        const QPointF a(cell.left(), cell.center().y()), b(cell.right(), cell.center().y());
        if (line.elementCount() == 0)
            line.moveTo(a);
        else
            line.lineTo(a);
        line.lineTo(b);
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(QColor(0, 0, 0, 120), 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPath(line);
    p.setPen(QPen(Qt::white, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPath(line);
    p.restore();

    const int ticksTop = int(std::ceil(m.bottom())) + 4;
    paintColumnTicks(p, axis, ticksTop, true);
    paintColumnTicks(p, axis, ticksTop + ticksHeight(), false);
    // the classes at the hovered column
    const int col = m_selection ? m_selection->column() : -1;
    const int infoTop = ticksTop + 2 * ticksHeight() + 4;
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(kLeftMargin, infoTop, width() - kLeftMargin, fm.height() + 4),
               Qt::AlignLeft | Qt::AlignVCenter,
               col >= 0 ? columnSummary(*m_rec, charset, col, 4)
                        : tr("Hover a column to see its most likely classes."));

    paintSelection(p, axis, 0, headerHeight(axis));
    paintSelection(p, axis, int(m.top()), int(std::ceil(m.bottom())));
}

void CtcView::contentHovered(const QPointF& pos, int column)
{
    const QRectF m = matrixRect();
    if (column < 0 || !m.contains(pos)) {
        QToolTip::hideText();
        return;
    }
    const int row = std::clamp(int((pos.y() - m.top()) / m_rowHeight), 0, int(m_rows.size()) - 1);
    const int frame = std::min<int>(int(m_rec->logProbs.rows()) - 1,
                                    frameOfColumn(column, m_rec->widthReduction));
    const int label = m_rows[std::size_t(row)];
    QToolTip::showText(mapToGlobal(pos.toPoint()),
                       tr("p(%1 | frame %2) = %3")
                           .arg(classLabel(m_model ? &m_model->charset : nullptr, label))
                           .arg(frame)
                           .arg(formatValue(std::exp(m_rec->logProbs(frame, label)))),
                       this);
}

}  // namespace inklens::ui::inspect
