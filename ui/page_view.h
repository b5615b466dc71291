#pragma once
// A page picture with its text lines drawn over it (outline, baseline, number), for the
// user to check and edit. Passive: it shows a service::PageDocument and turns the mouse
// and keys into the document's undoable edits; the page session reads the lines they make.
//
//   click a line        select it (lineClicked: the window shows its reading)
//   drag a line         move it            drag a corner of the selected line: reshape it
//   S / Split Here      cut the selected line where the mouse is (else in its middle)
//   M                   merge the selected line with the next one in reading order
//   Delete              delete it          R / P: draw a rectangle / a polygon (Enter or a
//   Ctrl+wheel, +, -    zoom               double click closes it; Esc gives up)
//   F                   fit the page to the window (remembered)
//
// Scene coordinates are the original picture's pixels; the picture shown may be a
// downscaled copy (very large pages: at most kMaxDisplaySide pixels a side).
#include <QGraphicsView>
#include <QImage>
#include <QPointF>
#include <QPolygonF>
#include <QRect>
#include <unordered_map>

#include <vector>

class QAction;
class QGraphicsPixmapItem;

namespace inklens::service {
class PageDocument;
struct PageDocLine;
}  // namespace inklens::service

namespace inklens::ui {

// Lines read with less confidence are marked on the page and in the list (the text panel
// underlines characters below the same).
constexpr double kLowConfidence = 0.5;
bool isLowConfidence(const service::PageDocLine& line);

class PageView : public QGraphicsView
{
    Q_OBJECT
public:
    enum class Mode { Select, DrawRectangle, DrawPolygon };
    static constexpr int kMaxDisplaySide = 4096;

    explicit PageView(QWidget* parent = nullptr);

    // document: outlives the view (or is reset with setDocument(nullptr)).
    void setDocument(service::PageDocument* document);
    // The picture of the page (any size: shown downscaled when very large); originalSize:
    // the page's size in the coordinates of the document's lines.
    void setPicture(const QImage& picture, QSize originalSize);
    QSize displayedPictureSize() const;  // the pixmap's, after downscaling

    quint64 selectedId() const { return m_selected; }
    // Selects a line (0: none) and brings it into view; no signal.
    void setSelectedId(quint64 id);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool fitsToWindow() const { return m_fit; }
    void setFitToWindow(bool fit);
    void zoomBy(double factor);
    double zoom() const;  // view pixels per page pixel

    // The line under a point of the page (0: none); the selected line wins when lines overlap.
    quint64 lineAt(QPointF scenePos) const;

    // Edit actions (shortcuts active while the view has focus), in the context menu too.
    QAction* splitAction() const { return m_split; }
    QAction* mergeAction() const { return m_merge; }
    QAction* deleteAction() const { return m_delete; }
    QAction* drawRectangleAction() const { return m_drawRect; }
    QAction* drawPolygonAction() const { return m_drawPolygon; }
    QAction* fitAction() const { return m_fitAction; }
    QAction* zoomInAction() const { return m_zoomIn; }
    QAction* zoomOutAction() const { return m_zoomOut; }

    // The edits, as the actions do them (tests call them).
    bool splitSelected(double x);  // x in page pixels; NaN: the line's middle
    bool mergeSelectedWithNext();
    bool deleteSelected();

signals:
    void selectionChanged(quint64 id);  // by the user
    void lineClicked(quint64 id);       // a line was clicked (also when already selected)
    void fitChanged(bool fit);

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    std::unordered_map<quint64, QRect> m_painted;  // each line's box when last painted
    enum class Drag { None, Move, Vertex, Rectangle };
    void createActions();
    void retranslate();
    void select(quint64 id);  // by the user: emits selectionChanged
    void finishPolygon();
    void updateActions();
    QPolygonF outline(quint64 id) const;  // the line's polygon as drawn now (drag preview)
    // What drawForeground paints of a line, in viewport pixels: outline, number, handles.
    QRect paintedBox(quint64 id) const;
    void updateLine(quint64 id);           // paints again the line's box, where it was and is
    int vertexAt(QPointF scenePos) const;  // of the selected line, -1: none

    service::PageDocument* m_document = nullptr;
    QGraphicsPixmapItem* m_pixmap = nullptr;
    quint64 m_selected = 0;
    Mode m_mode = Mode::Select;
    bool m_fit = true;

    Drag m_drag = Drag::None;
    QPointF m_pressPos, m_dragPos;  // scene
    int m_vertex = -1;
    QPolygonF m_drawing;  // the polygon being drawn (DrawPolygon), scene
    QPointF m_lastPos;    // where the mouse was last (scene): S splits there

    QAction* m_split = nullptr;
    QAction* m_merge = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_drawRect = nullptr;
    QAction* m_drawPolygon = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
};

}  // namespace inklens::ui
