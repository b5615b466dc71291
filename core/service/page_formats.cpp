#include "service/page_formats.h"

#include "service/alto.h"
#include "service/page_numbers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>

namespace inklens::service {

namespace {

void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

using Points = std::vector<cv::Point2f>;

QString imageName(const PageReading& page, const QString& imageFile)
{
    return imageFile.isEmpty() ? QFileInfo(page.file).fileName() : imageFile;
}

// Whole, non-negative pixels (PAGE's pointsType), "x,y x,y ...".
QString pagePoints(const Points& points)
{
    QStringList out;
    for (const cv::Point2f& p : points)
        out << QStringLiteral("%1,%2")
                   .arg(std::max(0L, std::lround(p.x)))
                   .arg(std::max(0L, std::lround(p.y)));
    return out.join(QLatin1Char(' '));
}

// In whole, non-negative pixels (PAGE and hOCR boxes).
cv::Rect boundingBox(const Points& points)
{
    if (points.empty())
        return {};
    const cv::Rect2f box = pageBounds(points);
    const int left = std::max(0, int(std::floor(box.x))), top = std::max(0, int(std::floor(box.y)));
    return {left, top, std::max(0, int(std::ceil(box.br().x)) - left),
            std::max(0, int(std::ceil(box.br().y)) - top)};
}

// Runs of consecutive lines of one block: [first, end) index pairs.
std::vector<std::pair<std::size_t, std::size_t>> blocks(const PageReading& page)
{
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
        if (out.empty() || page.lines[i].line.block != page.lines[out.back().first].line.block)
            out.emplace_back(i, i + 1);
        else
            out.back().second = i + 1;
    }
    return out;
}

cv::Rect blockBox(const PageReading& page, std::size_t first, std::size_t end)
{
    Points all;
    for (std::size_t i = first; i < end; ++i)
        all.insert(all.end(), page.lines[i].line.polygon.begin(), page.lines[i].line.polygon.end());
    return boundingBox(all);
}

QString number(double v, int decimals)
{
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

double rounded(double v, double step)
{
    return std::round(v / step) * step;
}

QJsonArray pointArray(const Points& points)
{
    QJsonArray out;
    for (const cv::Point2f& p : points)
        out.append(QJsonArray{rounded(p.x, 0.01), rounded(p.y, 0.01)});
    return out;
}

// A line found and not read (`inklens segment`): no text, no confidence written.
bool unread(const PageLineReading& line)
{
    return line.text.isEmpty() && line.confidence == 0;
}

const QString kPageNs = QStringLiteral(
    "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15");

}  // namespace

std::optional<PageFormat> pageFormatNamed(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("text") || n == QLatin1String("txt"))
        return PageFormat::Text;
    if (n == QLatin1String("page") || n == QLatin1String("pagexml"))
        return PageFormat::Page;
    if (n == QLatin1String("hocr"))
        return PageFormat::Hocr;
    if (n == QLatin1String("alto"))
        return PageFormat::Alto;
    if (n == QLatin1String("json"))
        return PageFormat::Json;
    return std::nullopt;
}

QString pageFormatName(PageFormat format)
{
    switch (format) {
    case PageFormat::Text:
        return QStringLiteral("text");
    case PageFormat::Page:
        return QStringLiteral("page");
    case PageFormat::Hocr:
        return QStringLiteral("hocr");
    case PageFormat::Alto:
        return QStringLiteral("alto");
    case PageFormat::Json:
        return QStringLiteral("json");
    }
    return {};
}

std::optional<PageFormat> pageFormatForPath(const QString& path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(QLatin1String(".txt")))
        return PageFormat::Text;
    if (name.endsWith(QLatin1String(".alto")) || name.endsWith(QLatin1String(".alto.xml")))
        return PageFormat::Alto;
    if (name.endsWith(QLatin1String(".xml")))
        return PageFormat::Page;
    if (name.endsWith(QLatin1String(".hocr")) || name.endsWith(QLatin1String(".html"))
        || name.endsWith(QLatin1String(".htm")))
        return PageFormat::Hocr;
    if (name.endsWith(QLatin1String(".json")))
        return PageFormat::Json;
    return std::nullopt;
}

QString pageFormatSuffix(PageFormat format)
{
    switch (format) {
    case PageFormat::Text:
        return QStringLiteral("txt");
    case PageFormat::Page:
        return QStringLiteral("xml");
    case PageFormat::Hocr:
        return QStringLiteral("hocr");
    case PageFormat::Alto:
        return QStringLiteral("alto.xml");
    case PageFormat::Json:
        return QStringLiteral("json");
    }
    return {};
}

// ---- writers ---------------------------------------------------------------------------

QByteArray pageText(const PageReading& page)
{
    QByteArray out = page.text().toUtf8();
    if (!page.lines.empty())
        out += '\n';
    return out;
}

QByteArray pageXml(const PageReading& page, const QString& imageFile)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("PcGts"));
    xml.writeDefaultNamespace(kPageNs);
    xml.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                       QStringLiteral("xsi"));
    xml.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                       QStringLiteral("schemaLocation"),
                       kPageNs + QLatin1Char(' ') + kPageNs + QStringLiteral("/pagecontent.xsd"));
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    xml.writeStartElement(QStringLiteral("Metadata"));
    xml.writeTextElement(QStringLiteral("Creator"), QStringLiteral("InkLens"));
    xml.writeTextElement(QStringLiteral("Created"), now);
    xml.writeTextElement(QStringLiteral("LastChange"), now);
    xml.writeEndElement();

    xml.writeStartElement(QStringLiteral("Page"));
    xml.writeAttribute(QStringLiteral("imageFilename"), imageName(page, imageFile));
    xml.writeAttribute(QStringLiteral("imageWidth"), QString::number(page.size.width()));
    xml.writeAttribute(QStringLiteral("imageHeight"), QString::number(page.size.height()));
    const auto runs = blocks(page);
    if (!runs.empty()) {
        xml.writeStartElement(QStringLiteral("ReadingOrder"));
        xml.writeStartElement(QStringLiteral("OrderedGroup"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("ro"));
        for (std::size_t b = 0; b < runs.size(); ++b) {
            xml.writeEmptyElement(QStringLiteral("RegionRefIndexed"));
            xml.writeAttribute(QStringLiteral("index"), QString::number(b));
            xml.writeAttribute(QStringLiteral("regionRef"), QStringLiteral("r%1").arg(b + 1));
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }
    for (std::size_t b = 0; b < runs.size(); ++b) {
        const auto [first, end] = runs[b];
        xml.writeStartElement(QStringLiteral("TextRegion"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("r%1").arg(b + 1));
        const cv::Rect box = blockBox(page, first, end);
        xml.writeEmptyElement(QStringLiteral("Coords"));
        xml.writeAttribute(QStringLiteral("points"),
                           pagePoints({cv::Point2f(box.tl()),
                                       {float(box.x + box.width), float(box.y)},
                                       cv::Point2f(box.br()),
                                       {float(box.x), float(box.y + box.height)}}));
        for (std::size_t i = first; i < end; ++i) {
            const PageLineReading& line = page.lines[i];
            xml.writeStartElement(QStringLiteral("TextLine"));
            xml.writeAttribute(QStringLiteral("id"),
                               QStringLiteral("r%1l%2").arg(b + 1).arg(i + 1));
            xml.writeEmptyElement(QStringLiteral("Coords"));
            xml.writeAttribute(QStringLiteral("points"), pagePoints(line.line.polygon));
            if (line.line.baseline.size() >= 2) {
                xml.writeEmptyElement(QStringLiteral("Baseline"));
                xml.writeAttribute(QStringLiteral("points"), pagePoints(line.line.baseline));
            }
            if (!unread(line)) {
                xml.writeStartElement(QStringLiteral("TextEquiv"));
                xml.writeAttribute(QStringLiteral("conf"),
                                   number(std::clamp(line.confidence, 0.0, 1.0), 4));
                xml.writeTextElement(QStringLiteral("Unicode"), line.text);
                xml.writeEndElement();  // TextEquiv
            }
            xml.writeEndElement();  // TextLine
        }
        xml.writeEndElement();  // TextRegion
    }
    xml.writeEndElement();  // Page
    xml.writeEndElement();  // PcGts
    xml.writeEndDocument();
    return out;
}

QByteArray hocr(const PageReading& page, const QString& imageFile)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    xml.writeDTD(QStringLiteral("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                                "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"));
    xml.writeStartElement(QStringLiteral("html"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/1999/xhtml"));
    xml.writeStartElement(QStringLiteral("head"));
    xml.writeTextElement(QStringLiteral("title"), imageName(page, imageFile));
    auto meta = [&](const QString& name, const QString& content) {
        xml.writeEmptyElement(QStringLiteral("meta"));
        xml.writeAttribute(QStringLiteral("name"), name);
        xml.writeAttribute(QStringLiteral("content"), content);
    };
    xml.writeEmptyElement(QStringLiteral("meta"));
    xml.writeAttribute(QStringLiteral("http-equiv"), QStringLiteral("Content-Type"));
    xml.writeAttribute(QStringLiteral("content"), QStringLiteral("text/html; charset=utf-8"));
    meta(QStringLiteral("ocr-system"), QStringLiteral("InkLens"));
    meta(QStringLiteral("ocr-capabilities"),
         QStringLiteral("ocr_page ocr_carea ocr_line ocrp_poly ocrp_wconf"));
    xml.writeEndElement();  // head
    xml.writeStartElement(QStringLiteral("body"));
    xml.writeStartElement(QStringLiteral("div"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("ocr_page"));
    xml.writeAttribute(QStringLiteral("id"), QStringLiteral("page_1"));
    QString pageTitle;
    const QString image = imageName(page, imageFile);
    if (!image.isEmpty())
        pageTitle = QStringLiteral("image \"%1\"; ").arg(image);
    pageTitle +=
        QStringLiteral("bbox 0 0 %1 %2; ppageno 0").arg(page.size.width()).arg(page.size.height());
    xml.writeAttribute(QStringLiteral("title"), pageTitle);
    const auto runs = blocks(page);
    for (std::size_t b = 0; b < runs.size(); ++b) {
        const auto [first, end] = runs[b];
        const cv::Rect area = blockBox(page, first, end);
        xml.writeStartElement(QStringLiteral("div"));
        xml.writeAttribute(QStringLiteral("class"), QStringLiteral("ocr_carea"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("block_1_%1").arg(b + 1));
        xml.writeAttribute(QStringLiteral("title"), QStringLiteral("bbox %1 %2 %3 %4")
                                                        .arg(area.x)
                                                        .arg(area.y)
                                                        .arg(area.x + area.width)
                                                        .arg(area.y + area.height));
        for (std::size_t i = first; i < end; ++i) {
            const PageLineReading& line = page.lines[i];
            const cv::Rect box = boundingBox(line.line.polygon);
            const int x0 = box.x, y0 = box.y, x1 = box.x + box.width, y1 = box.y + box.height;
            QStringList title{QStringLiteral("bbox %1 %2 %3 %4").arg(x0).arg(y0).arg(x1).arg(y1)};
            const Points& base = line.line.baseline;
            if (base.size() >= 2) {
                // hOCR's baseline: y = slope * (x - x0) + offset, relative to the box's
                // bottom-left corner; the straight line through the first and last points.
                const cv::Point2f a = base.front(), z = base.back();
                const double slope = z.x != a.x ? (z.y - a.y) / double(z.x - a.x) : 0.0;
                const double offset = a.y + slope * (x0 - a.x) - y1;
                title << QStringLiteral("baseline %1 %2").arg(number(slope, 5), number(offset, 2));
            }
            QStringList poly;
            for (const cv::Point2f& p : line.line.polygon)
                poly << number(p.x, 2) << number(p.y, 2);
            title << QStringLiteral("poly ") + poly.join(QLatin1Char(' '));
            if (base.size() >= 2) {
                QStringList points;
                for (const cv::Point2f& p : base)
                    points << number(p.x, 2) << number(p.y, 2);
                title << QStringLiteral("x_baseline ") + points.join(QLatin1Char(' '));
            }
            if (!unread(line))
                title << QStringLiteral("x_wconf %1")
                             .arg(number(100 * std::clamp(line.confidence, 0.0, 1.0), 2));
            xml.writeStartElement(QStringLiteral("span"));
            xml.writeAttribute(QStringLiteral("class"), QStringLiteral("ocr_line"));
            xml.writeAttribute(QStringLiteral("id"), QStringLiteral("line_1_%1").arg(i + 1));
            xml.writeAttribute(QStringLiteral("title"), title.join(QStringLiteral("; ")));
            xml.writeCharacters(line.text);
            xml.writeEndElement();  // span
        }
        xml.writeEndElement();  // ocr_carea
    }
    xml.writeEndElement();  // ocr_page
    xml.writeEndElement();  // body
    xml.writeEndElement();  // html
    xml.writeEndDocument();
    return out;
}

QJsonObject pageJson(const PageReading& page, bool withText, int pageNumber)
{
    QJsonObject out{{QStringLiteral("file"), page.file}};
    if (pageNumber > 0)
        out[QStringLiteral("page")] = pageNumber;
    if (withText)
        out[QStringLiteral("text")] = page.text();
    out[QStringLiteral("width")] = page.size.width();
    out[QStringLiteral("height")] = page.size.height();
    QJsonArray lines;
    for (const PageLineReading& line : page.lines) {
        QJsonObject l;
        if (withText)
            l[QStringLiteral("text")] = line.text;
        l[QStringLiteral("polygon")] = pointArray(line.line.polygon);
        l[QStringLiteral("baseline")] = pointArray(line.line.baseline);
        if (withText)
            l[QStringLiteral("confidence")] = rounded(line.confidence, 1e-4);
        l[QStringLiteral("block")] = line.line.block;
        lines.append(l);
    }
    out[QStringLiteral("lines")] = lines;
    if (page.cancelled)
        out[QStringLiteral("cancelled")] = true;
    return out;
}

QByteArray pageBytes(const PageReading& page, PageFormat format, QString* error,
                     const QString& imageFile)
{
    switch (format) {
    case PageFormat::Text:
        return pageText(page);
    case PageFormat::Page:
        return pageXml(page, imageFile);
    case PageFormat::Hocr:
        return hocr(page, imageFile);
    case PageFormat::Json:
        return QJsonDocument(pageJson(page)).toJson(QJsonDocument::Indented);
    case PageFormat::Alto: {
        QByteArray xml = altoXml(page, imageName(page, imageFile));
        if (xml.isEmpty())
            setError(error, QCoreApplication::translate("inklens::service::PageFormats",
                                                        "ALTO cannot be written yet."));
        return xml;
    }
    }
    return {};
}

bool saveAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, file.errorString());
        return false;
    }
    // Qt 6.4's commit() misses a write error of the buffer flushed while it closes (a full
    // disk: it would rename a cut file over the old one): flush first and check.
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const int code = errno;  // Qt may say "Unknown error" for a short write
        QString why = file.errorString();
        if (code != 0 && (why.isEmpty() || why == QLatin1String("Unknown error")))
            why = QString::fromLocal8Bit(std::strerror(code));
        setError(error, why);
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        setError(error, file.errorString());
        return false;
    }
    return true;
}

bool writePageFile(const QString& path, const PageReading& page, std::optional<PageFormat> format,
                   QString* error)
{
    const QString name = QFileInfo(path).fileName();
    if (!format)
        format = pageFormatForPath(path);
    if (!format) {
        setError(error, QCoreApplication::translate(
                            "inklens::service::PageFormats",
                            "%1: unknown page format (the name should end in .txt, .xml, "
                            ".alto.xml, .hocr, .html or .json).")
                            .arg(name));
        return false;
    }
    QString detail;
    const QByteArray bytes = pageBytes(page, *format, &detail);
    if (bytes.isEmpty() && !detail.isEmpty()) {
        setError(error, QStringLiteral("%1: %2").arg(name, detail));
        return false;
    }
    if (!saveAtomically(path, bytes, &detail)) {
        setError(error, QCoreApplication::translate("inklens::service::PageFormats",
                                                    "%1 cannot be written: %2")
                            .arg(path, detail));
        return false;
    }
    return true;
}

// ---- readers ---------------------------------------------------------------------------

std::optional<PageReading> readPageXml(const QByteArray& bytes, QString* error)
{
    QXmlStreamReader xml(bytes);
    PageReading page;
    bool sawRoot = false;
    int block = -1;
    PageLineReading* line = nullptr;
    bool inLineEquiv = false;
    int depthInLine = 0;  // Word/Glyph levels below the line: their TextEquiv is not the line's
    Points* pointsOf = nullptr;  // the outline or baseline whose <Point>s are being read
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            const QXmlStreamAttributes a = xml.attributes();
            if (!sawRoot) {
                if (name != QLatin1String("PcGts")) {
                    setError(error, QCoreApplication::translate(
                                        "inklens::service::PageFormats",
                                        "This is not PAGE XML (the root element is %1).")
                                        .arg(name.toString()));
                    return std::nullopt;
                }
                sawRoot = true;
            } else if (name == QLatin1String("Page")) {
                page.file = a.value(QLatin1String("imageFilename")).toString();
                page.size = QSize(a.value(QLatin1String("imageWidth")).toInt(),
                                  a.value(QLatin1String("imageHeight")).toInt());
            } else if (name == QLatin1String("TextRegion")) {
                ++block;
            } else if (name == QLatin1String("TextLine")) {
                page.lines.emplace_back();
                line = &page.lines.back();
                line->line.block = std::max(0, block);
                depthInLine = 0;
            } else if (line && (name == QLatin1String("Word") || name == QLatin1String("Glyph"))) {
                ++depthInLine;
            } else if (line && depthInLine == 0
                       && (name == QLatin1String("Coords") || name == QLatin1String("Baseline"))) {
                // 2013 and later: points="x,y ..."; 2010: <Point x= y=/> children.
                Points& points = name == QLatin1String("Coords") ? line->line.polygon
                                                                 : line->line.baseline;
                points = parsePagePoints(a.value(QLatin1String("points")).toString());
                pointsOf = a.hasAttribute(QLatin1String("points")) ? nullptr : &points;
            } else if (pointsOf && name == QLatin1String("Point")) {
                const auto x = pageCoordinate(a.value(QLatin1String("x")).toString());
                const auto y = pageCoordinate(a.value(QLatin1String("y")).toString());
                if (x && y)
                    pointsOf->emplace_back(*x, *y);
            } else if (line && depthInLine == 0 && name == QLatin1String("TextEquiv")) {
                inLineEquiv = line->text.isEmpty();  // the first TextEquiv (index 1 or none)
                if (inLineEquiv)
                    line->confidence =
                        pageConfidence(a.value(QLatin1String("conf")).toDouble());
            } else if (line && inLineEquiv && name == QLatin1String("Unicode")) {
                line->text = xml.readElementText();
            }
        } else if (xml.isEndElement()) {
            const QStringView name = xml.name();
            if (name == QLatin1String("Coords") || name == QLatin1String("Baseline"))
                pointsOf = nullptr;
            if (name == QLatin1String("TextLine"))
                line = nullptr;
            else if (name == QLatin1String("Word") || name == QLatin1String("Glyph"))
                --depthInLine;
            else if (name == QLatin1String("TextEquiv"))
                inLineEquiv = false;
        }
    }
    if (xml.hasError()) {
        setError(error, QCoreApplication::translate("inklens::service::PageFormats",
                                                    "The PAGE XML is damaged (line %1: %2).")
                            .arg(xml.lineNumber())
                            .arg(xml.errorString()));
        return std::nullopt;
    }
    if (!sawRoot) {
        setError(error, QCoreApplication::translate("inklens::service::PageFormats",
                                                    "This is not PAGE XML."));
        return std::nullopt;
    }
    for (const PageLineReading& l : page.lines)
        if (l.line.polygon.size() < 3) {
            setError(error, QCoreApplication::translate(
                                "inklens::service::PageFormats",
                                "A TextLine of the PAGE XML has no outline (Coords points)."));
            return std::nullopt;
        }
    return page;
}

namespace {

// hOCR's title: "bbox 1 2 3 4; baseline 0.01 -3; ..." -> property -> its values.
std::map<QString, QString> hocrProperties(const QString& title)
{
    std::map<QString, QString> out;
    for (const QString& part : title.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString p = part.trimmed();
        const qsizetype space = p.indexOf(QLatin1Char(' '));
        if (space < 0)
            out[p] = QString();
        else
            out[p.left(space)] = p.mid(space + 1).trimmed();
    }
    return out;
}

bool hasClass(const QXmlStreamAttributes& a, QLatin1String cls)
{
    return a.value(QLatin1String("class")).toString().split(QLatin1Char(' ')).contains(cls);
}

bool isHocrLine(const QXmlStreamAttributes& a)
{
    for (const char* cls : {"ocr_line", "ocrx_line", "ocr_header", "ocr_textfloat", "ocr_caption"})
        if (hasClass(a, QLatin1String(cls)))
            return true;
    return false;
}

}  // namespace

std::optional<PageReading> readHocr(const QByteArray& bytes, QString* error)
{
    QXmlStreamReader xml(bytes);
    PageReading page;
    bool sawPage = false;
    int block = -1;
    PageLineReading* line = nullptr;
    int lineDepth = 0;  // element depth inside the current line
    bool lineHasWords = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QXmlStreamAttributes a = xml.attributes();
            if (line) {
                ++lineDepth;
                lineHasWords = true;
                if (!line->text.isEmpty() && !line->text.endsWith(QLatin1Char(' ')))
                    line->text += QLatin1Char(' ');
                continue;
            }
            if (hasClass(a, QLatin1String("ocr_page"))) {
                sawPage = true;
                const auto props = hocrProperties(a.value(QLatin1String("title")).toString());
                if (auto it = props.find(QStringLiteral("bbox")); it != props.end()) {
                    const Points box = parsePagePoints(it->second);
                    if (box.size() == 2)
                        page.size = QSize(qRound(box[1].x - box[0].x), qRound(box[1].y - box[0].y));
                }
                if (auto it = props.find(QStringLiteral("image")); it != props.end()) {
                    QString image = it->second;
                    if (image.startsWith(QLatin1Char('"')) && image.endsWith(QLatin1Char('"')))
                        image = image.mid(1, image.size() - 2);
                    page.file = image;
                }
            } else if (hasClass(a, QLatin1String("ocr_carea"))
                       || hasClass(a, QLatin1String("ocr_par"))) {
                if (hasClass(a, QLatin1String("ocr_carea")) || block < 0)
                    ++block;
            } else if (isHocrLine(a)) {
                page.lines.emplace_back();
                line = &page.lines.back();
                line->line.block = std::max(0, block);
                lineDepth = 0;
                lineHasWords = false;
                const auto props = hocrProperties(a.value(QLatin1String("title")).toString());
                Points box;
                if (auto it = props.find(QStringLiteral("bbox")); it != props.end())
                    box = parsePagePoints(it->second);
                if (auto it = props.find(QStringLiteral("poly")); it != props.end())
                    line->line.polygon = parsePagePoints(it->second);
                if (line->line.polygon.size() < 3 && box.size() == 2)
                    line->line.polygon = {
                        box[0], {box[1].x, box[0].y}, box[1], {box[0].x, box[1].y}};
                if (auto it = props.find(QStringLiteral("x_baseline")); it != props.end())
                    line->line.baseline = parsePagePoints(it->second);
                if (line->line.baseline.size() < 2 && box.size() == 2) {
                    if (auto it = props.find(QStringLiteral("baseline")); it != props.end()) {
                        const Points sc = parsePagePoints(it->second);  // slope, offset as a pair
                        if (sc.size() == 1) {
                            const float slope = sc[0].x, offset = sc[0].y;
                            const float x0 = box[0].x, x1 = box[1].x, bottom = box[1].y;
                            // Kept on the page even for an absurd slope or offset.
                            const auto y = [](float v) {
                                return std::clamp(v, -kMaxPageCoordinate, kMaxPageCoordinate);
                            };
                            line->line.baseline = {
                                {x0, y(bottom + offset)},
                                {x1, y(bottom + offset + slope * (x1 - x0))}};
                        }
                    }
                }
                if (auto it = props.find(QStringLiteral("x_wconf")); it != props.end())
                    line->confidence = pageConfidence(it->second.toDouble() / 100.0);
            }
        } else if (xml.isEndElement()) {
            if (line) {
                if (lineDepth == 0) {
                    line->text = lineHasWords ? line->text.simplified() : line->text.trimmed();
                    line = nullptr;
                } else {
                    --lineDepth;
                }
            }
        } else if (xml.isCharacters() && line) {
            line->text += xml.text();
        }
    }
    if (xml.hasError()) {
        setError(error,
                 QCoreApplication::translate("inklens::service::PageFormats",
                                             "The hOCR is damaged or not XHTML (line %1: %2).")
                     .arg(xml.lineNumber())
                     .arg(xml.errorString()));
        return std::nullopt;
    }
    if (!sawPage) {
        setError(error, QCoreApplication::translate("inklens::service::PageFormats",
                                                    "This is not hOCR (no ocr_page)."));
        return std::nullopt;
    }
    for (const PageLineReading& l : page.lines)
        if (l.line.polygon.size() < 3) {
            setError(error, QCoreApplication::translate("inklens::service::PageFormats",
                                                        "A line of the hOCR has no bbox."));
            return std::nullopt;
        }
    return page;
}

std::optional<PageReading> readPageFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QCoreApplication::translate("inklens::service::PageFormats",
                                                    "%1 cannot be read: %2")
                            .arg(path, file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    // The root element tells the format.
    QXmlStreamReader probe(bytes);
    QString root;
    while (!probe.atEnd() && root.isEmpty()) {
        probe.readNext();
        if (probe.isStartElement())
            root = probe.name().toString();
    }
    QString detail;
    std::optional<PageReading> page;
    if (root == QLatin1String("PcGts"))
        page = readPageXml(bytes, &detail);
    else if (root == QLatin1String("alto"))
        page = readAlto(bytes, &detail);
    else if (root.compare(QLatin1String("html"), Qt::CaseInsensitive) == 0)
        page = readHocr(bytes, &detail);
    else
        detail = QCoreApplication::translate("inklens::service::PageFormats",
                                             "not PAGE XML, ALTO or hOCR");
    if (!page) {
        setError(error, QStringLiteral("%1: %2").arg(path, detail));
        return std::nullopt;
    }
    if (page->file.isEmpty())
        page->file = path;
    return page;
}

}  // namespace inklens::service
