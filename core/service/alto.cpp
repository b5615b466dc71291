#include "service/alto.h"
#include "service/page_numbers.h"

#include <QFile>
#include <QStringList>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace inklens::service {

namespace {

QString number(double v)
{
    // Pixels: two decimals at most, no trailing zeros ("12", "12.5").
    return QString::number(std::round(v * 100.0) / 100.0, 'g', 12);
}

QString pointList(const std::vector<cv::Point2f>& points)
{
    QStringList out;
    for (const cv::Point2f& p : points)
        out << number(p.x) << number(p.y);
    return out.join(QLatin1Char(' '));
}

void writeBox(QXmlStreamWriter& xml, const cv::Rect2f& box)
{
    xml.writeAttribute(QStringLiteral("HPOS"), number(box.x));
    xml.writeAttribute(QStringLiteral("VPOS"), number(box.y));
    xml.writeAttribute(QStringLiteral("WIDTH"), number(box.width));
    xml.writeAttribute(QStringLiteral("HEIGHT"), number(box.height));
}

}  // namespace

QByteArray altoXml(const PageReading& page, const QString& imageFile)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    const QString ns = QStringLiteral("http://www.loc.gov/standards/alto/ns-v4#");
    xml.writeDefaultNamespace(ns);
    xml.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                       QStringLiteral("xsi"));
    xml.writeStartElement(ns, QStringLiteral("alto"));
    xml.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                       QStringLiteral("schemaLocation"),
                       ns + QStringLiteral(" http://www.loc.gov/standards/alto/v4/alto-4-2.xsd"));

    xml.writeStartElement(QStringLiteral("Description"));
    xml.writeTextElement(QStringLiteral("MeasurementUnit"), QStringLiteral("pixel"));
    xml.writeStartElement(QStringLiteral("sourceImageInformation"));
    xml.writeTextElement(QStringLiteral("fileName"), imageFile.isEmpty() ? page.file : imageFile);
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("OCRProcessing"));
    xml.writeAttribute(QStringLiteral("ID"), QStringLiteral("OCR_0"));
    xml.writeStartElement(QStringLiteral("ocrProcessingStep"));
    xml.writeStartElement(QStringLiteral("processingSoftware"));
    xml.writeTextElement(QStringLiteral("softwareName"), QStringLiteral("InkLens"));
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();  // Description

    xml.writeStartElement(QStringLiteral("Layout"));
    xml.writeStartElement(QStringLiteral("Page"));
    xml.writeAttribute(QStringLiteral("ID"), QStringLiteral("page_1"));
    xml.writeAttribute(QStringLiteral("PHYSICAL_IMG_NR"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("WIDTH"), QString::number(page.size.width()));
    xml.writeAttribute(QStringLiteral("HEIGHT"), QString::number(page.size.height()));
    xml.writeStartElement(QStringLiteral("PrintSpace"));
    writeBox(xml, cv::Rect2f(0, 0, static_cast<float>(page.size.width()),
                             static_cast<float>(page.size.height())));

    // One TextBlock per run of lines of one block (lines are in reading order).
    std::size_t i = 0;
    int blockCount = 0;
    while (i < page.lines.size()) {
        std::size_t end = i + 1;
        while (end < page.lines.size() && page.lines[end].line.block == page.lines[i].line.block)
            ++end;
        std::vector<cv::Point2f> all;
        for (std::size_t k = i; k < end; ++k)
            all.insert(all.end(), page.lines[k].line.polygon.begin(),
                       page.lines[k].line.polygon.end());
        xml.writeStartElement(QStringLiteral("TextBlock"));
        xml.writeAttribute(QStringLiteral("ID"), QStringLiteral("block_%1").arg(++blockCount));
        writeBox(xml, pageBounds(all));
        for (std::size_t k = i; k < end; ++k) {
            const PageLineReading& line = page.lines[k];
            xml.writeStartElement(QStringLiteral("TextLine"));
            xml.writeAttribute(QStringLiteral("ID"), QStringLiteral("line_%1").arg(k + 1));
            writeBox(xml, pageBounds(line.line.polygon));
            if (!line.line.baseline.empty())
                xml.writeAttribute(QStringLiteral("BASELINE"), pointList(line.line.baseline));
            xml.writeStartElement(QStringLiteral("Shape"));
            xml.writeStartElement(QStringLiteral("Polygon"));
            xml.writeAttribute(QStringLiteral("POINTS"), pointList(line.line.polygon));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeStartElement(QStringLiteral("String"));
            xml.writeAttribute(QStringLiteral("ID"), QStringLiteral("string_%1").arg(k + 1));
            writeBox(xml, pageBounds(line.line.polygon));
            xml.writeAttribute(QStringLiteral("CONTENT"), line.text);
            xml.writeAttribute(QStringLiteral("WC"),
                               QString::number(std::clamp(line.confidence, 0.0, 1.0), 'f', 4));
            xml.writeEndElement();  // String
            xml.writeEndElement();  // TextLine
        }
        xml.writeEndElement();  // TextBlock
        i = end;
    }
    xml.writeEndElement();  // PrintSpace
    xml.writeEndElement();  // Page
    xml.writeEndElement();  // Layout
    xml.writeEndElement();  // alto
    xml.writeEndDocument();
    return out;
}

std::optional<PageReading> readAltoFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    std::optional<PageReading> page = readAlto(file.readAll(), error);
    if (page && page->file.isEmpty())
        page->file = path;
    if (!page && error)
        *error = QStringLiteral("%1: %2").arg(path, *error);
    return page;
}

std::optional<PageReading> readAlto(const QByteArray& data, QString* error)
{
    const auto fail = [error](const QString& why) -> std::optional<PageReading> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QXmlStreamReader xml(data);
    PageReading page;
    bool sawAlto = false;
    int block = -1;
    // The line being read (inside a TextLine).
    bool inLine = false, inFileName = false;
    PageLineReading line;
    QStringList words;
    double wcSum = 0;
    int wcCount = 0;
    float hpos = 0, vpos = 0, width = 0, height = 0;
    QString baselineText;

    const auto attr = [&xml](const char* name) {
        return xml.attributes().value(QLatin1String(name)).toString();
    };
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView name = xml.name();
            if (!sawAlto) {
                if (name != QLatin1String("alto"))
                    return fail(
                        QStringLiteral("not an ALTO file (root element <%1>)").arg(name.toString()));
                sawAlto = true;
            } else if (name == QLatin1String("fileName")) {
                inFileName = true;
            } else if (name == QLatin1String("Page")) {
                page.size = QSize(qRound(pageCoordinate(attr("WIDTH")).value_or(0)),
                                  qRound(pageCoordinate(attr("HEIGHT")).value_or(0)));
            } else if (name == QLatin1String("TextBlock")) {
                ++block;
            } else if (name == QLatin1String("TextLine")) {
                inLine = true;
                line = {};
                line.line.block = std::max(block, 0);
                words.clear();
                wcSum = 0, wcCount = 0;
                hpos = pageCoordinate(attr("HPOS")).value_or(0);
                vpos = pageCoordinate(attr("VPOS")).value_or(0);
                // A size that is not a number in range: a line without a box.
                width = pageCoordinate(attr("WIDTH")).value_or(0);
                height = pageCoordinate(attr("HEIGHT")).value_or(0);
                baselineText = attr("BASELINE");
            } else if (inLine && name == QLatin1String("Polygon")) {
                line.line.polygon = parsePagePoints(attr("POINTS"));
            } else if (inLine && name == QLatin1String("String")) {
                const QString content = attr("CONTENT");
                if (!content.isEmpty())
                    words << content;
                bool ok = false;
                const double wc = attr("WC").toDouble(&ok);
                if (ok)
                    wcSum += wc, ++wcCount;
            }
        } else if (token == QXmlStreamReader::Characters && inFileName) {
            page.file += xml.text().toString().trimmed();
        } else if (token == QXmlStreamReader::EndElement) {
            const QStringView name = xml.name();
            if (name == QLatin1String("fileName")) {
                inFileName = false;
            } else if (name == QLatin1String("TextLine") && inLine) {
                inLine = false;
                imaging::PageLine& geometry = line.line;
                if (geometry.polygon.size() < 3) {
                    if (width <= 0 || height <= 0)
                        continue;  // a line without geometry: nothing to place
                    geometry.polygon = {{hpos, vpos},
                                        {hpos + width, vpos},
                                        {hpos + width, vpos + height},
                                        {hpos, vpos + height}};
                }
                std::vector<cv::Point2f> baseline = parsePagePoints(baselineText);
                if (baseline.size() < 2) {
                    // ALTO v2/v3: BASELINE is one number, the baseline's y (or absent).
                    const auto y = pageCoordinate(baselineText.trimmed());
                    const cv::Rect2f box = pageBounds(geometry.polygon);
                    const float by = y ? *y : box.y + 0.75f * box.height;
                    baseline = {{box.x, by}, {box.x + box.width, by}};
                }
                geometry.baseline = std::move(baseline);
                line.text = words.join(QLatin1Char(' '));
                line.confidence = pageConfidence(wcCount ? wcSum / wcCount : 0.0);
                page.lines.push_back(std::move(line));
            }
        }
    }
    if (xml.hasError())
        return fail(QStringLiteral("invalid XML at line %1: %2")
                        .arg(xml.lineNumber())
                        .arg(xml.errorString()));
    if (!sawAlto)
        return fail(QStringLiteral("not an ALTO file (no <alto> element)"));
    return page;
}

}  // namespace inklens::service
