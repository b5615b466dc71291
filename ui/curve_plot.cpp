#include "curve_plot.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace inklens::ui {

CurvePlot::CurvePlot(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

int CurvePlot::addCurve(const QString& name, const QColor& color, int axis, bool percent)
{
    m_curves.append({name, color, axis, percent, {}});
    update();
    return int(m_curves.size()) - 1;
}

void CurvePlot::setCurveName(int curve, const QString& name)
{
    m_curves[curve].name = name;
    update();
}

void CurvePlot::addPoint(int curve, double x, double y)
{
    if (!std::isfinite(x) || !std::isfinite(y))
        return;
    m_curves[curve].points.append({x, y});
    update();
}

void CurvePlot::clear()
{
    for (Curve& c : m_curves)
        c.points.clear();
    update();
}

void CurvePlot::clearCurve(int curve)
{
    m_curves[curve].points.clear();
    update();
}

void CurvePlot::setXLabel(const QString& label)
{
    m_xLabel = label;
    update();
}

void CurvePlot::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int labelW = fm.horizontalAdvance(QStringLiteral("100 %")) + 6;
    const QRectF plot = QRectF(rect()).adjusted(labelW, fm.height() + 6, -labelW, -fm.height() - 6);
    if (plot.width() < 10 || plot.height() < 10)
        return;

    // The x range over all curves; the y range per axis (from 0).
    double x0 = 0, x1 = 1;
    double y1[2] = {0, 0};
    bool any = false;
    for (const Curve& c : m_curves)
        for (const QPointF& pt : c.points) {
            x1 = any ? std::max(x1, pt.x()) : std::max(1.0, pt.x());
            y1[c.axis & 1] = std::max(y1[c.axis & 1], pt.y());
            any = true;
        }
    for (double& y : y1)
        y = y > 0 ? y * 1.05 : 1;

    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(plot);
    for (int k = 1; k < 4; ++k) {
        const double y = plot.top() + plot.height() * k / 4;
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    // Axis labels: each axis in the colour of its first curve.
    p.setPen(palette().color(QPalette::Text));
    for (int axis = 0; axis < 2; ++axis) {
        const auto c = std::find_if(m_curves.begin(), m_curves.end(),
                                    [axis](const Curve& c) { return c.axis == axis; });
        if (c == m_curves.end())
            continue;
        p.setPen(c->color.darker(120));
        for (int k = 0; k <= 4; ++k) {
            const double v = y1[axis] * (4 - k) / 4;
            const QString text = c->percent ? QStringLiteral("%1 %").arg(100 * v, 0, 'f', 0)
                                            : QString::number(v, 'g', 3);
            const double y = plot.top() + plot.height() * k / 4;
            const QRectF box = axis == 0 ? QRectF(0, y - fm.height() / 2.0, labelW - 4, fm.height())
                                         : QRectF(plot.right() + 4, y - fm.height() / 2.0,
                                                  labelW - 4, fm.height());
            p.drawText(box, (axis == 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, text);
        }
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()),
               Qt::AlignRight | Qt::AlignTop, QString::number(x1, 'f', 0));
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()),
               Qt::AlignLeft | Qt::AlignTop, QString::number(x0, 'f', 0));
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()),
               Qt::AlignHCenter | Qt::AlignTop, m_xLabel);

    // The curves, and the legend above the plot.
    double legendX = plot.left();
    for (const Curve& c : m_curves) {
        const double ymax = y1[c.axis & 1];
        auto at = [&](const QPointF& pt) {
            return QPointF(plot.left() + plot.width() * (pt.x() - x0) / (x1 - x0),
                           plot.bottom() - plot.height() * pt.y() / ymax);
        };
        p.setPen(QPen(c.color, 2));
        if (c.points.size() == 1) {
            p.setBrush(c.color);
            p.drawEllipse(at(c.points.front()), 3, 3);
        } else if (!c.points.isEmpty()) {
            QPainterPath path(at(c.points.front()));
            for (qsizetype i = 1; i < c.points.size(); ++i)
                path.lineTo(at(c.points[i]));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
        }
        p.fillRect(QRectF(legendX, 4 + fm.height() / 2.0 - 2, 14, 4), c.color);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QPointF(legendX + 18, 4 + fm.ascent()), c.name);
        legendX += 18 + fm.horizontalAdvance(c.name) + 16;
    }
}

}  // namespace inklens::ui
