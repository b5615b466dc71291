#pragma once
// The CTC evidence of a recognition under the ink:
//  - the alignment: each decoded character's span (its frames, as image columns) drawn
//    on the ink in alternating colours;
//  - the posterior matrix p(class | frame) (viridis, 0..1) for the classes that matter:
//    the blank, every decoded class, then the classes with the highest max posterior,
//    up to maxRows(); the blank first, the others in the order of their peak frame;
//  - the decoded path through it: at each frame the class of the best alignment (the
//    character whose span holds the frame, the blank elsewhere);
//  - under it, the most likely classes at the hovered column.

#include "inspect_view.h"

#include <vector>

namespace inklens::ui::inspect {

class CtcView : public ColumnView
{
    Q_OBJECT
public:
    explicit CtcView(QWidget* parent = nullptr);

    // For the class names (without it: "#label").
    void setModel(std::shared_ptr<const model::Model> model);
    void setMaxRows(int rows);  // >= 2; decoded classes are always shown
    int maxRows() const { return m_maxRows; }
    void setRowHeight(int pixels);
    int rowHeight() const { return m_rowHeight; }

    QString exportName() const override { return QStringLiteral("ctc"); }

    // The classes of the matrix rows, top to bottom.
    std::vector<int> rowLabels() const;
    // The class of the decoded path at each frame.
    std::vector<int> pathLabels() const;
    // Geometry for the current width: the matrix cell of (row, frame), and the spans
    // drawn on the ink.
    QRectF cellRect(int row, int frame) const;
    QRectF matrixRect() const;
    QRectF spanRect(int character) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    int contentHeight(const ColumnAxis& axis) const override;
    void recognitionChanged() override;
    void contentHovered(const QPointF& pos, int column) override;

private:
    void ensureRows() const;
    int matrixTop(const ColumnAxis& axis) const;

    std::shared_ptr<const model::Model> m_model;
    int m_maxRows = 16;
    int m_rowHeight = 14;
    mutable std::vector<int> m_rows;
    mutable QImage m_image;  // T x rows
    mutable bool m_dirty = true;
};

// The decoded path of a recognition: per frame, the label of the character whose span
// holds the frame, the blank (0) elsewhere.
std::vector<int> decodedPath(const model::Recognition& rec);

}  // namespace inklens::ui::inspect
