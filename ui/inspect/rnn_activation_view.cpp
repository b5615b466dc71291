#include "rnn_activation_view.h"

#include "colormap.h"
#include "inspect_selection.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace inklens::ui::inspect {

namespace {
constexpr int kLegendBar = 140;
constexpr int kSectionGap = 10;
}  // namespace

RnnActivationView::RnnActivationView(QWidget* parent) : ColumnView(parent) { }

void RnnActivationView::setModel(std::shared_ptr<const model::Model> model)
{
    m_model = std::move(model);
    update();
}

void RnnActivationView::setSortMode(SortMode mode)
{
    if (mode == m_sortMode)
        return;
    m_sortMode = mode;
    m_dirty = true;
    update();
}

void RnnActivationView::setCorrelationLabel(int label)
{
    if (label == m_label)
        return;
    m_label = label;
    if (m_sortMode == SortMode::Correlation)
        m_dirty = true;
    update();
}

void RnnActivationView::setRowHeight(int pixels)
{
    pixels = std::max(1, pixels);
    if (pixels == m_rowHeight)
        return;
    m_rowHeight = pixels;
    updateGeometry();
    update();
}

void RnnActivationView::recognitionChanged()
{
    m_dirty = true;
}

int RnnActivationView::sectionCount() const
{
    ensureSections();
    return int(m_sections.size());
}

void RnnActivationView::ensureSections() const
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_sections.clear();
    if (!m_rec || !m_rec->probe)
        return;
    const model::Probe& probe = *m_rec->probe;
    const nn::Mat& lp = m_rec->logProbs;
    const bool correlate = m_sortMode == SortMode::Correlation && m_label >= 0
                           && m_label < lp.cols();
    std::vector<float> posterior;
    if (correlate) {
        posterior.resize(std::size_t(lp.rows()));
        for (int t = 0; t < lp.rows(); ++t)
            posterior[std::size_t(t)] = std::exp(lp(t, m_label));
    }
    const Colormap& cmap = Colormap::get(Colormap::Diverging);
    for (std::size_t l = 0; l < probe.lstmForward.size(); ++l)
        for (int dir = 0; dir < 2; ++dir) {
            Section s;
            s.layer = int(l);
            s.backward = dir == 1;
            s.states = dir == 0 ? &probe.lstmForward[l] : &probe.lstmBackward[l];
            const nn::Mat& h = *s.states;
            const int T = int(h.rows()), H = int(h.cols());
            s.keys.assign(std::size_t(H), 0.f);
            for (int u = 0; u < H; ++u) {
                if (correlate) {
                    const int n = std::min<int>(T, int(posterior.size()));
                    s.keys[std::size_t(u)] = float(
                        pearson(h.data() + u, posterior.data(), n, H, 1));
                } else if (T > 0) {
                    const double mean = h.col(u).mean();
                    s.keys[std::size_t(u)] = float(
                        (h.col(u).array() - float(mean)).square().mean());
                }
            }
            s.order.resize(std::size_t(H));
            std::iota(s.order.begin(), s.order.end(), 0);
            if (m_sortMode == SortMode::Variance || correlate)
                std::stable_sort(s.order.begin(), s.order.end(), [&s](int a, int b) {
                    return s.keys[std::size_t(a)] > s.keys[std::size_t(b)];
                });
            s.image = QImage(std::max(1, T), std::max(1, H), QImage::Format_RGB32);
            s.image.fill(Qt::white);
            for (int i = 0; i < H; ++i) {
                auto* line = reinterpret_cast<QRgb*>(s.image.scanLine(i));
                const int u = s.order[std::size_t(i)];
                for (int t = 0; t < T; ++t)
                    line[t] = cmap.map(h(t, u), -1.f, 1.f);
            }
            m_sections.push_back(std::move(s));
        }
}

std::vector<int> RnnActivationView::unitOrder(int section) const
{
    ensureSections();
    return section >= 0 && section < int(m_sections.size()) ? m_sections[std::size_t(section)].order
                                                            : std::vector<int>();
}

std::vector<float> RnnActivationView::sortKeys(int section) const
{
    ensureSections();
    return section >= 0 && section < int(m_sections.size()) ? m_sections[std::size_t(section)].keys
                                                            : std::vector<float>();
}

int RnnActivationView::titleHeight() const
{
    return fontMetrics().height() + 6;
}

int RnnActivationView::sectionTop(int section, const ColumnAxis& axis) const
{
    const QFontMetrics fm = fontMetrics();
    int y = headerHeight(axis) + 6 + fm.height() + colorLegendTextHeight(fm) + 6;
    for (int i = 0; i < section; ++i)
        y += titleHeight() + int(m_sections[std::size_t(i)].states->cols()) * m_rowHeight
             + kSectionGap;
    return y;
}

int RnnActivationView::contentHeight(const ColumnAxis& axis) const
{
    ensureSections();
    return sectionTop(int(m_sections.size()), axis) - headerHeight(axis) + ticksHeight() + 4;
}

QRectF RnnActivationView::heatmapRect(int section) const
{
    ensureSections();
    if (section < 0 || section >= int(m_sections.size()))
        return {};
    const ColumnAxis axis = columnAxis();
    const Section& s = m_sections[std::size_t(section)];
    const double x1 = axis.x(double(s.states->rows()) * m_rec->widthReduction);
    return QRectF(axis.left, sectionTop(section, axis) + titleHeight(), x1 - axis.left,
                  double(s.states->cols()) * m_rowHeight);
}

bool RnnActivationView::unitAt(const QPointF& pos, int* section, int* unit) const
{
    ensureSections();
    for (int i = 0; i < int(m_sections.size()); ++i) {
        const QRectF r = heatmapRect(i);
        if (pos.y() >= r.top() && pos.y() < r.bottom() && pos.x() >= r.left()
            && pos.x() < r.right()) {
            *section = i;
            *unit =
                m_sections[std::size_t(i)].order[std::size_t((pos.y() - r.top()) / m_rowHeight)];
            return true;
        }
    }
    return false;
}

void RnnActivationView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (!m_rec) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No recognition yet"));
        return;
    }
    ensureSections();
    const ColumnAxis axis = columnAxis();
    paintHeader(p, axis);
    const QFontMetrics fm = fontMetrics();
    const int legendTop = headerHeight(axis) + 6;
    if (m_sections.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QPoint(kLeftMargin, legendTop + fm.ascent()),
                   tr("No LSTM states: recognize with the probe on"));
        paintSelection(p, axis, 0, headerHeight(axis));
        return;
    }
    // title and legend
    QString order;
    const bool correlate = m_sortMode == SortMode::Correlation && m_label >= 0
                           && m_label < m_rec->logProbs.cols();
    if (m_sortMode == SortMode::Variance)
        order = tr("units sorted by variance over the line");
    else if (correlate)
        order = tr("units sorted by correlation with p(%1 | frame)")
                    .arg(classLabel(m_model ? &m_model->charset : nullptr, m_label));
    else if (m_sortMode == SortMode::Correlation)
        order = tr("select a character to sort by correlation");
    else
        order = tr("units in index order");
    p.setPen(palette().color(QPalette::Text));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QString title = tr("LSTM hidden states h = o·tanh(c)");
    p.drawText(QPoint(kLeftMargin, legendTop + fm.ascent()), title);
    p.setFont(font());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QPoint(kLeftMargin + QFontMetrics(bold).horizontalAdvance(title) + 10,
                      legendTop + fm.ascent()),
               order);
    p.setPen(palette().color(QPalette::Text));
    paintColorLegend(p,
                     QRect(width() - rightMargin() - kLegendBar - 10, legendTop + 2, kLegendBar,
                           fm.height() - 4),
                     Colormap::get(Colormap::Diverging), -1, 1, tr("h"));

    const int barLeft = int(axis.right()) + 8, barWidth = std::max(10, width() - barLeft - 6);
    const QString keyName = correlate ? tr("r") : tr("var");
    for (int i = 0; i < int(m_sections.size()); ++i) {
        const Section& s = m_sections[std::size_t(i)];
        const int top = sectionTop(i, axis);
        const QRectF r = heatmapRect(i);
        p.setPen(palette().color(QPalette::Text));
        p.setFont(bold);
        const QString name = s.backward ? tr("layer %1 · backward ←").arg(s.layer)
                                        : tr("layer %1 · forward →").arg(s.layer);
        p.drawText(QPoint(kLeftMargin, top + fm.ascent() + 2), name);
        p.setFont(font());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QPoint(kLeftMargin + QFontMetrics(bold).horizontalAdvance(name) + 10,
                          top + fm.ascent() + 2),
                   tr("%1 units").arg(s.states->cols()));
        p.drawText(QRect(barLeft, top, barWidth, titleHeight()), Qt::AlignLeft | Qt::AlignVCenter,
                   keyName);
        p.drawText(QRect(4, int(r.top()), kLeftMargin - 8, fm.height()),
                   Qt::AlignRight | Qt::AlignTop, tr("unit"));
        p.drawImage(r, s.image);
        // sort keys as bars
        float maxKey = 0;
        for (float k : s.keys)
            maxKey = std::max(maxKey, std::abs(k));
        if (maxKey > 0) {
            const double mid = correlate ? barLeft + barWidth / 2.0 : barLeft;
            const double span = correlate ? barWidth / 2.0 : barWidth;
            for (int row = 0; row < int(s.order.size()); ++row) {
                const float k = s.keys[std::size_t(s.order[std::size_t(row)])];
                const double len = correlate ? k * span
                                             : k / maxKey * span;  // r in [-1, 1] drawn to scale
                const QColor c = k >= 0 ? QColor(178, 24, 43) : QColor(33, 102, 172);
                p.fillRect(QRectF(std::min(mid, mid + len), r.top() + row * m_rowHeight,
                                  std::abs(len),
                                  std::max(1, m_rowHeight - (m_rowHeight > 3 ? 1 : 0))),
                           c);
            }
            if (correlate) {
                p.setPen(QColor(150, 150, 150));
                p.drawLine(QPointF(mid, r.top()), QPointF(mid, r.bottom()));
            }
        }
        paintSelection(p, axis, int(r.top()), int(std::ceil(r.bottom())));
    }
    paintColumnTicks(p, axis, sectionTop(int(m_sections.size()), axis) - kSectionGap + 4, true);
    paintSelection(p, axis, 0, headerHeight(axis));
}

void RnnActivationView::contentHovered(const QPointF& pos, int column)
{
    int section = -1, unit = -1;
    if (column < 0 || !unitAt(pos, &section, &unit)) {
        QToolTip::hideText();
        return;
    }
    const Section& s = m_sections[std::size_t(section)];
    const int frame = std::min<int>(int(s.states->rows()) - 1,
                                    frameOfColumn(column, m_rec->widthReduction));
    const QString key = m_sortMode == SortMode::Correlation && m_label >= 0
                            ? tr("r = %1").arg(formatValue(s.keys[std::size_t(unit)]))
                            : tr("variance %1").arg(formatValue(s.keys[std::size_t(unit)]));
    QToolTip::showText(mapToGlobal(pos.toPoint()),
                       tr("layer %1 %2 · unit %3\nh = %4 at frame %5 · %6")
                           .arg(s.layer)
                           .arg(s.backward ? QStringLiteral("←") : QStringLiteral("→"))
                           .arg(unit)
                           .arg(formatValue((*s.states)(frame, unit)))
                           .arg(frame)
                           .arg(key),
                       this);
}

}  // namespace inklens::ui::inspect
