#include "saliency_view.h"

#include "colormap.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace inklens::ui::inspect {

namespace {
constexpr int kLegendBar = 140;
}

SaliencyView::SaliencyView(QWidget* parent) : ColumnView(parent) { }

void SaliencyView::setModel(std::shared_ptr<const model::Model> model)
{
    m_model = std::move(model);
    update();
}

void SaliencyView::setSaliency(std::shared_ptr<const model::SaliencyMap> map, int character)
{
    m_map = std::move(map);
    m_character = m_map ? character : -1;
    m_dirty = true;
    update();
}

void SaliencyView::setStatus(const QString& text)
{
    m_status = text;
    update();
}

void SaliencyView::recognitionChanged()
{
    m_map.reset();
    m_character = -1;
    m_dirty = true;
}

void SaliencyView::ensureImage() const
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_heat = QImage();
    m_profile.clear();
    m_scale = 0;
    if (!m_map || m_map->empty())
        return;
    const int w = m_map->width, h = m_map->height;
    const std::vector<float>& v = m_map->values;
    m_profile.assign(std::size_t(w), 0.f);
    std::vector<float> magnitude(v.size());
    if (m_map->method == model::SaliencyMethod::Gradient) {
        for (std::size_t i = 0; i < v.size(); ++i)
            magnitude[i] = std::abs(v[i]);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                m_profile[std::size_t(x)] += magnitude[std::size_t(y) * w + x];
        // scale to the 99th percentile: a few large pixels should not wash out the rest
        std::vector<float> sorted = magnitude;
        const std::size_t k = std::min(sorted.size() - 1,
                                       std::size_t(double(sorted.size()) * 0.99));
        std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(k), sorted.end());
        m_scale = sorted[k];
        if (m_scale <= 0)
            m_scale = *std::max_element(magnitude.begin(), magnitude.end());
    } else {
        for (int x = 0; x < w; ++x)
            m_profile[std::size_t(x)] = v[std::size_t(x)];  // constant down each column
        for (std::size_t i = 0; i < v.size(); ++i)
            magnitude[i] = std::max(0.f, v[i]);
        for (float d : m_profile)
            m_scale = std::max(m_scale, std::abs(d));
    }
    const float inv = m_scale > 0 ? 1.f / m_scale : 0.f;
    const bool gradient = m_map->method == model::SaliencyMethod::Gradient;
    const Colormap& cmap = Colormap::get(Colormap::Inferno);
    m_heat = QImage(w, h, QImage::Format_ARGB32);
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(m_heat.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const float t = std::clamp(magnitude[std::size_t(y) * w + x] * inv, 0.f, 1.f);
            const QRgb c = cmap.at(0.25f
                                   + 0.75f * t);  // skip the near-black start: it reads as ink
            // gradients: sqrt lifts the faint tail; occlusion: one value per band, linear
            const float alpha = gradient ? std::sqrt(t) : t;
            line[x] = qRgba(qRed(c), qGreen(c), qBlue(c), int(std::lround(230 * alpha)));
        }
    }
}

std::vector<float> SaliencyView::columnProfile() const
{
    ensureImage();
    return m_profile;
}

float SaliencyView::scaleMax() const
{
    ensureImage();
    return m_scale;
}

int SaliencyView::heatTop(const ColumnAxis& axis) const
{
    const QFontMetrics fm = fontMetrics();
    return titleTop(axis) + fm.height() + colorLegendTextHeight(fm) + 6;
}

int SaliencyView::contentHeight(const ColumnAxis& axis) const
{
    return heatTop(axis) - headerHeight(axis) + inkHeight(axis) + 10 + kProfileHeight + 6
           + ticksHeight() + 4;
}

QRectF SaliencyView::heatRect() const
{
    if (!m_rec)
        return {};
    const ColumnAxis axis = columnAxis();
    return QRectF(axis.left, heatTop(axis), axis.right() - axis.left, inkHeight(axis));
}

QRectF SaliencyView::profileRect() const
{
    const QRectF h = heatRect();
    if (h.isEmpty())
        return {};
    return QRectF(h.left(), h.bottom() + 10, h.width(), kProfileHeight);
}

void SaliencyView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (!m_rec) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No recognition yet"));
        return;
    }
    ensureImage();
    const ColumnAxis axis = columnAxis();
    paintHeader(p, axis);
    const QFontMetrics fm = fontMetrics();
    const int top = titleTop(axis);
    const QRectF heat = heatRect(), prof = profileRect();

    const bool haveMap = m_map && !m_map->empty() && m_character >= 0
                         && m_character < int(m_rec->chars.size());
    const bool gradient = haveMap && m_map->method == model::SaliencyMethod::Gradient;
    int computedFirst = 0, computedEnd = haveMap ? m_map->width : 0;
    if (haveMap && m_map->endColumn > m_map->firstColumn) {
        computedFirst = m_map->firstColumn;
        computedEnd = m_map->endColumn;
    }
    QString title, detail;
    if (haveMap) {
        const QString ch = charLabel(m_rec->chars[std::size_t(m_character)]);
        if (gradient) {
            title = tr("Gradient saliency of “%1”").arg(ch);
            detail =
                tr("|∂ log p(%1 | frame %2) / ∂ pixel|, batch norm in inference mode; log p = %3")
                    .arg(ch)
                    .arg(m_map->frame)
                    .arg(m_map->score, 0, 'f', 3);
        } else {
            title = tr("Occlusion sensitivity of “%1”").arg(ch);
            detail = tr("drop of log p(%1 | frame %2) when a %3-column band is blanked; log p = %4")
                         .arg(ch)
                         .arg(m_map->frame)
                         .arg(m_map->band)
                         .arg(m_map->score, 0, 'f', 3);
            if (computedEnd - computedFirst < m_map->width)
                detail += tr("; bands tried: columns %1–%2 (hatched: not tried)")
                              .arg(computedFirst)
                              .arg(computedEnd - 1);
        }
    } else {
        title = tr("Saliency");
        detail = m_status.isEmpty() ? tr("Click a character to see which pixels it depends on.")
                                    : m_status;
    }
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QPoint(kLeftMargin, top + fm.ascent()), title);
    p.setFont(font());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(
        QPoint(kLeftMargin + QFontMetrics(bold).horizontalAdvance(title) + 10, top + fm.ascent()),
        detail);
    if (haveMap) {
        p.setPen(palette().color(QPalette::Text));
        paintColorLegend(
            p,
            QRect(width() - rightMargin() - kLegendBar - 10, top + 2, kLegendBar, fm.height() - 4),
            Colormap::get(Colormap::Inferno), 0, m_scale, gradient ? tr("|∂/∂x|") : tr("drop"));
    }

    // heat over the (lightened) ink
    paintInk(p, heat);
    p.fillRect(heat, QColor(255, 255, 255, haveMap ? 120 : 0));
    if (haveMap) {
        p.save();
        p.setRenderHint(QPainter::SmoothPixmapTransform, !gradient ? false : axis.scale > 1.5);
        p.drawImage(QRectF(axis.x(0), heat.top(), axis.x(m_map->width) - axis.x(0), heat.height()),
                    m_heat);
        p.restore();
    }
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRectF(4, heat.top(), kLeftMargin - 8, heat.height()),
               Qt::AlignLeft | Qt::AlignVCenter, gradient ? tr("|grad|") : tr("drop"));

    // the column profile
    p.fillRect(prof, QColor(248, 248, 248));
    p.setPen(QColor(200, 200, 200));
    p.drawRect(prof.adjusted(0, 0, -1, -1));
    if (haveMap && !m_profile.empty()) {
        float lo = 0, hi = 0;
        for (float v : m_profile) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        const double range = std::max(1e-12f, hi - lo);
        const double zeroY = prof.top() + prof.height() * (hi / range);
        const QColor pos(232, 89, 12), neg(33, 102, 172);
        for (int x = 0; x < int(m_profile.size()); ++x) {
            const double v = m_profile[std::size_t(x)];
            const double hgt = v / range * prof.height();
            const double x0 = axis.x(x), x1 = axis.x(x + 1);
            p.fillRect(
                QRectF(x0, v >= 0 ? zeroY - hgt : zeroY, std::max(1.0, x1 - x0), std::abs(hgt)),
                v >= 0 ? pos : neg);
        }
        p.setPen(QColor(120, 120, 120));
        p.drawLine(QPointF(prof.left(), zeroY), QPointF(prof.right(), zeroY));
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(4, prof.top(), kLeftMargin - 8, fm.height()),
                   Qt::AlignRight | Qt::AlignTop, formatValue(hi));
        if (lo < 0)
            p.drawText(QRectF(4, prof.bottom() - fm.height(), kLeftMargin - 8, fm.height()),
                       Qt::AlignRight | Qt::AlignBottom, formatValue(lo));
        p.drawText(QRectF(4, prof.top() + prof.height() / 2 - fm.height() / 2.0, kLeftMargin - 8,
                          fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, gradient ? tr("Σ col") : tr("Δ log p"));
    }
    if (haveMap && (computedFirst > 0 || computedEnd < m_map->width)) {  // columns not computed
        const QBrush hatch(QColor(120, 120, 120, 110), Qt::BDiagPattern);
        for (const auto& [x0, x1] :
             {std::pair{0, computedFirst}, std::pair{computedEnd, m_map->width}})
            if (x1 > x0)
                for (const QRectF& r : {heat, prof})
                    p.fillRect(QRectF(axis.x(x0), r.top(), axis.x(x1) - axis.x(x0), r.height()),
                               hatch);
    }
    paintColumnTicks(p, axis, int(std::ceil(prof.bottom())) + 4, false);
    paintSelection(p, axis, 0, headerHeight(axis));
    paintSelection(p, axis, int(heat.top()), int(std::ceil(prof.bottom())));
}

}  // namespace inklens::ui::inspect
