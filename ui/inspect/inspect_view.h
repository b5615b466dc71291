#pragma once
// Base classes of the inspection views.
//
// InspectView: a passive widget that observes a shared InspectSelection (repaints when
// it changes) and exports itself as a PNG (context menu: Export as PNG..., Copy Image).
//
// ColumnView: an InspectView drawn along the columns of the line image. Image column c
// sits at widget x = columnAxis().x(c): fitted to the width (columnZoom 0, the default)
// or at a fixed number of pixels per column (then the view asks for that width and a
// scroll area scrolls it). At the top, under a row with the recognized characters,
// the ink itself, so every column view lines up with the writing. Hovering the ink or
// the characters hovers a character; clicking selects it (clicking it again deselects);
// hovering anywhere hovers a column. The highlighted character's columns and the
// hovered column are drawn over the whole view.
//
// Views keep what they are given (immutable snapshots), build their pictures lazily at
// the first paint after a change, and never run the network.

#include "inspect_selection.h"
#include "inspect_util.h"

#include <QPointer>
#include <QWidget>

#include <memory>

namespace inklens::ui::inspect {

class InspectView : public QWidget
{
    Q_OBJECT
public:
    explicit InspectView(QWidget* parent = nullptr);

    // Not owned; may be null (then the view highlights nothing). Views sharing one
    // selection are linked.
    void setSelectionModel(InspectSelection* selection);
    InspectSelection* selectionModel() const { return m_selection; }

    // The whole view as an image (its full size, also the parts scrolled away).
    QImage renderImage();
    bool exportPng(const QString& path);
    // Asks for a file name, then exportPng. Returns false when cancelled or on failure.
    bool exportPngInteractive();
    // File name stem suggested by exportPngInteractive, e.g. "filters".
    virtual QString exportName() const = 0;

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    // Called when the selection model changes; the default repaints.
    virtual void selectionChanged() { update(); }

    QPointer<InspectSelection> m_selection;
};

class ColumnView : public InspectView
{
    Q_OBJECT
public:
    explicit ColumnView(QWidget* parent = nullptr);

    // The recognition and the line image it was read from (see inspect_util.h: dark ink
    // on light paper, inputWidth x inputHeight; another size is scaled to fit).
    // Null clears the view.
    virtual void setRecognition(std::shared_ptr<const model::Recognition> recognition,
                                const QImage& lineImage);
    std::shared_ptr<const model::Recognition> recognition() const { return m_rec; }

    // Widget pixels per image column; 0 fits the line to the width.
    void setColumnZoom(double pixelsPerColumn);
    double columnZoom() const { return m_columnZoom; }

    // Where image columns land, for the current width.
    ColumnAxis columnAxis() const { return axisForWidth(width()); }
    ColumnAxis axisForWidth(int widgetWidth) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    static constexpr int kLeftMargin = 64;  // room for row labels
    // Rows of the header: the characters, then the ink.
    int charRowHeight() const;
    int inkHeight(const ColumnAxis& axis) const;
    int headerHeight(const ColumnAxis& axis) const { return charRowHeight() + inkHeight(axis); }

signals:
    void characterHovered(int index);  // -1 when leaving
    void characterClicked(int index);
    void columnHovered(int column);  // -1 when leaving

protected:
    virtual int rightMargin() const { return 12; }
    // Height of everything below the header, for a given axis.
    virtual int contentHeight(const ColumnAxis& axis) const = 0;
    // Called when the recognition changed (before the repaint); drop caches here.
    virtual void recognitionChanged() { }

    // Header painting: characters row and ink at the top of the widget.
    void paintHeader(QPainter& painter, const ColumnAxis& axis);
    void paintInk(QPainter& painter, const QRectF& target) const;
    // The highlighted character's columns and the hovered column between y0 and y1.
    void paintSelection(QPainter& painter, const ColumnAxis& axis, int y0, int y1) const;
    // A tick axis of image columns (and frames) along y: the labels below it.
    void paintColumnTicks(QPainter& painter, const ColumnAxis& axis, int y, bool frames) const;
    int ticksHeight() const;

    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    // Below the header: the image column under a point (default: columnAxis()), and
    // what a hover or a left press there does (column -1 outside the line).
    virtual int contentColumnAt(const QPointF& pos) const { return columnAxis().columnAt(pos.x()); }
    virtual void contentPressed(const QPointF& pos, int column)
    {
        Q_UNUSED(pos)
        Q_UNUSED(column)
    }
    virtual void contentHovered(const QPointF& pos, int column)
    {
        Q_UNUSED(pos)
        Q_UNUSED(column)
    }

    // Write the hover into the selection model and emit the signals when it changed.
    void hoverColumn(int column);
    void hoverCharacter(int index);

    std::shared_ptr<const model::Recognition> m_rec;
    QImage m_line;
    double m_columnZoom = 0;

private:
    int m_hoverColumn = -1, m_hoverCharacter = -1;
};

// Highlight colours shared by the views.
QColor highlightColor(int alpha = 255);  // the highlighted character
QColor cursorColor();                    // the hovered column

}  // namespace inklens::ui::inspect
