#pragma once
// A small passive plot of training curves (QtCharts is not available): each curve is a
// list of (x, y) points drawn against a shared x axis (steps) and its own y range, with
// its own colour and a legend. Curves with the same axis id share a y range, shown on the
// left (axis 0) or right (axis 1) with its labels.

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

namespace inklens::ui {

class CurvePlot : public QWidget
{
    Q_OBJECT
public:
    explicit CurvePlot(QWidget* parent = nullptr);

    // Adds a curve, returns its index. axis 0: left, 1: right; percent: labels in %.
    int addCurve(const QString& name, const QColor& color, int axis = 0, bool percent = false);
    void setCurveName(int curve, const QString& name);
    void addPoint(int curve, double x, double y);
    void clear();  // the points; the curves stay
    void clearCurve(int curve);
    void setXLabel(const QString& label);
    const QList<QPointF>& points(int curve) const { return m_curves[curve].points; }
    int curveCount() const { return int(m_curves.size()); }

    QSize sizeHint() const override { return {420, 180}; }
    QSize minimumSizeHint() const override { return {200, 100}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Curve
    {
        QString name;
        QColor color;
        int axis = 0;
        bool percent = false;
        QList<QPointF> points;
    };
    QList<Curve> m_curves;
    QString m_xLabel;
};

}  // namespace inklens::ui
