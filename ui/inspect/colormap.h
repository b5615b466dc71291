#pragma once
// Colour scales of the inspection views and their legends.
//   viridis  activations, posteriors (sequential, perceptually uniform)
//   inferno  saliency heat laid over the ink
//   diverging (blue - white - red, ColorBrewer RdBu) signed values: weights, LSTM states
// A Colormap maps t in [0, 1] to a colour through a 256-entry table; values outside are
// clamped and NaN maps to t = 0.

#include <QColor>
#include <QFontMetrics>
#include <QImage>
#include <QRect>
#include <QString>
#include <QVector>

class QPainter;

namespace inklens::ui::inspect {

class Colormap
{
public:
    enum Kind { Viridis, Inferno, Diverging };
    static const Colormap& get(Kind kind);

    Kind kind() const { return m_kind; }
    QRgb at(float t) const;                         // t in [0, 1]
    QRgb atIndex(int i) const { return m_lut[i]; }  // 0..255
    // value in [lo, hi] -> colour (lo < hi; lo == hi maps everything to the middle)
    QRgb map(float value, float lo, float hi) const;

private:
    explicit Colormap(Kind kind);
    Kind m_kind;
    QVector<QRgb> m_lut;  // 256 entries
};

// A horizontal colour bar with its range: `title` left of the bar (ending 6 px before it),
// the values lo, (lo + hi) / 2 and hi under it, in colorLegendTextHeight() pixels below.
void paintColorLegend(QPainter& painter, const QRect& bar, const Colormap& map, double lo,
                      double hi, const QString& title);
int colorLegendTextHeight(const QFontMetrics& fm);
// The width a legend needs with a bar of barWidth (title and labels included).
int colorLegendWidth(const QFontMetrics& fm, int barWidth, const QString& title);

// A compact number for legends and tooltips: 3 significant digits, no trailing zeros.
QString formatValue(double v);

}  // namespace inklens::ui::inspect
