#include "filter_view.h"

#include "colormap.h"
#include "inspect_selection.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace inklens::ui::inspect {

namespace {
constexpr int kMargin = 12;
constexpr int kGap = 3;  // between kernels
constexpr int kLegendBar = 140;
}  // namespace

FilterView::FilterView(QWidget* parent) : InspectView(parent)
{
    setMouseTracking(true);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void FilterView::setModel(std::shared_ptr<const model::Model> model)
{
    m_model = std::move(model);
    m_layers.clear();
    if (m_model) {
        const auto& spec = m_model->crnn.spec();
        for (int b = 0; b < int(spec.convs.size()); ++b) {
            const nn::Conv2d& conv = m_model->crnn.conv(b);
            Layer l;
            l.cout = conv.cout;
            l.cin = conv.cin;
            l.k = conv.k;
            l.batchNorm = m_model->crnn.batchNorm(b) != nullptr;
            l.weights.assign(conv.weight.value.data(),
                             conv.weight.value.data() + conv.weight.value.size());
            m_layers.push_back(std::move(l));
        }
    }
    summarize();
    updateGeometry();
    update();
}

void FilterView::setSummary(Summary summary)
{
    if (summary == m_summary)
        return;
    m_summary = summary;
    summarize();
    update();
}

void FilterView::setZoom(int pixelsPerTap)
{
    pixelsPerTap = std::clamp(pixelsPerTap, 2, 48);
    if (pixelsPerTap == m_zoom)
        return;
    m_zoom = pixelsPerTap;
    updateGeometry();
    update();
    emit zoomChanged(m_zoom);
}

void FilterView::summarize()
{
    for (Layer& l : m_layers) {
        const int kk = l.k * l.k;
        l.shown.assign(std::size_t(l.cout) * kk, 0.f);
        l.signedValues = l.cin == 1 || m_summary == Summary::MeanKernel;
        for (int co = 0; co < l.cout; ++co)
            for (int t = 0; t < kk; ++t) {
                double acc = 0;
                for (int ci = 0; ci < l.cin; ++ci) {
                    const float w = l.weights[(std::size_t(co) * l.cin + ci) * kk + t];
                    acc += l.signedValues ? w : double(w) * w;
                }
                l.shown[std::size_t(co) * kk + t] = float(l.signedValues ? acc / l.cin
                                                                         : std::sqrt(acc));
            }
        float maxAbs = 0, minValue = l.shown.empty() ? 0.f : l.shown.front();
        for (float x : l.shown) {
            maxAbs = std::max(maxAbs, std::abs(x));
            minValue = std::min(minValue, x);
        }
        if (maxAbs <= 0)
            maxAbs = 1;
        // signed: symmetric around 0; norms: their own range, for contrast
        l.lo = l.signedValues ? -maxAbs : (minValue < maxAbs ? minValue : 0.f);
        l.hi = maxAbs;
    }
}

int FilterView::selectedChannel(int layer) const
{
    if (m_selection)
        return m_selection->channelLayer() == layer ? m_selection->channel() : -1;
    return m_localLayer == layer ? m_localChannel : -1;
}

std::vector<FilterView::Grid> FilterView::layout(int width) const
{
    std::vector<Grid> out;
    const QFontMetrics fm = fontMetrics();
    const int titleH = fm.height() + colorLegendTextHeight(fm) + 8;
    int y = kMargin;
    const int avail = std::max(1, width - 2 * kMargin);
    for (int b = 0; b < int(m_layers.size()); ++b) {
        const Layer& l = m_layers[std::size_t(b)];
        Grid g;
        g.titleTop = y;
        g.top = y + titleH;
        g.cell = l.k * tapSize(b) + kGap;
        g.columns = std::max(1, (avail + kGap) / g.cell);
        const int rows = (l.cout + g.columns - 1) / g.columns;
        y = g.top + rows * g.cell;
        if (selectedChannel(b) >= 0 && l.cin > 1) {
            g.detailTop = y + fm.height() + 8;
            g.detailColumns = g.columns;
            y = g.detailTop + ((l.cin + g.columns - 1) / g.columns) * g.cell;
        }
        g.bottom = y;
        y += 2 * kMargin;
        out.push_back(g);
    }
    return out;
}

int FilterView::heightForWidth(int width) const
{
    if (m_layers.empty())
        return 3 * fontMetrics().height();
    return layout(width).back().bottom + kMargin;
}

QSize FilterView::sizeHint() const
{
    return {800, heightForWidth(800)};
}

QRect FilterView::kernelRect(int layer, int channel) const
{
    if (layer < 0 || layer >= int(m_layers.size()) || channel < 0
        || channel >= m_layers[std::size_t(layer)].cout)
        return {};
    const Grid g = layout(width())[std::size_t(layer)];
    const int side = m_layers[std::size_t(layer)].k * tapSize(layer);
    return QRect(kMargin + (channel % g.columns) * g.cell, g.top + (channel / g.columns) * g.cell,
                 side, side);
}

bool FilterView::kernelAt(const QPoint& pos, int* layer, int* channel) const
{
    const auto grids = layout(width());
    for (int b = 0; b < int(grids.size()); ++b) {
        const Grid& g = grids[std::size_t(b)];
        const Layer& l = m_layers[std::size_t(b)];
        if (pos.y() < g.top || pos.x() < kMargin)
            continue;
        const int col = (pos.x() - kMargin) / g.cell, row = (pos.y() - g.top) / g.cell;
        const int inX = (pos.x() - kMargin) % g.cell, inY = (pos.y() - g.top) % g.cell;
        const int ch = row * g.columns + col;
        if (col < g.columns && ch < l.cout && inX < l.k * tapSize(b) && inY < l.k * tapSize(b)) {
            *layer = b;
            *channel = ch;
            return true;
        }
    }
    return false;
}

float FilterView::kernelValue(int layer, int channel, int y, int x) const
{
    const Layer& l = m_layers[std::size_t(layer)];
    return l.shown[(std::size_t(channel) * l.k + y) * l.k + x];
}

int FilterView::tapSize(int layer) const
{
    // Block 0's kernels are the only ones drawn as they are, and there are few: larger.
    return layer == 0 ? 2 * m_zoom : m_zoom;
}

void FilterView::paintKernel(QPainter& p, const QRect& r, const float* taps, int k, const Layer& l,
                             float lo, float hi) const
{
    const Colormap& map = Colormap::get(l.signedValues ? Colormap::Diverging : Colormap::Viridis);
    const int s = r.width() / k;
    for (int y = 0; y < k; ++y)
        for (int x = 0; x < k; ++x)
            p.fillRect(QRect(r.left() + x * s, r.top() + y * s, s, s),
                       QColor::fromRgb(map.map(taps[y * k + x], lo, hi)));
    p.setPen(QColor(0, 0, 0, 45));  // a faint frame: white taps stay visible on white
    p.drawRect(r.adjusted(-1, -1, 0, 0));
}

void FilterView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    if (m_layers.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No model loaded"));
        return;
    }
    const auto grids = layout(width());
    for (int b = 0; b < int(m_layers.size()); ++b) {
        const Layer& l = m_layers[std::size_t(b)];
        const Grid& g = grids[std::size_t(b)];
        // title and legend
        QString title =
            tr("conv%1 · %2 filters of %3×%4×%4").arg(b).arg(l.cout).arg(l.cin).arg(l.k);
        QString what;
        if (l.cin == 1)
            what = tr("weights");
        else if (m_summary == Summary::L2Norm)
            what = tr("L2 norm over the %1 input channels").arg(l.cin);
        else
            what = tr("mean over the %1 input channels").arg(l.cin);
        if (l.batchNorm)
            what += tr(" (before batch norm)");
        p.setPen(palette().color(QPalette::Text));
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QPoint(kMargin, g.titleTop + fm.ascent()), title);
        const int titleW = QFontMetrics(bold).horizontalAdvance(title);
        p.setFont(font());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QPoint(kMargin + titleW + 10, g.titleTop + fm.ascent()), what);
        const QString legendTitle = l.signedValues ? tr("weight") : tr("‖w‖");
        const int legendW = colorLegendWidth(fm, kLegendBar, legendTitle);
        const int legendX = std::max(kMargin + titleW + 10 + fm.horizontalAdvance(what) + 20,
                                     width() - kMargin - 20 - kLegendBar);
        p.setPen(palette().color(QPalette::Text));
        paintColorLegend(p, QRect(legendX, g.titleTop + 2, kLegendBar, fm.height() - 4),
                         Colormap::get(l.signedValues ? Colormap::Diverging : Colormap::Viridis),
                         l.lo, l.hi, legendTitle);
        Q_UNUSED(legendW)

        const int sel = selectedChannel(b);
        for (int co = 0; co < l.cout; ++co) {
            const QRect r(kMargin + (co % g.columns) * g.cell, g.top + (co / g.columns) * g.cell,
                          l.k * tapSize(b), l.k * tapSize(b));
            paintKernel(p, r, l.shown.data() + std::size_t(co) * l.k * l.k, l.k, l, l.lo, l.hi);
            if (co == sel) {
                p.setPen(QPen(highlightColor(), 2));
                p.drawRect(r.adjusted(-1, -1, 0, 0));
            }
        }
        if (g.detailTop >= 0 && sel >= 0) {
            const int kk = l.k * l.k;
            const float* w = l.weights.data() + std::size_t(sel) * l.cin * kk;
            float maxAbs = 0;
            for (int i = 0; i < l.cin * kk; ++i)
                maxAbs = std::max(maxAbs, std::abs(w[i]));
            if (maxAbs <= 0)
                maxAbs = 1;
            p.setPen(palette().color(QPalette::Text));
            p.drawText(QPoint(kMargin, g.detailTop - 6),
                       tr("filter %1 of conv%2: its %3 input kernels (weights, ±%4)")
                           .arg(sel)
                           .arg(b)
                           .arg(l.cin)
                           .arg(formatValue(maxAbs)));
            Layer signedLayer;
            signedLayer.signedValues = true;
            for (int ci = 0; ci < l.cin; ++ci) {
                const QRect r(kMargin + (ci % g.detailColumns) * g.cell,
                              g.detailTop + (ci / g.detailColumns) * g.cell, l.k * m_zoom,
                              l.k * m_zoom);
                paintKernel(p, r, w + std::size_t(ci) * kk, l.k, signedLayer, -maxAbs, maxAbs);
            }
        }
    }
}

void FilterView::mouseMoveEvent(QMouseEvent* event)
{
    int layer = -1, channel = -1;
    if (!kernelAt(event->position().toPoint(), &layer, &channel)) {
        QToolTip::hideText();
        return;
    }
    const Layer& l = m_layers[std::size_t(layer)];
    float maxAbs = 0;
    const int n = l.cin * l.k * l.k;
    double norm = 0;
    for (int i = 0; i < n; ++i) {
        const float w = l.weights[std::size_t(channel) * n + i];
        maxAbs = std::max(maxAbs, std::abs(w));
        norm += double(w) * w;
    }
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("conv%1 · filter %2\nmax |w| %3 · ‖w‖ %4")
                           .arg(layer)
                           .arg(channel)
                           .arg(formatValue(maxAbs))
                           .arg(formatValue(std::sqrt(norm))),
                       this);
}

void FilterView::mousePressEvent(QMouseEvent* event)
{
    int layer = -1, channel = -1;
    if (event->button() != Qt::LeftButton
        || !kernelAt(event->position().toPoint(), &layer, &channel)) {
        QWidget::mousePressEvent(event);
        return;
    }
    const bool again = selectedChannel(layer) == channel;
    if (m_selection) {
        m_selection->setChannel(again ? -1 : layer, again ? -1 : channel);
    } else {
        m_localLayer = again ? -1 : layer;
        m_localChannel = again ? -1 : channel;
        selectionChanged();
    }
    emit channelSelected(layer, channel);
}

void FilterView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        setZoom(m_zoom + (event->angleDelta().y() > 0 ? 1 : -1) * std::max(1, m_zoom / 6));
        event->accept();
        return;
    }
    QWidget::wheelEvent(event);
}

void FilterView::selectionChanged()
{
    // Only the channel matters here (characters and columns are not drawn).
    const int layer = m_selection ? m_selection->channelLayer() : m_localLayer;
    const int channel = m_selection ? m_selection->channel() : m_localChannel;
    if (layer == m_shownLayer && channel == m_shownChannel)
        return;
    m_shownLayer = layer;
    m_shownChannel = channel;
    updateGeometry();
    update();
}

}  // namespace inklens::ui::inspect
