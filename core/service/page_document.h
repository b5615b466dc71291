#pragma once
// The lines of an opened page as the user edits them: their outlines and baselines (in
// the original picture's pixels), in reading order, each with what was read and what the
// user corrected it to. Every edit is one undoable command on undoStack(). Qt Core/Gui
// (QUndoStack is Qt Gui's).
//
// A line's geometry never changes in place: moving, splitting, merging or drawing makes
// new lines (new ids) and the edit swaps the list of ids shown. So a reading always
// belongs to the geometry it was made from, undo and redo just swap the list back (the
// old lines keep their readings: nothing is read again), and only the new lines are
// unread (unreadIds(): what the page session reads next).
//
//   setPage(lines) ─► order [1 2 3]    move 2 ─► [1 4 3]   undo ─► [1 2 3]   redo ─► [1 4 3]
//                      store {1 2 3}             {1 2 3 4}         (2 read)          (4 read
//                                                  4 unread                          if it was)

#include "imaging/page_layout.h"
#include "reading/reader.h"
#include "service/page_reading.h"

#include <QObject>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QUndoStack>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace inklens::service {

struct PageDocLine
{
    quint64 id = 0;
    imaging::PageLine line;                           // original picture's pixels
    bool read = false;                                // a reading of this geometry has arrived
    QString text;                                     // what was read ("" until read)
    double confidence = 0;                            // 0..1, of the reading
    std::shared_ptr<const reading::Reading> reading;  // null until read
    std::optional<QString> corrected;                 // the user's text, when given

    QString shownText() const { return corrected.value_or(text); }
};

class PageDocument : public QObject
{
    Q_OBJECT
public:
    explicit PageDocument(QObject* parent = nullptr);

    // A new page (size: the original picture's) with its lines in reading order, all
    // unread; the undo history is cleared. clear(): no page.
    void setPage(QSize size, const std::vector<imaging::PageLine>& lines, const QString& file = {});
    void clear();
    QSize size() const { return m_size; }
    QString file() const { return m_file; }

    int count() const { return static_cast<int>(m_order.size()); }
    const PageDocLine& at(int row) const;  // 0 <= row < count()
    const std::vector<quint64>& ids() const { return m_order; }
    int rowOf(quint64 id) const;  // -1 when the line is not on the page now
    // A line by id, shown or not (an edit's old lines stay for undo); null if unknown.
    const PageDocLine* find(quint64 id) const;
    // The lines shown that are not read yet, in reading order.
    std::vector<quint64> unreadIds() const;

    QUndoStack* undoStack() { return &m_undo; }

    // ---- edits: each pushes one command (false / 0 when it does not apply) ----------
    // New outline (and baseline) for a line: a move or a resize.
    bool setGeometry(quint64 id, const std::vector<cv::Point2f>& polygon,
                     const std::vector<cv::Point2f>& baseline);
    // Moves the line by (dx, dy) pixels.
    bool moveLine(quint64 id, QPointF delta);
    // Cuts the line at x into a left and a right line (x strictly inside its outline's
    // horizontal extent, with at least 2 px on each side).
    bool splitLine(quint64 id, double x);
    // Joins two lines into one (outline: both outlines' convex hull), placed where the
    // first of the two in reading order was.
    bool mergeLines(quint64 a, quint64 b);
    bool deleteLine(quint64 id);
    // A new line drawn by the user: a rectangle or a polygon (>= 3 points, not all on one
    // line). Placed in reading order by its centre's height. Returns its id, 0 if refused.
    quint64 addLine(const std::vector<cv::Point2f>& polygon);
    // The user's text for the line (text equal to what was read: the correction is
    // dropped). textCorrected(id) follows when the line now has the user's text.
    bool setText(quint64 id, const QString& text);

    // ---- readings (not undoable: they belong to a geometry) -------------------------
    // Stores the reading of line id (shown or kept for undo). Ignored for unknown ids.
    void setReading(quint64 id, std::shared_ptr<const reading::Reading> reading);

    // The page as the exports and `recognize` take it (the corrected texts).
    PageReading toPageReading() const;
    QString text() const;  // the lines' shown text joined by "\n"
    // The lines shown as one text for the text panel, a line of text per line in reading
    // order (joinLineRecognitions): a read line as it was read, a corrected one as the
    // user's text (confidence 1), a line not read yet as "…"; no alternatives (a line's
    // are shown when it is chosen). Null when there are no lines.
    std::shared_ptr<const model::Recognition> paragraph() const;

signals:
    // The list of lines shown changed (an edit, its undo or redo, a new page).
    void linesChanged();
    // One line's reading or text changed (it may or may not be shown).
    void lineUpdated(quint64 id);
    // The user gave a line a text of their own (setText, or the redo of one): a
    // correction, to keep as a sample.
    void textCorrected(quint64 id);
    // The undo of such a setText: that correction is taken back (its sample is to go; the
    // line's text is what it was before, an earlier correction or the reading).
    void correctionUndone(quint64 id);

private:
    friend class PageOrderCommand;
    friend class PageTextCommand;
    quint64 store(imaging::PageLine line);
    void setOrder(std::vector<quint64> order);
    void setCorrection(quint64 id, const std::optional<QString>& text);
    // Pushes a command replacing the lines `removed` (shown) by `added` at the row of
    // the first removed one (or `row` when nothing is removed).
    bool replaceGeometry(quint64 id, const std::vector<cv::Point2f>& polygon,
                         const std::vector<cv::Point2f>& baseline, const QString& text);
    void replaceLines(const std::vector<quint64>& removed, const std::vector<quint64>& added,
                      const QString& text, int row = -1);

    QSize m_size;
    QString m_file;
    quint64 m_nextId = 1;
    std::map<quint64, PageDocLine> m_store;
    std::vector<quint64> m_order;
    QUndoStack m_undo;
};

// Geometry helpers (pure; the document's edits use them, tests call them).
// The part of polygon on one side of the vertical line x (left: x' <= x).
std::vector<cv::Point2f> clipPolygonAtX(const std::vector<cv::Point2f>& polygon, double x,
                                        bool left);
// The baseline of a line drawn by the user: its box's width at 3/4 of its height.
std::vector<cv::Point2f> defaultBaseline(const std::vector<cv::Point2f>& polygon);

// Writes the page atomically in the format its suffix names (service::writePageFile:
// .xml PAGE XML, .alto.xml ALTO, .hocr/.html hOCR, .json), else as text (one line per
// line, reading order).
bool exportPage(const QString& path, const PageReading& page, QString* error = nullptr);

}  // namespace inklens::service
