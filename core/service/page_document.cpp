#include "service/page_document.h"

#include "service/page_formats.h"
#include "service/recognition_service.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUndoCommand>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace inklens::service {

// Swaps the list of lines shown (every geometric edit is one of these).
class PageOrderCommand : public QUndoCommand
{
public:
    PageOrderCommand(PageDocument* doc, std::vector<quint64> before, std::vector<quint64> after,
                     const QString& text)
        : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after))
    { }
    void redo() override { m_doc->setOrder(m_after); }
    void undo() override { m_doc->setOrder(m_before); }

private:
    PageDocument* m_doc;
    std::vector<quint64> m_before, m_after;
};

// Sets or drops the user's text of one line.
class PageTextCommand : public QUndoCommand
{
public:
    PageTextCommand(PageDocument* doc, quint64 id, std::optional<QString> before,
                    std::optional<QString> after, const QString& text)
        : QUndoCommand(text),
          m_doc(doc),
          m_id(id),
          m_before(std::move(before)),
          m_after(std::move(after))
    { }
    // A correction given (again, on redo) is announced; taken back, its withdrawal.
    void redo() override
    {
        m_doc->setCorrection(m_id, m_after);
        if (m_after)
            emit m_doc->textCorrected(m_id);
    }
    void undo() override
    {
        m_doc->setCorrection(m_id, m_before);
        if (m_after)
            emit m_doc->correctionUndone(m_id);
    }

private:
    PageDocument* m_doc;
    quint64 m_id;
    std::optional<QString> m_before, m_after;
};

namespace {

cv::Rect2f boundsOf(const std::vector<cv::Point2f>& points)
{
    if (points.empty())
        return {};
    float x0 = points[0].x, x1 = x0, y0 = points[0].y, y1 = y0;
    for (const cv::Point2f& p : points) {
        x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
        y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

// The baseline's points left of x (left) or right of it, with the point at x interpolated.
std::vector<cv::Point2f> clipPolylineAtX(const std::vector<cv::Point2f>& line, double x, bool left)
{
    std::vector<cv::Point2f> out;
    const auto inside = [&](const cv::Point2f& p) { return left ? p.x <= x : p.x >= x; };
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (inside(line[i]))
            out.push_back(line[i]);
        if (i + 1 < line.size() && inside(line[i]) != inside(line[i + 1])) {
            const cv::Point2f a = line[i], b = line[i + 1];
            const float t = float((x - a.x) / (b.x - a.x));
            out.emplace_back(float(x), a.y + t * (b.y - a.y));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const cv::Point2f& a, const cv::Point2f& b) { return a.x < b.x; });
    return out;
}

double centreY(const imaging::PageLine& line)
{
    const cv::Rect2f box = boundsOf(line.polygon);
    return box.y + box.height / 2;
}

}  // namespace

std::vector<cv::Point2f> clipPolygonAtX(const std::vector<cv::Point2f>& polygon, double x,
                                        bool left)
{
    // Sutherland-Hodgman against one half-plane.
    std::vector<cv::Point2f> out;
    const auto inside = [&](const cv::Point2f& p) { return left ? p.x <= x : p.x >= x; };
    for (std::size_t i = 0; i < polygon.size(); ++i) {
        const cv::Point2f a = polygon[i], b = polygon[(i + 1) % polygon.size()];
        if (inside(a))
            out.push_back(a);
        if (inside(a) != inside(b)) {
            const float t = float((x - a.x) / (b.x - a.x));
            out.emplace_back(float(x), a.y + t * (b.y - a.y));
        }
    }
    return out;
}

std::vector<cv::Point2f> defaultBaseline(const std::vector<cv::Point2f>& polygon)
{
    const cv::Rect2f box = boundsOf(polygon);
    const float y = box.y + box.height * 0.75f;
    return {{box.x, y}, {box.x + box.width, y}};
}

PageDocument::PageDocument(QObject* parent) : QObject(parent) { }

void PageDocument::setPage(QSize size, const std::vector<imaging::PageLine>& lines,
                           const QString& file)
{
    m_undo.clear();
    m_store.clear();
    m_size = size;
    m_file = file;
    std::vector<quint64> order;
    for (const imaging::PageLine& line : lines)
        order.push_back(store(line));
    setOrder(std::move(order));
}

void PageDocument::clear()
{
    setPage({}, {});
}

const PageDocLine& PageDocument::at(int row) const
{
    Q_ASSERT(row >= 0 && row < count());
    return m_store.at(m_order[static_cast<std::size_t>(row)]);
}

int PageDocument::rowOf(quint64 id) const
{
    const auto it = std::find(m_order.begin(), m_order.end(), id);
    return it == m_order.end() ? -1 : static_cast<int>(it - m_order.begin());
}

const PageDocLine* PageDocument::find(quint64 id) const
{
    const auto it = m_store.find(id);
    return it == m_store.end() ? nullptr : &it->second;
}

std::vector<quint64> PageDocument::unreadIds() const
{
    std::vector<quint64> out;
    for (quint64 id : m_order) {
        if (!m_store.at(id).read)
            out.push_back(id);
    }
    return out;
}

quint64 PageDocument::store(imaging::PageLine line)
{
    PageDocLine entry;
    entry.id = m_nextId++;
    entry.line = std::move(line);
    const quint64 id = entry.id;
    m_store.emplace(id, std::move(entry));
    return id;
}

void PageDocument::setOrder(std::vector<quint64> order)
{
    m_order = std::move(order);
    emit linesChanged();
}

void PageDocument::setCorrection(quint64 id, const std::optional<QString>& text)
{
    const auto it = m_store.find(id);
    if (it == m_store.end())
        return;
    it->second.corrected = text;
    emit lineUpdated(id);
}

void PageDocument::replaceLines(const std::vector<quint64>& removed,
                                const std::vector<quint64>& added, const QString& text, int row)
{
    std::vector<quint64> after = m_order;
    if (!removed.empty()) {
        row = static_cast<int>(m_order.size());
        for (quint64 id : removed)
            row = std::min(row, rowOf(id));
        after.erase(std::remove_if(
                        after.begin(), after.end(),
                        [&](quint64 id) {
            return std::find(removed.begin(), removed.end(), id) != removed.end();
                        }),
                    after.end());
    }
    row = std::clamp(row, 0, static_cast<int>(after.size()));
    after.insert(after.begin() + row, added.begin(), added.end());
    m_undo.push(new PageOrderCommand(this, m_order, std::move(after), text));
}

bool PageDocument::setGeometry(quint64 id, const std::vector<cv::Point2f>& polygon,
                               const std::vector<cv::Point2f>& baseline)
{
    return replaceGeometry(id, polygon, baseline, tr("Reshape Line"));
}

bool PageDocument::replaceGeometry(quint64 id, const std::vector<cv::Point2f>& polygon,
                                   const std::vector<cv::Point2f>& baseline, const QString& text)
{
    if (rowOf(id) < 0 || polygon.size() < 3)
        return false;
    const PageDocLine old = m_store.at(id);
    imaging::PageLine line = old.line;
    line.polygon = polygon;
    line.baseline = baseline.size() >= 2 ? baseline : defaultBaseline(polygon);
    const quint64 moved = store(std::move(line));
    m_store.at(moved).corrected = old.corrected;  // the words are still those of the line
    replaceLines({id}, {moved}, text);
    return true;
}

bool PageDocument::moveLine(quint64 id, QPointF delta)
{
    const PageDocLine* old = find(id);
    if (!old || rowOf(id) < 0)
        return false;
    const cv::Point2f d(float(delta.x()), float(delta.y()));
    std::vector<cv::Point2f> polygon = old->line.polygon, baseline = old->line.baseline;
    for (cv::Point2f& p : polygon)
        p += d;
    for (cv::Point2f& p : baseline)
        p += d;
    return replaceGeometry(id, polygon, baseline, tr("Move Line"));
}

bool PageDocument::splitLine(quint64 id, double x)
{
    const PageDocLine* old = find(id);
    if (!old || rowOf(id) < 0)
        return false;
    const cv::Rect2f box = boundsOf(old->line.polygon);
    if (x < box.x + 2 || x > box.x + box.width - 2)
        return false;
    imaging::PageLine left = old->line, right = old->line;
    left.polygon = clipPolygonAtX(old->line.polygon, x, true);
    right.polygon = clipPolygonAtX(old->line.polygon, x, false);
    left.baseline = clipPolylineAtX(old->line.baseline, x, true);
    right.baseline = clipPolylineAtX(old->line.baseline, x, false);
    if (left.polygon.size() < 3 || right.polygon.size() < 3)
        return false;
    if (left.baseline.size() < 2)
        left.baseline = defaultBaseline(left.polygon);
    if (right.baseline.size() < 2)
        right.baseline = defaultBaseline(right.polygon);
    const quint64 a = store(std::move(left));
    const quint64 b = store(std::move(right));
    replaceLines({id}, {a, b}, tr("Split Line"));
    return true;
}

bool PageDocument::mergeLines(quint64 a, quint64 b)
{
    if (a == b || rowOf(a) < 0 || rowOf(b) < 0)
        return false;
    if (rowOf(b) < rowOf(a))
        std::swap(a, b);
    const imaging::PageLine &first = m_store.at(a).line, &second = m_store.at(b).line;
    std::vector<cv::Point2f> points = first.polygon;
    points.insert(points.end(), second.polygon.begin(), second.polygon.end());
    imaging::PageLine merged;
    cv::convexHull(points, merged.polygon, /*clockwise=*/true);
    merged.baseline = first.baseline;
    merged.baseline.insert(merged.baseline.end(), second.baseline.begin(), second.baseline.end());
    std::sort(merged.baseline.begin(), merged.baseline.end(),
              [](const cv::Point2f& p, const cv::Point2f& q) { return p.x < q.x; });
    merged.block = first.block;
    const quint64 c = store(std::move(merged));
    replaceLines({a, b}, {c}, tr("Merge Lines"));
    return true;
}

bool PageDocument::deleteLine(quint64 id)
{
    if (rowOf(id) < 0)
        return false;
    replaceLines({id}, {}, tr("Delete Line"));
    return true;
}

quint64 PageDocument::addLine(const std::vector<cv::Point2f>& polygon)
{
    if (polygon.size() < 3 || std::abs(cv::contourArea(polygon)) < 4)
        return 0;
    imaging::PageLine line;
    line.polygon = polygon;
    line.baseline = defaultBaseline(polygon);
    const double y = centreY(line);
    int row = 0;
    while (row < count() && centreY(at(row).line) <= y)
        ++row;
    if (row > 0)
        line.block = at(row - 1).line.block;
    const quint64 id = store(std::move(line));
    replaceLines({}, {id}, tr("Draw Line"), row);
    return id;
}

bool PageDocument::setText(quint64 id, const QString& text)
{
    const PageDocLine* line = find(id);
    if (!line || rowOf(id) < 0)
        return false;
    std::optional<QString> after = text;
    if (line->read && text == line->text)
        after.reset();
    if (after == line->corrected)
        return false;
    m_undo.push(new PageTextCommand(this, id, line->corrected, after, tr("Edit Text")));
    return true;
}

void PageDocument::setReading(quint64 id, std::shared_ptr<const reading::Reading> reading)
{
    const auto it = m_store.find(id);
    if (it == m_store.end() || !reading || !reading->recognition)
        return;
    PageDocLine& line = it->second;
    line.read = true;
    line.text = QString::fromStdString(reading->recognition->text);
    line.confidence = reading->recognition->confidence;
    line.reading = std::move(reading);
    emit lineUpdated(id);
}

PageReading PageDocument::toPageReading() const
{
    PageReading page;
    page.file = m_file;
    page.size = m_size;
    for (quint64 id : m_order) {
        const PageDocLine& line = m_store.at(id);
        PageLineReading out;
        out.line = line.line;
        out.text = line.shownText();
        out.confidence = line.corrected ? 1.0 : line.confidence;
        if (line.reading)
            out.reading = *line.reading;
        page.lines.push_back(std::move(out));
    }
    return page;
}

QString PageDocument::text() const
{
    QStringList texts;
    for (quint64 id : m_order)
        texts << m_store.at(id).shownText();
    return texts.join(QLatin1Char('\n'));
}

bool exportPage(const QString& path, const PageReading& page, QString* error)
{
    return writePageFile(path, page, pageFormatForPath(path).value_or(PageFormat::Text), error);
}

std::shared_ptr<const model::Recognition> PageDocument::paragraph() const
{
    if (m_order.empty())
        return nullptr;
    const auto typed = [](const QString& text) {
        auto r = std::make_shared<model::Recognition>();
        r->text = text.toStdString();
        for (const QChar& c : text) {  // one character per UTF-16 unit (surrogates joined)
            if (c.isLowSurrogate() && !r->chars.empty()) {
                r->chars.back().text += QString(c).toStdString();
                continue;
            }
            model::RecognizedChar rc;
            rc.text = QString(c).toStdString();
            rc.confidence = 1;
            r->chars.push_back(rc);
        }
        r->confidence = 1;
        return std::shared_ptr<const model::Recognition>(std::move(r));
    };
    std::vector<std::shared_ptr<const model::Recognition>> lines;
    for (quint64 id : m_order) {
        const PageDocLine& line = m_store.at(id);
        if (line.corrected)
            lines.push_back(typed(*line.corrected));
        else if (line.reading && line.reading->recognition)
            lines.push_back(line.reading->recognition);
        else
            lines.push_back(typed(QStringLiteral("…")));
    }
    // No alternatives: one "alternative" of the whole page says nothing (a line's are shown
    // when it is chosen).
    auto joined = std::make_shared<model::Recognition>(*joinLineRecognitions(lines));
    joined->nbest.clear();
    return joined;
}

}  // namespace inklens::service
