#include "colormap.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace inklens::ui::inspect {

namespace {

// Key colours, evenly spaced in t, interpolated linearly in sRGB.
// viridis and inferno: matplotlib's (van der Walt & Smith), 10 samples.
const QRgb kViridis[] = {0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e,
                         0x1f9e89, 0x35b779, 0x6dcd59, 0xb4de2c, 0xfde725};
const QRgb kInferno[] = {0x000004, 0x1b0c41, 0x4a0c6b, 0x781c6d, 0xa52c60,
                         0xcf4446, 0xed6925, 0xfb9b06, 0xf7d13d, 0xfcffa4};
// ColorBrewer RdBu (11 classes), reversed: negative blue, zero white, positive red.
const QRgb kDiverging[] = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                           0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};

template<std::size_t N>
QVector<QRgb> makeLut(const QRgb (&keys)[N])
{
    QVector<QRgb> lut(256);
    for (int i = 0; i < 256; ++i) {
        const double pos = i / 255.0 * double(N - 1);
        const int k = std::min(int(pos), int(N) - 2);
        const double f = pos - k;
        const QRgb a = keys[k], b = keys[k + 1];
        auto mix = [f](int x, int y) { return int(std::lround(x + (y - x) * f)); };
        lut[i] = qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
    }
    return lut;
}

}  // namespace

Colormap::Colormap(Kind kind) : m_kind(kind)
{
    switch (kind) {
    case Viridis:
        m_lut = makeLut(kViridis);
        break;
    case Inferno:
        m_lut = makeLut(kInferno);
        break;
    case Diverging:
        m_lut = makeLut(kDiverging);
        break;
    }
}

const Colormap& Colormap::get(Kind kind)
{
    static const Colormap viridis(Viridis), inferno(Inferno), diverging(Diverging);
    switch (kind) {
    case Viridis:
        return viridis;
    case Inferno:
        return inferno;
    case Diverging:
        break;
    }
    return diverging;
}

QRgb Colormap::at(float t) const
{
    if (!(t > 0.f))  // also NaN
        return m_lut[0];
    if (t >= 1.f)
        return m_lut[255];
    return m_lut[int(t * 255.f + 0.5f)];
}

QRgb Colormap::map(float value, float lo, float hi) const
{
    if (!(hi > lo))
        return at(0.5f);
    return at((value - lo) / (hi - lo));
}

QString formatValue(double v)
{
    if (v == 0 || !std::isfinite(v))
        return QString::number(v);
    return QString::number(v, 'g', 3);
}

int colorLegendTextHeight(const QFontMetrics& fm)
{
    return fm.height() + 4;
}

int colorLegendWidth(const QFontMetrics& fm, int barWidth, const QString& title)
{
    return (title.isEmpty() ? 0 : fm.horizontalAdvance(title) + 6) + barWidth;
}

void paintColorLegend(QPainter& p, const QRect& bar, const Colormap& map, double lo, double hi,
                      const QString& title)
{
    p.save();
    QImage strip(256, 1, QImage::Format_RGB32);
    for (int i = 0; i < 256; ++i)
        strip.setPixel(i, 0, map.atIndex(i));
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(bar, strip);
    p.setPen(QColor(90, 90, 90));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    const QFontMetrics fm = p.fontMetrics();
    const QColor text = p.pen().color();
    p.setPen(text);
    if (!title.isEmpty()) {
        const int w = fm.horizontalAdvance(title);
        p.drawText(QRect(bar.left() - 6 - w, bar.top() + bar.height() / 2 - fm.height() / 2, w,
                         fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, title);
    }
    const int y = bar.bottom() + 1;
    const QString l = formatValue(lo), m = formatValue((lo + hi) / 2), h = formatValue(hi);
    p.drawLine(bar.left(), y, bar.left(), y + 3);
    p.drawLine(bar.center().x(), y, bar.center().x(), y + 3);
    p.drawLine(bar.right(), y, bar.right(), y + 3);
    const int ty = y + 3, th = fm.height();
    p.drawText(QRect(bar.left() - 40, ty, 80, th), Qt::AlignHCenter | Qt::AlignTop, l);
    p.drawText(QRect(bar.center().x() - 40, ty, 80, th), Qt::AlignHCenter | Qt::AlignTop, m);
    p.drawText(QRect(bar.right() - 40, ty, 80, th), Qt::AlignHCenter | Qt::AlignTop, h);
    p.restore();
}

}  // namespace inklens::ui::inspect
