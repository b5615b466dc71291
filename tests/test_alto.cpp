// service::altoXml / readAlto: a page written as ALTO v4 and read back gives the same lines
// (polygons, baselines, texts, confidences, blocks); ALTO v2/v3 spellings (box only,
// BASELINE as one number, several Strings) and bad input.
#include "service/alto.h"

#include <QTemporaryDir>
#include <QtTest>

using inklens::imaging::PageLine;
using inklens::service::PageLineReading;
using inklens::service::PageReading;

namespace {

PageLineReading lineOf(std::vector<cv::Point2f> polygon, std::vector<cv::Point2f> baseline,
                       int block, const QString& text, double confidence)
{
    PageLineReading line;
    line.line.polygon = std::move(polygon);
    line.line.baseline = std::move(baseline);
    line.line.block = block;
    line.text = text;
    line.confidence = confidence;
    return line;
}

}  // namespace

class TestAlto : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        PageReading page;
        page.size = QSize(1200, 1600);
        page.file = QStringLiteral("scan.jpg");
        page.lines.push_back(lineOf({{10.5f, 20}, {500, 18}, {502, 90.25f}, {12, 92}},
                                    {{12, 75}, {250, 73.5f}, {500, 72}}, 0,
                                    QStringLiteral("Je désire <que> \"tous\" & ce"), 0.8125));
        page.lines.push_back(lineOf({{10, 100}, {520, 100}, {515, 170}, {300, 180}, {10, 170}},
                                    {{12, 160}, {515, 158}}, 0, QStringLiteral("deux  mots"), 0.5));
        page.lines.push_back(lineOf({{900, 50}, {1100, 50}, {1100, 110}, {900, 110}},
                                    {{900, 100}, {1100, 100}}, 1, QStringLiteral("marge ’œ€"),
                                    0.0));
        const QByteArray xml = inklens::service::altoXml(page);
        QVERIFY(xml.contains("ns-v4"));
        QVERIFY(xml.contains("<MeasurementUnit>pixel</MeasurementUnit>"));
        QVERIFY(xml.contains("&amp;"));
        QString error;
        const std::optional<PageReading> back = inklens::service::readAlto(xml, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->size, page.size);
        QCOMPARE(back->file, page.file);
        QCOMPARE(back->lines.size(), page.lines.size());
        for (std::size_t i = 0; i < page.lines.size(); ++i) {
            const PageLineReading &a = page.lines[i], &b = back->lines[i];
            QCOMPARE(b.text, a.text);
            QVERIFY(std::abs(b.confidence - a.confidence) < 1e-4);
            QCOMPARE(b.line.block, a.line.block);
            QCOMPARE(b.line.polygon.size(), a.line.polygon.size());
            for (std::size_t k = 0; k < a.line.polygon.size(); ++k)
                QVERIFY(cv::norm(a.line.polygon[k] - b.line.polygon[k]) < 0.01);
            QCOMPARE(b.line.baseline.size(), a.line.baseline.size());
            for (std::size_t k = 0; k < a.line.baseline.size(); ++k)
                QVERIFY(cv::norm(a.line.baseline[k] - b.line.baseline[k]) < 0.01);
        }
    }

    void fileRoundTrip()
    {
        PageReading page;
        page.size = QSize(100, 100);
        page.lines.push_back(
            lineOf({{1, 2}, {90, 2}, {90, 30}}, {{1, 25}, {90, 25}}, 0, QStringLiteral("a"), 0.25));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.xml"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(inklens::service::altoXml(page, QStringLiteral("p.png")));
        out.close();
        const std::optional<PageReading> back = inklens::service::readAltoFile(path);
        QVERIFY(back);
        QCOMPARE(back->file, QStringLiteral("p.png"));
        QCOMPARE(back->lines.size(), std::size_t(1));
        QCOMPARE(back->lines[0].text, QStringLiteral("a"));
    }

    // ALTO v2: no polygon (the box), BASELINE the baseline's y, several Strings and SP.
    void olderSpellings()
    {
        const QByteArray xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v2#\">\n"
            " <Layout><Page WIDTH=\"800\" HEIGHT=\"600\"><PrintSpace>\n"
            "  <TextBlock ID=\"b1\">\n"
            "   <TextLine ID=\"l1\" HPOS=\"10\" VPOS=\"20\" WIDTH=\"300\" HEIGHT=\"40\" BASELINE=\"52\">\n"
            "    <String CONTENT=\"Paris\" WC=\"0.9\"/><SP/><String CONTENT=\"le\" WC=\"0.7\"/>\n"
            "   </TextLine>\n"
            "  </TextBlock>\n"
            "  <TextBlock ID=\"b2\">\n"
            "   <TextLine ID=\"l2\" HPOS=\"400\" VPOS=\"20\" WIDTH=\"100\" HEIGHT=\"30\">\n"
            "    <String CONTENT=\"x\"/>\n"
            "   </TextLine>\n"
            "  </TextBlock>\n"
            " </PrintSpace></Page></Layout></alto>\n";
        QString error;
        const std::optional<PageReading> page = inklens::service::readAlto(xml, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->size, QSize(800, 600));
        QCOMPARE(page->lines.size(), std::size_t(2));
        const PageLineReading& first = page->lines[0];
        QCOMPARE(first.text, QStringLiteral("Paris le"));
        QVERIFY(std::abs(first.confidence - 0.8) < 1e-9);
        QCOMPARE(first.line.polygon.size(), std::size_t(4));
        QCOMPARE(first.line.polygon[2], cv::Point2f(310, 60));
        QCOMPARE(first.line.baseline.size(), std::size_t(2));
        QCOMPARE(first.line.baseline[0], cv::Point2f(10, 52));
        QCOMPARE(first.line.baseline[1], cv::Point2f(310, 52));
        QCOMPARE(page->lines[1].line.block, 1);
        QCOMPARE(page->lines[1].confidence, 0.0);
    }

    // Numbers beyond any page (service/page_numbers.h; fuzz/regressions/fuzz_alto): taken
    // as missing, never cast into int (WIDTH="1e99" once overflowed qRound).
    void numbersOutOfRange()
    {
        const QByteArray xml =
            "<alto><Layout><Page WIDTH=\"1e99\" HEIGHT=\"600\"><PrintSpace><TextBlock>\n"
            " <TextLine HPOS=\"10\" VPOS=\"20\" WIDTH=\"3e38\" HEIGHT=\"40\"><String CONTENT=\"a\"/>"
            "</TextLine>\n"
            " <TextLine HPOS=\"10\" VPOS=\"20\" WIDTH=\"300\" HEIGHT=\"40\" BASELINE=\"inf\">"
            "<Shape><Polygon POINTS=\"nan 1 2 3 4 5\"/></Shape><String CONTENT=\"b\" WC=\"7\"/>"
            "</TextLine>\n"
            "</TextBlock></PrintSpace></Page></Layout></alto>\n";
        QString error;
        const std::optional<PageReading> page = inklens::service::readAlto(xml, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->size, QSize(0, 600));
        QCOMPARE(page->lines.size(), std::size_t(1));  // the first has no usable box
        const PageLineReading& line = page->lines[0];
        QCOMPARE(line.text, QStringLiteral("b"));
        QCOMPARE(line.confidence, 1.0);
        QCOMPARE(line.line.polygon.size(), std::size_t(4));  // the box, not the bad polygon
        QCOMPARE(line.line.polygon[2], cv::Point2f(310, 60));
        QCOMPARE(line.line.baseline[0], cv::Point2f(10, 50));  // 3/4 down the box
    }

    void badInput()
    {
        QString error;
        QVERIFY(!inklens::service::readAlto("not xml at all", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!inklens::service::readAlto("<PcGts><Page/></PcGts>", &error));
        QVERIFY(error.contains(QStringLiteral("ALTO")));
        QVERIFY(!inklens::service::readAlto("<alto><Layout><Page>", &error));
        QVERIFY(!inklens::service::readAltoFile(QStringLiteral("/nonexistent/x.xml"), &error));
        QVERIFY(error.contains(QStringLiteral("x.xml")));
    }
};

QTEST_APPLESS_MAIN(TestAlto)
#include "test_alto.moc"
