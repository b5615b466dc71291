#include "feature_map_view.h"

#include "colormap.h"
#include "inspect_selection.h"

#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace inklens::ui::inspect {

namespace {
constexpr int kLegendBar = 140;
}

FeatureMapView::FeatureMapView(QWidget* parent) : ColumnView(parent) { }

const nn::Tensor4* FeatureMapView::map() const
{
    if (!m_rec || !m_rec->probe || m_layer < 0 || m_layer >= int(m_rec->probe->convMaps.size()))
        return nullptr;
    const nn::Tensor4& t = m_rec->probe->convMaps[std::size_t(m_layer)];
    return t.size() > 0 ? &t : nullptr;
}

int FeatureMapView::layerCount() const
{
    return m_rec && m_rec->probe ? int(m_rec->probe->convMaps.size()) : 0;
}

void FeatureMapView::setLayer(int block)
{
    block = std::max(0, block);
    if (block == m_layer)
        return;
    m_layer = block;
    m_dirty = true;
    updateGeometry();
    update();
}

void FeatureMapView::setTilesPerRow(int tiles)
{
    tiles = std::max(1, tiles);
    if (tiles == m_tilesPerRow)
        return;
    m_tilesPerRow = tiles;
    updateGeometry();
    update();
}

void FeatureMapView::setNormalization(Normalization normalization)
{
    if (normalization == m_normalization)
        return;
    m_normalization = normalization;
    m_dirty = true;
    update();
}

void FeatureMapView::recognitionChanged()
{
    m_dirty = true;
}

int FeatureMapView::columnStride() const
{
    const nn::Tensor4* t = map();
    if (!t || t->w <= 0)
        return 1;
    // W_b = floor(W / S_b) with S_b a product of pool widths: S_b = round(W / W_b).
    return std::max(1, int(std::lround(double(m_rec->inputWidth) / t->w)));
}

int FeatureMapView::selectedChannel() const
{
    const nn::Tensor4* t = map();
    int ch = -1;
    if (m_selection)
        ch = m_selection->channelLayer() == m_layer ? m_selection->channel() : -1;
    else
        ch = m_localChannel;
    return t && ch < t->c ? ch : -1;
}

FeatureMapView::Layout FeatureMapView::layoutFor(const ColumnAxis& axis) const
{
    Layout l;
    const QFontMetrics fm = fontMetrics();
    l.titleTop = headerHeight(axis) + 6;
    int y = l.titleTop + fm.height() + colorLegendTextHeight(fm) + 6;
    const nn::Tensor4* t = map();
    if (!t) {
        l.gridTop = y;
        l.bottom = y + fm.height();
        return l;
    }
    if (selectedChannel() >= 0) {
        l.overlayTop = y;
        l.overlayHeight = inkHeight(axis);
        y += l.overlayHeight + 10;
    }
    const int n = m_tilesPerRow;
    l.gridTop = y;
    l.tileWidth = std::max(1.0, (axis.right() - axis.left - (n - 1) * l.colGap) / n);
    const double mapWidth = t->w * columnStride()
                            * (l.tileWidth / std::max(1, axis.columns));  // pixels of W_b*S_b
    l.tileHeight = std::clamp(int(std::lround(t->h * mapWidth / std::max(1, t->w))), 6, 96);
    l.rows = (t->c + n - 1) / n;
    l.bottom = l.gridTop + l.rows * (l.tileHeight + l.rowGap) + 4 + ticksHeight();
    return l;
}

int FeatureMapView::contentHeight(const ColumnAxis& axis) const
{
    return layoutFor(axis).bottom - headerHeight(axis);
}

QRectF FeatureMapView::tileRect(int channel) const
{
    const nn::Tensor4* t = map();
    if (!t || channel < 0 || channel >= t->c)
        return {};
    const ColumnAxis axis = columnAxis();
    const Layout l = layoutFor(axis);
    const int n = m_tilesPerRow;
    return QRectF(axis.left + (channel % n) * (l.tileWidth + l.colGap),
                  l.gridTop + (channel / n) * (l.tileHeight + l.rowGap), l.tileWidth, l.tileHeight);
}

ColumnAxis FeatureMapView::tileAxis(int channel) const
{
    const QRectF r = tileRect(channel);
    ColumnAxis a;
    a.columns = m_rec ? m_rec->inputWidth : 0;
    a.left = r.left();
    a.scale = a.columns > 0 ? r.width() / a.columns : 1;
    return a;
}

int FeatureMapView::channelAt(const QPointF& pos) const
{
    const nn::Tensor4* t = map();
    if (!t)
        return -1;
    const ColumnAxis axis = columnAxis();
    const Layout l = layoutFor(axis);
    if (pos.y() < l.gridTop || pos.x() < axis.left)
        return -1;
    const int col = int((pos.x() - axis.left) / (l.tileWidth + l.colGap));
    const int row = int((pos.y() - l.gridTop) / (l.tileHeight + l.rowGap));
    const int ch = row * m_tilesPerRow + col;
    if (col >= m_tilesPerRow || ch >= t->c)
        return -1;
    return tileRect(ch).contains(pos) ? ch : -1;
}

QRectF FeatureMapView::overlayRect() const
{
    const ColumnAxis axis = columnAxis();
    const Layout l = layoutFor(axis);
    if (l.overlayTop < 0)
        return {};
    return QRectF(axis.left, l.overlayTop, axis.right() - axis.left, l.overlayHeight);
}

void FeatureMapView::ensureImage() const
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_image = QImage();
    m_channelMax.clear();
    const nn::Tensor4* t = map();
    if (!t)
        return;
    const int c = t->c, h = t->h, w = t->w;
    m_channelMax.assign(std::size_t(c), 0.f);
    float layerMax = 0;
    for (int ch = 0; ch < c; ++ch) {
        const float* plane = t->plane(0, ch);
        float mx = 0;
        for (int i = 0; i < h * w; ++i)
            mx = std::max(mx, plane[i]);
        m_channelMax[std::size_t(ch)] = mx;
        layerMax = std::max(layerMax, mx);
    }
    const Colormap& cmap = Colormap::get(Colormap::Viridis);
    m_image = QImage(w, c * h, QImage::Format_RGB32);
    for (int ch = 0; ch < c; ++ch) {
        const float norm = m_normalization == Normalization::PerChannel
                               ? m_channelMax[std::size_t(ch)]
                               : layerMax;
        const float inv = norm > 0 ? 1.f / norm : 0.f;
        const float* plane = t->plane(0, ch);
        for (int y = 0; y < h; ++y) {
            auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(ch * h + y));
            const float* src = plane + std::size_t(y) * w;
            for (int x = 0; x < w; ++x)
                line[x] = cmap.at(src[x] * inv);
        }
    }
}

QImage FeatureMapView::overlayImage(int channel) const
{
    const nn::Tensor4* t = map();
    const float mx = m_channelMax[std::size_t(channel)];
    const float inv = mx > 0 ? 1.f / mx : 0.f;
    const Colormap& cmap = Colormap::get(Colormap::Viridis);
    QImage img(t->w, t->h, QImage::Format_ARGB32);
    for (int y = 0; y < t->h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
        const float* src = t->plane(0, channel) + std::size_t(y) * t->w;
        for (int x = 0; x < t->w; ++x) {
            const float v = std::clamp(src[x] * inv, 0.f, 1.f);
            const QRgb c = cmap.at(v);
            line[x] = qRgba(qRed(c), qGreen(c), qBlue(c), int(40 + 200 * v));
        }
    }
    return img;
}

void FeatureMapView::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    if (!m_rec) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No recognition yet"));
        return;
    }
    const ColumnAxis axis = columnAxis();
    paintHeader(p, axis);
    const Layout l = layoutFor(axis);
    const QFontMetrics fm = fontMetrics();
    const nn::Tensor4* t = map();
    if (!t) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRect(kLeftMargin, l.titleTop, width() - kLeftMargin, fm.height() * 2),
                   Qt::AlignLeft | Qt::AlignTop,
                   tr("No feature maps: recognize with the probe on"));
        paintSelection(p, axis, 0, headerHeight(axis));
        return;
    }
    ensureImage();

    // title and legend
    p.setPen(palette().color(QPalette::Text));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QString title =
        tr("conv%1 · %2 channels of %3×%4").arg(m_layer).arg(t->c).arg(t->h).arg(t->w);
    p.drawText(QPoint(kLeftMargin, l.titleTop + fm.ascent()), title);
    p.setFont(font());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(
        QPoint(kLeftMargin + QFontMetrics(bold).horizontalAdvance(title) + 10,
               l.titleTop + fm.ascent()),
        columnStride() == 1
            ? tr("after the activation; one map column per image column")
            : tr("after the activation; one map column per %1 image columns").arg(columnStride()));
    const bool perChannel = m_normalization == Normalization::PerChannel;
    float layerMax = 0;
    for (float v : m_channelMax)
        layerMax = std::max(layerMax, v);
    p.setPen(palette().color(QPalette::Text));
    paintColorLegend(p,
                     QRect(width() - rightMargin() - kLegendBar - 10, l.titleTop + 2, kLegendBar,
                           fm.height() - 4),
                     Colormap::get(Colormap::Viridis), 0, perChannel ? 1.0 : double(layerMax),
                     perChannel ? tr("activation ÷ channel max") : tr("activation"));

    const int sel = selectedChannel();
    const int h = t->h;
    const double mapColumns = double(t->w) * columnStride();  // image columns the map covers
    // the selected channel over the ink
    if (l.overlayTop >= 0 && sel >= 0) {
        const QRectF ink(axis.left, l.overlayTop, axis.right() - axis.left, l.overlayHeight);
        paintInk(p, ink);
        p.fillRect(ink, QColor(255, 255, 255, 110));
        p.save();
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(QRectF(axis.left, l.overlayTop, mapColumns * axis.scale, l.overlayHeight),
                    overlayImage(sel));
        p.restore();
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(4, l.overlayTop, kLeftMargin - 8, l.overlayHeight),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                   tr("ch %1\nover ink").arg(sel));
    }

    // the tiles
    const QRect exposed = event->rect();
    p.setPen(palette().color(QPalette::PlaceholderText));
    const int labelEvery = std::max(1, (fm.height() + l.rowGap) / (l.tileHeight + l.rowGap) + 1);
    for (int ch = 0; ch < t->c; ++ch) {
        const QRectF r = tileRect(ch);
        if (!r.toAlignedRect().intersects(exposed))
            continue;
        const ColumnAxis ta = tileAxis(ch);
        p.drawImage(QRectF(r.left(), r.top(), mapColumns * ta.scale, r.height()), m_image,
                    QRectF(0, ch * h, t->w, h));
        const int row = ch / m_tilesPerRow;
        if (ch % m_tilesPerRow == 0 && row % labelEvery == 0) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(
                QRectF(4, r.top(), kLeftMargin - 8, std::max<double>(r.height(), fm.height())),
                Qt::AlignRight | Qt::AlignTop, QString::number(ch));
        }
        if (ch == sel) {
            p.setPen(QPen(highlightColor(), 2));
            p.drawRect(r.adjusted(-1, -1, 1, 1));
        }
        if (m_selection)
            paintSelection(p, ta, int(r.top()), int(std::ceil(r.bottom())));
    }
    if (m_tilesPerRow == 1)  // several tiles per row: each tile spans the whole line
        paintColumnTicks(p, axis, l.gridTop + l.rows * (l.tileHeight + l.rowGap) + 2, false);
    paintSelection(p, axis, 0, headerHeight(axis));
    if (l.overlayTop >= 0)
        paintSelection(p, axis, l.overlayTop, l.overlayTop + l.overlayHeight);
}

int FeatureMapView::contentColumnAt(const QPointF& pos) const
{
    const int ch = channelAt(pos);
    if (ch >= 0)
        return tileAxis(ch).columnAt(pos.x());
    if (overlayRect().contains(pos))
        return columnAxis().columnAt(pos.x());
    return -1;
}

void FeatureMapView::contentPressed(const QPointF& pos, int)
{
    const int ch = channelAt(pos);
    if (ch < 0)
        return;
    const bool again = selectedChannel() == ch;
    if (m_selection) {
        m_selection->setChannel(again ? -1 : m_layer, again ? -1 : ch);
    } else {
        m_localChannel = again ? -1 : ch;
        selectionChanged();
    }
    emit channelSelected(m_layer, ch);
}

void FeatureMapView::contentHovered(const QPointF& pos, int column)
{
    const int ch = channelAt(pos);
    const nn::Tensor4* t = map();
    if (ch < 0 || !t || column < 0) {
        QToolTip::hideText();
        return;
    }
    ensureImage();
    const QRectF r = tileRect(ch);
    const int mx = std::min(t->w - 1, column / columnStride());
    const int my = std::clamp(int((pos.y() - r.top()) / r.height() * t->h), 0, t->h - 1);
    QToolTip::showText(mapToGlobal(pos.toPoint()),
                       tr("conv%1 · channel %2\nvalue %3 (channel max %4)")
                           .arg(m_layer)
                           .arg(ch)
                           .arg(formatValue(t->at(0, ch, my, mx)))
                           .arg(formatValue(m_channelMax[std::size_t(ch)])),
                       this);
}

void FeatureMapView::selectionChanged()
{
    const int ch = selectedChannel();
    if (ch != m_layoutChannel) {  // the enlarged channel appears or goes
        m_layoutChannel = ch;
        updateGeometry();
    }
    update();
}

}  // namespace inklens::ui::inspect
