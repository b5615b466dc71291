#include "inspect_util.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace inklens::ui::inspect {

int ColumnAxis::columnAt(double wx) const
{
    if (columns <= 0 || scale <= 0 || wx < left)
        return -1;
    const int c = int(std::floor((wx - left) / scale));
    return c < columns ? c : -1;
}

ColumnAxis ColumnAxis::fit(double left, double width, int columns)
{
    ColumnAxis a;
    a.left = left;
    a.columns = columns;
    a.scale = columns > 0 ? std::max(1e-3, width / columns) : 1.0;
    return a;
}

int convColumnStride(const model::CrnnSpec& spec, int block)
{
    int s = 1;
    for (int b = 0; b < block && b < int(spec.convs.size()); ++b)
        s *= spec.convs[std::size_t(b)].poolW;
    return s;
}

int characterAtColumn(const model::Recognition& rec, int column)
{
    for (std::size_t i = 0; i < rec.chars.size(); ++i)
        if (rec.chars[i].firstColumn <= column && column <= rec.chars[i].lastColumn)
            return int(i);
    return -1;
}

int characterAtFrame(const model::Recognition& rec, int frame)
{
    for (std::size_t i = 0; i < rec.chars.size(); ++i)
        if (rec.chars[i].firstFrame <= frame && frame <= rec.chars[i].lastFrame)
            return int(i);
    return -1;
}

std::vector<ClassProb> topClasses(const nn::Mat& logProbs, int frame, int k)
{
    std::vector<ClassProb> out;
    if (frame < 0 || frame >= logProbs.rows())
        return out;
    for (int c = 0; c < logProbs.cols(); ++c)
        out.push_back({c, std::exp(logProbs(frame, c))});
    k = std::clamp(k, 0, int(out.size()));
    std::partial_sort(out.begin(), out.begin() + k, out.end(),
                      [](const ClassProb& a, const ClassProb& b) {
        return a.prob != b.prob ? a.prob > b.prob : a.label < b.label;
    });
    out.resize(std::size_t(k));
    return out;
}

QString classLabel(const model::Charset* charset, int label)
{
    if (label == model::Charset::kBlank)
        return QStringLiteral("∅");
    if (!charset || label >= charset->size() || label < 0)
        return QStringLiteral("#%1").arg(label);
    const char32_t c = charset->charOf(label);
    if (c == U' ')
        return QStringLiteral("␣");
    return QString::fromUcs4(&c, 1);
}

QString charLabel(const model::RecognizedChar& c)
{
    const QString s = QString::fromStdString(c.text);
    return s == QLatin1String(" ") ? QStringLiteral("␣") : s;
}

QString columnSummary(const model::Recognition& rec, const model::Charset* charset, int column,
                      int k)
{
    if (column < 0 || column >= rec.inputWidth)
        return {};
    const int frame = frameOfColumn(column, rec.widthReduction);
    QString s = QCoreApplication::translate("inklens::ui::inspect::InspectView",
                                            "column %1 · frame %2")
                    .arg(column)
                    .arg(frame);
    if (frame >= rec.logProbs.rows())
        return s;
    QStringList parts;
    for (const ClassProb& c : topClasses(rec.logProbs, frame, k)) {
        const double pct = c.prob * 100.0;
        parts << QStringLiteral("%1 %2%")
                     .arg(classLabel(charset, c.label))
                     .arg(pct, 0, 'f', pct < 9.95 ? 1 : 0);
    }
    return s + QStringLiteral(": ") + parts.join(QStringLiteral(" · "));
}

std::vector<float> pixelsFromLineImage(const QImage& image)
{
    const QImage g = image.convertToFormat(QImage::Format_Grayscale16);
    std::vector<float> out(std::size_t(g.width()) * g.height());
    for (int y = 0; y < g.height(); ++y) {
        const auto* row = reinterpret_cast<const quint16*>(g.constScanLine(y));
        for (int x = 0; x < g.width(); ++x)
            out[std::size_t(y) * g.width() + x] = 1.f - row[x] / 65535.f;
    }
    return out;
}

double pearson(const float* a, const float* b, int n, int strideA, int strideB)
{
    if (n < 2)
        return 0;
    double ma = 0, mb = 0;
    for (int i = 0; i < n; ++i) {
        ma += a[std::size_t(i) * strideA];
        mb += b[std::size_t(i) * strideB];
    }
    ma /= n;
    mb /= n;
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < n; ++i) {
        const double da = a[std::size_t(i) * strideA] - ma, db = b[std::size_t(i) * strideB] - mb;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
    }
    if (saa <= 1e-20 || sbb <= 1e-20)
        return 0;
    return sab / std::sqrt(saa * sbb);
}

}  // namespace inklens::ui::inspect
