// imaging::analyzePage and its stages on pages drawn here: lines of handwriting-like text
// (Debian's DkgHandwriting font when installed, else the default font) on paper with
// noise, a shadow across it, ruled lines, skew, lines close enough that ascenders and
// descenders touch, a block of small print (ignored), a margin note (its own block, read
// after the main text), notes written up or down a margin (found turned, read the right
// way), two short lines on one row a gutter apart (kept apart), typeset lines as large as
// the writing (ignored), an engraving beside the writing (no lines); a blank page gives no
// lines; dust strewn beside lines' ends stays out of their outlines; cropLine fills outside
// the outline with the paper's gray.
#include "imaging/line_detection.h"
#include "imaging/page_binarize.h"
#include "imaging/page_layout.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>

using inklens::imaging::PageLayout;
using inklens::imaging::PageLine;

namespace {

const char* const kTexts[] = {
    "Je desire que tous ce qui appartient a moi", "Ma femme Marie de jouir a son gree de tous",
    "que nous possedons sans que aucun de ma",    "famille puisse reclamer quoique ce soit hier",
    "Tant qua notre fils Eugene elle sarrangera", "comme il lui plaira selon ses moyens pour",
    "lui donner soit instruction ou un metier",   "pour pouvoir se debrouiller jusqu au bout",
};

QFont handwriting(int pixelSize)
{
    static const QString family = [] {
        const int id = QFontDatabase::addApplicationFont(
            QStringLiteral("/usr/share/fonts/truetype/fifthhorseman/dkg.ttf"));
        const QStringList families = QFontDatabase::applicationFontFamilies(id);
        return families.isEmpty() ? QString() : families.first();
    }();
    QFont font = family.isEmpty() ? QFont() : QFont(family);
    font.setPixelSize(pixelSize);
    return font;
}

struct PageSpec
{
    int width = 1700, height = 2200;
    int lines = 8;
    int fontPixels = 56;       // the font's pixel size
    double spacing = 1.5;      // baseline to baseline, in font sizes
    double skewDeg = 0;        // the page turned (positive: text rising to the right)
    bool shadow = false;       // paper darkening to 55 % across the page
    bool ruled = false;        // ruled lines under the baselines
    bool print = false;        // a paragraph of small print above the text
    bool marginNote = false;   // two short lines in the right margin
    double lineSlopeDeg = 0;   // every line turned by this much (positive: rising)
    double lineSlopeTurn = 0;  // and by this much more, alternately up and down
    bool heading = false;      // a short line at the top right, well above the text
    int paper = 235;
};

struct DrawnPage
{
    cv::Mat gray;
    std::vector<std::pair<cv::Point2f, cv::Point2f>> baselines;  // main text, top to bottom
    std::vector<std::pair<cv::Point2f, cv::Point2f>> notes;      // margin note lines
};

DrawnPage drawPage(const PageSpec& spec, unsigned seed = 1)
{
    QImage image(spec.width, spec.height, QImage::Format_Grayscale8);
    image.fill(QColor(spec.paper, spec.paper, spec.paper));
    DrawnPage out;
    QTransform turn;  // about the page's centre; Qt's positive angle turns clockwise (y down)
    turn.translate(spec.width / 2.0, spec.height / 2.0);
    turn.rotate(-spec.skewDeg);
    turn.translate(-spec.width / 2.0, -spec.height / 2.0);
    const auto mapped = [&](double x, double y) {
        const QPointF p = turn.map(QPointF(x, y));
        return cv::Point2f(float(p.x()), float(p.y()));
    };
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setTransform(turn);
        const double left = 160, top = spec.print ? 420 : spec.heading ? 500 : 260;
        const double pitch = spec.spacing * spec.fontPixels;
        if (spec.ruled) {
            p.setPen(QPen(QColor(150, 150, 150), 2));
            for (double y = top - 2 * pitch; y < spec.height; y += pitch)
                p.drawLine(QPointF(40, y + 4), QPointF(spec.width - 40, y + 4));
        }
        if (spec.print) {
            QFont small(QStringLiteral("DejaVu Sans"));
            small.setPixelSize(spec.fontPixels / 3);
            p.setFont(small);
            p.setPen(QColor(30, 30, 30));
            for (int i = 0; i < 4; ++i)
                p.drawText(QPointF(left, 140 + i * spec.fontPixels * 0.45),
                           QStringLiteral("I have read the conditions of participation and I "
                                          "agree that my manuscript may be published freely."));
        }
        p.setFont(handwriting(spec.fontPixels));
        p.setPen(QColor(25, 25, 60));
        const double right = spec.marginNote ? spec.width - 620 : spec.width - 120;
        for (int i = 0; i < spec.lines; ++i) {
            const double y = top + i * pitch;
            const QString text = QString::fromLatin1(kTexts[i % 8]);
            const QFontMetricsF metrics(p.font());
            // Shorten to fit between the margins.
            QString fitted = text;
            while (metrics.horizontalAdvance(fitted) > right - left)
                fitted.chop(1);
            const double slope = spec.lineSlopeDeg + (i % 2 ? -1 : 1) * spec.lineSlopeTurn;
            const double width = metrics.horizontalAdvance(fitted);
            p.save();
            p.translate(left, y);
            p.rotate(-slope);  // positive: rising to the right
            p.drawText(QPointF(0, 0), fitted);
            p.restore();
            const double rise = width * std::tan(slope * M_PI / 180);
            out.baselines.emplace_back(mapped(left, y), mapped(left + width, y - rise));
        }
        if (spec.heading) {
            const QFontMetricsF metrics(p.font());
            const double x = spec.width - 560, y = top - 3 * pitch;
            const QString text = QStringLiteral("Testament");
            p.drawText(QPointF(x, y), text);
            out.baselines.insert(out.baselines.begin(),
                                 {mapped(x, y), mapped(x + metrics.horizontalAdvance(text), y)});
        }
        if (spec.marginNote) {
            QFont note = handwriting(spec.fontPixels * 3 / 4);
            p.setFont(note);
            const QFontMetricsF metrics(note);
            for (int i = 0; i < 2; ++i) {
                const double x = spec.width - 340,
                             y = top + 3.2 * pitch + i * 1.5 * note.pixelSize();
                const QString text = i == 0 ? QStringLiteral("vu le") : QStringLiteral("notaire");
                p.drawText(QPointF(x, y), text);
                out.notes.emplace_back(mapped(x, y),
                                       mapped(x + metrics.horizontalAdvance(text), y));
            }
        }
    }
    cv::Mat gray(image.height(), image.width(), CV_8U);
    for (int y = 0; y < image.height(); ++y)
        std::copy_n(image.constScanLine(y), image.width(), gray.ptr<uchar>(y));
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.f, 6.f);
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x) {
            float v = gray.at<uchar>(y, x);
            if (spec.shadow)  // a shadow from the right edge and the bottom
                v *= 1.0f
                     - 0.45f * float(x) / float(gray.cols)
                           * (0.5f + 0.5f * float(y) / float(gray.rows));
            gray.at<uchar>(y, x) = cv::saturate_cast<uchar>(v + noise(rng));
        }
    out.gray = gray;
    return out;
}

cv::Mat grayOf(const QImage& image)
{
    cv::Mat gray(image.height(), image.width(), CV_8U);
    for (int y = 0; y < image.height(); ++y)
        std::copy_n(image.constScanLine(y), image.width(), gray.ptr<uchar>(y));
    return gray;
}

// A page of `lines` lines of handwriting at (left, top), `pitch` apart, each `width` wide at
// most; their baselines.
std::vector<std::pair<QPointF, QPointF>> writeLines(QPainter& p, double left, double top,
                                                    double pitch, double width, int lines,
                                                    int first = 0)
{
    std::vector<std::pair<QPointF, QPointF>> baselines;
    const QFontMetricsF metrics(p.font());
    for (int i = 0; i < lines; ++i) {
        QString text = QString::fromLatin1(kTexts[(first + i) % 8]);
        while (metrics.horizontalAdvance(text) > width)
            text.chop(1);
        p.drawText(QPointF(left, top + i * pitch), text);
        baselines.emplace_back(QPointF(left, top + i * pitch),
                               QPointF(left + metrics.horizontalAdvance(text), top + i * pitch));
    }
    return baselines;
}

// The y of a polyline at x (linear between its points, held at its ends).
double yAt(const std::vector<cv::Point2f>& line, double x)
{
    if (x <= line.front().x)
        return line.front().y;
    for (std::size_t i = 1; i < line.size(); ++i)
        if (x <= line[i].x) {
            const double t = (x - line[i - 1].x) / std::max(1e-6f, line[i].x - line[i - 1].x);
            return line[i - 1].y + t * (line[i].y - line[i - 1].y);
        }
    return line.back().y;
}

// Every drawn line found once, in order: the i-th detected line's baseline within
// `tolerance` of the i-th drawn baseline at its middle, and spanning most of it.
void expectLines(const PageLayout& layout, const DrawnPage& page, double tolerance)
{
    QCOMPARE(layout.lines.size(), page.baselines.size() + page.notes.size());
    std::vector<std::pair<cv::Point2f, cv::Point2f>> expected = page.baselines;
    expected.insert(expected.end(), page.notes.begin(), page.notes.end());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto [a, b] = expected[i];
        const PageLine& line = layout.lines[i];
        const double mid = 0.5 * (a.x + b.x), truth = 0.5 * (a.y + b.y);
        const double found = yAt(line.baseline, mid);
        QVERIFY2(std::abs(found - truth) < tolerance,
                 qPrintable(QStringLiteral("line %1: baseline at %2, drawn at %3")
                                .arg(i)
                                .arg(found)
                                .arg(truth)));
        const double x0 = line.baseline.front().x, x1 = line.baseline.back().x;
        QVERIFY2(x0 < a.x + 0.1 * (b.x - a.x) && x1 > b.x - 0.1 * (b.x - a.x),
                 qPrintable(QStringLiteral("line %1 spans %2..%3, drawn %4..%5")
                                .arg(i)
                                .arg(x0)
                                .arg(x1)
                                .arg(a.x)
                                .arg(b.x)));
        // Its outline holds the middle of its baseline.
        std::vector<cv::Point2f> polygon = line.polygon;
        QVERIFY(cv::pointPolygonTest(polygon, cv::Point2f(float(mid), float(truth) - 5), false)
                >= 0);
    }
    for (std::size_t i = 0; i < page.notes.size(); ++i)
        QVERIFY(layout.lines[page.baselines.size() + i].block
                != layout.lines[0].block);  // the note is a block of its own
}

}  // namespace

class TestPageLayout : public QObject
{
    Q_OBJECT
private slots:
    void cleanPage()
    {
        const DrawnPage page = drawPage({});
        expectLines(inklens::imaging::analyzePage(page.gray), page, 15);
    }

    void shadowNoiseAndRules()
    {
        PageSpec spec;
        spec.shadow = true;
        spec.ruled = true;
        const DrawnPage page = drawPage(spec, 2);
        expectLines(inklens::imaging::analyzePage(page.gray), page, 15);
    }

    void skewed()
    {
        PageSpec spec;
        spec.skewDeg = 3;
        const DrawnPage page = drawPage(spec, 3);
        const PageLayout layout = inklens::imaging::analyzePage(page.gray);
        QVERIFY2(std::abs(layout.skew * 180 / M_PI - 3) < 0.5,
                 qPrintable(QString::number(layout.skew * 180 / M_PI)));
        expectLines(layout, page, 15);
    }

    // Baselines 1.15 font sizes apart: descenders reach into the next line's ascenders.
    void touchingLines()
    {
        PageSpec spec;
        spec.spacing = 1.15;
        spec.lines = 10;
        const DrawnPage page = drawPage(spec, 4);
        expectLines(inklens::imaging::analyzePage(page.gray), page, 12);
    }

    // Lines rising by 3 degrees on a straight page, by half a degree more and less in turn
    // (neighbours 1 degree apart; at 2 degrees apart the closing lines' ridges merge).
    void slantedLines()
    {
        PageSpec spec;
        spec.lineSlopeDeg = 3;
        spec.lineSlopeTurn = 0.5;
        const DrawnPage page = drawPage(spec, 9);
        expectLines(inklens::imaging::analyzePage(page.gray), page, 15);
    }

    void printIgnoredAndMarginNote()
    {
        PageSpec spec;
        spec.print = true;
        spec.marginNote = true;
        spec.lines = 7;
        const DrawnPage page = drawPage(spec, 5);
        expectLines(inklens::imaging::analyzePage(page.gray), page, 15);
    }

    // A heading above the text, at its right, is read first.
    void headingFirst()
    {
        PageSpec spec;
        spec.heading = true;
        spec.lines = 6;
        const DrawnPage page = drawPage(spec, 8);
        const PageLayout layout = inklens::imaging::analyzePage(page.gray);
        expectLines(layout, page, 15);  // the heading first
    }

    // A large picture is analysed downscaled; the layout comes back in its own pixels.
    void largePictureCoordinates()
    {
        PageSpec spec;
        spec.width = 3400, spec.height = 4400, spec.fontPixels = 112, spec.lines = 6;
        const DrawnPage page = drawPage(spec, 6);
        const PageLayout layout = inklens::imaging::analyzePage(page.gray);
        QCOMPARE(layout.size, page.gray.size());
        expectLines(layout, page, 30);
    }

    // Dust strewn beside lines' ends (the grain of a table, specks on the glass): the lines
    // are found, and their outlines end at their writing, not in the dust.
    void dustBesideLineEnds()
    {
        PageSpec spec;
        DrawnPage page = drawPage(spec, 11);
        std::mt19937 rng(11);
        std::uniform_int_distribution<int> step(10, 20), jitter(-12, 12), radius(2, 3);
        const double margin = 0.5 * spec.fontPixels;
        // Left of lines 2 and 5 (from the picture's edge to half a letter before the
        // writing), right of line 3 (from half a letter after it to the edge).
        const auto strew = [&](double y, int from, int to) {
            for (int x = from; x < to; x += step(rng))
                cv::circle(page.gray, cv::Point(x, cvRound(y) - 15 + jitter(rng)), radius(rng),
                           cv::Scalar(40), cv::FILLED);
        };
        strew(page.baselines[2].first.y, 10, int(page.baselines[2].first.x - margin));
        strew(page.baselines[5].first.y, 10, int(page.baselines[5].first.x - margin));
        strew(page.baselines[3].second.y, int(page.baselines[3].second.x + margin),
              page.gray.cols - 10);
        const PageLayout layout = inklens::imaging::analyzePage(page.gray);
        expectLines(layout, page, 15);
        const auto extent = [](const PageLine& line) {
            return cv::boundingRect(std::vector<cv::Point2f>(line.polygon));
        };
        for (int i : {2, 5}) {
            const cv::Rect box = extent(layout.lines[std::size_t(i)]);
            QVERIFY2(box.x > page.baselines[std::size_t(i)].first.x - margin,
                     qPrintable(QStringLiteral("line %1 starts at %2, its writing at %3")
                                    .arg(i)
                                    .arg(box.x)
                                    .arg(page.baselines[std::size_t(i)].first.x)));
        }
        const cv::Rect box = extent(layout.lines[3]);
        QVERIFY2(box.br().x < page.baselines[3].second.x + margin,
                 qPrintable(QStringLiteral("line 3 ends at %1, its writing at %2")
                                .arg(box.br().x)
                                .arg(page.baselines[3].second.x)));
    }

    // A picture of one line (what the window and the CLI read as a line) is one line.
    void oneLinePicture()
    {
        for (const auto& [size, pixels] :
             {std::pair{QSize(360, 48), 28}, std::pair{QSize(420, 96), 57},
              std::pair{QSize(900, 70), 40}}) {
            QImage image(size, QImage::Format_Grayscale8);
            image.fill(Qt::white);
            QPainter p(&image);
            QFont font(QStringLiteral("DejaVu Sans"));
            font.setPixelSize(pixels);
            p.setFont(font);
            p.drawText(QRect(12, 0, size.width() - 24, size.height()), Qt::AlignVCenter,
                       QStringLiteral("Qu'est-ce hello"));
            p.end();
            cv::Mat gray(image.height(), image.width(), CV_8U);
            for (int y = 0; y < image.height(); ++y)
                std::copy_n(image.constScanLine(y), image.width(), gray.ptr<uchar>(y));
            QCOMPARE(inklens::imaging::analyzePage(gray).lines.size(), std::size_t(1));
        }
    }

    // A line crop whose words stand far apart is cut into pieces side by side: one row,
    // so the picture stays one line (service::isPagePicture); stacked lines are rows.
    void rowsOfText()
    {
        using inklens::imaging::PageLayout;
        using inklens::imaging::PageLine;
        const auto box = [](float x0, float y0, float x1, float y1) {
            PageLine line;
            line.polygon = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
            line.baseline = {{x0, y1 - 5}, {x1, y1 - 5}};
            return line;
        };
        QCOMPARE(PageLayout::textRows({}), 0);
        QCOMPARE(PageLayout::textRows({box(0, 4, 480, 42)}), 1);
        // Two pieces of one line (the crop of wikitexte_0296_l014 was read as two lines).
        QCOMPARE(PageLayout::textRows({box(525, 4, 903, 40), box(0, 8, 483, 42)}), 1);
        // A margin note beside its line, taller than it, is the same row.
        QCOMPARE(PageLayout::textRows({box(0, 100, 800, 140), box(820, 90, 1000, 170)}), 1);
        // Stacked lines, even when ascenders and descenders reach into each other.
        QCOMPARE(PageLayout::textRows({box(0, 0, 900, 50), box(0, 40, 900, 90),
                                       box(0, 85, 900, 130)}),
                 3);
        // A sliver of the next line's ascenders under a line: a row of its own.
        QCOMPARE(PageLayout::textRows({box(0, 0, 900, 40), box(100, 44, 300, 52)}), 2);
        PageLayout layout;
        layout.lines = {box(0, 0, 900, 50), box(0, 60, 900, 110)};
        QCOMPARE(layout.rows(), 2);
    }

    void blankAndNoise()
    {
        cv::Mat blank(1500, 1100, CV_8U, cv::Scalar(228));
        cv::Mat noise(blank.size(), CV_8U);
        cv::randn(noise, 0, 5);
        blank += noise;
        QVERIFY(inklens::imaging::analyzePage(blank).lines.empty());
        QVERIFY(inklens::imaging::analyzePage(cv::Mat()).lines.empty());
        QVERIFY(inklens::imaging::analyzePage(cv::Mat(5, 5, CV_8U, cv::Scalar(0))).lines.empty());
    }

    void cancelled()
    {
        const DrawnPage page = drawPage({});
        std::atomic_bool cancel{true};
        const PageLayout layout = inklens::imaging::analyzePage(page.gray, {}, &cancel);
        QVERIFY(layout.cancelled);
    }

    // Outside the outline the crop is the paper's gray, not white.
    void cropFillsWithPaper()
    {
        PageSpec spec;
        spec.paper = 180;
        const DrawnPage page = drawPage(spec, 7);
        const PageLayout layout = inklens::imaging::analyzePage(page.gray);
        QVERIFY(!layout.lines.empty());
        const PageLine& line = layout.lines[2];
        const cv::Mat crop = inklens::imaging::cropLine(page.gray, line);
        QVERIFY(!crop.empty());
        // The top-left corner of the box lies outside any outline that follows the ink.
        std::vector<cv::Point> outline;
        for (const cv::Point2f& p : line.polygon)
            outline.emplace_back(cvRound(p.x), cvRound(p.y));
        const cv::Rect box = cv::boundingRect(outline);
        int outside = 0;
        for (int y = 0; y < crop.rows; ++y)
            for (int x = 0; x < crop.cols; ++x)
                if (cv::pointPolygonTest(line.polygon,
                                         cv::Point2f(float(box.x + x), float(box.y + y)), true)
                    < -2) {
                    ++outside;
                    QVERIFY2(std::abs(int(crop.at<uchar>(y, x)) - 180) <= 12,
                             qPrintable(QString::number(crop.at<uchar>(y, x))));
                }
        QVERIFY(outside > 0);
    }

    // A line written up the page (its baseline rising steeply) comes out turned to read
    // left to right: wider than high, its first letters (bottom of the page) on the left.
    void cropTurnsLinesWrittenUpThePage()
    {
        cv::Mat gray(400, 200, CV_8U, cv::Scalar(220));
        cv::rectangle(gray, cv::Rect(90, 330, 20, 40), cv::Scalar(20), cv::FILLED);  // the start
        PageLine line;
        line.polygon = {{70, 20}, {130, 20}, {130, 380}, {70, 380}};
        line.baseline = {{125, 380}, {125, 20}};
        const cv::Mat crop = inklens::imaging::cropLine(gray, line);
        QCOMPARE(crop.cols, 361);
        QCOMPARE(crop.rows, 61);
        double leftInk = 0, rightInk = 0;
        for (int y = 0; y < crop.rows; ++y)
            for (int x = 0; x < crop.cols; ++x)
                (x < crop.cols / 2 ? leftInk
                                   : rightInk) += std::max(0, 150 - int(crop.at<uchar>(y, x)));
        QVERIFY(leftInk > 10 * rightInk + 1);
    }

    // A block of notes written along a margin, up the left one (turned a quarter
    // anticlockwise) or down the right one (clockwise), beside the text: found as lines of
    // their own, their baselines running the way the notes are written, and cropped to read
    // left to right (the crop matches the note drawn level far better than drawn upside
    // down).
    void turnedNoteBlock_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("angle");
        QTest::addColumn<double>("textLeft");
        QTest::newRow("up the left margin") << 150.0 << 1900.0 << -90.0 << 480.0;
        QTest::newRow("down the right margin") << 1550.0 << 300.0 << 90.0 << 160.0;
    }

    void turnedNoteBlock()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, angle);
        QFETCH(double, textLeft);
        QImage image(1700, 2200, QImage::Format_Grayscale8);
        image.fill(QColor(235, 235, 235));
        std::vector<std::pair<QPointF, QPointF>> notes;  // in the page's pixels
        const QFont font = handwriting(48);
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QColor(25, 25, 60));
            p.setFont(font);
            writeLines(p, textLeft, 300, 80, 1100, 20);
            // The notes, level in a frame turned about (x, y).
            p.translate(x, y);
            p.rotate(angle);
            for (const auto& [a, b] : writeLines(p, 0, 0, 80, 1500, 3, 3))
                notes.emplace_back(p.transform().map(a), p.transform().map(b));
        }
        const cv::Mat gray = grayOf(image);
        const PageLayout layout = inklens::imaging::analyzePage(gray);
        // Each note: a found line whose baseline runs the same way within 15 px of it and
        // covers most of it.
        int found = 0;
        for (std::size_t k = 0; k < notes.size(); ++k) {
            const QPointF from = notes[k].first, to = notes[k].second;
            const double length = std::abs(to.y() - from.y());
            for (const PageLine& line : layout.lines) {
                const cv::Point2f a = line.baseline.front(), b = line.baseline.back();
                if ((b.y - a.y) * (to.y() - from.y()) > 0 && std::abs(b.y - a.y) > 0.6 * length
                    && std::abs(0.5 * (a.x + b.x) - from.x()) < 15
                    && std::abs(0.5 * (a.y + b.y) - 0.5 * (from.y() + to.y())) < 0.2 * length) {
                    ++found;
                    // Read the right way: the crop against the note drawn level.
                    const cv::Mat crop = inklens::imaging::cropLine(gray, line);
                    QVERIFY(crop.cols > 3 * crop.rows);
                    const QString text = QString::fromLatin1(kTexts[(3 + k) % 8]);
                    const QRectF tight = QFontMetricsF(font).tightBoundingRect(text);
                    QImage level(int(tight.width()) + 2, int(tight.height()) + 2,
                                 QImage::Format_Grayscale8);
                    level.fill(QColor(235, 235, 235));
                    {
                        QPainter p(&level);
                        p.setRenderHint(QPainter::Antialiasing);
                        p.setFont(font);
                        p.setPen(QColor(25, 25, 60));
                        p.drawText(QPointF(1 - tight.x(), 1 - tight.y()), text);
                    }
                    cv::Mat reference = grayOf(level);
                    // The crop on paper with room around it (its outline is tighter than
                    // the text's box).
                    cv::Mat padded;
                    cv::copyMakeBorder(crop, padded, reference.rows, reference.rows,
                                       reference.cols / 4, reference.cols / 4, cv::BORDER_CONSTANT,
                                       cv::Scalar(235));
                    cv::Mat upsideDown;
                    cv::rotate(reference, upsideDown, cv::ROTATE_180);
                    cv::Mat upright, flipped;
                    cv::matchTemplate(padded, reference, upright, cv::TM_CCOEFF_NORMED);
                    cv::matchTemplate(padded, upsideDown, flipped, cv::TM_CCOEFF_NORMED);
                    double best = 0, bestFlipped = 0;
                    cv::minMaxLoc(upright, nullptr, &best);
                    cv::minMaxLoc(flipped, nullptr, &bestFlipped);
                    QVERIFY2(best > bestFlipped + 0.1,
                             qPrintable(QStringLiteral("upright %1, upside down %2")
                                            .arg(best)
                                            .arg(bestFlipped)));
                    break;
                }
            }
        }
        QCOMPARE(found, 3);
        // The page's own lines are still found whole, none joined to the notes.
        int level = 0;
        for (const PageLine& line : layout.lines)
            if (std::abs(line.baseline.front().x - textLeft) < 30
                && line.baseline.back().x - line.baseline.front().x > 800
                && line.baseline.back().x < textLeft + 1150)
                ++level;
        QCOMPARE(level, 20);
    }

    // Two short lines on one row, a wide gutter apart (a line's end and a note in the
    // margin on the same row, no other line near): two lines, not one.
    void gutterKeepsLinesApart()
    {
        QImage image(1700, 1200, QImage::Format_Grayscale8);
        image.fill(QColor(235, 235, 235));
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QColor(25, 25, 60));
            p.setFont(handwriting(56));
            writeLines(p, 160, 300, 84, 1400, 3);
            writeLines(p, 160, 300 + 5 * 84, 84, 450, 1, 4);  // alone on its row
            writeLines(p, 1100, 300 + 5 * 84, 84, 450, 1, 5);
        }
        const PageLayout layout = inklens::imaging::analyzePage(grayOf(image));
        QCOMPARE(layout.lines.size(), std::size_t(5));
        int onRow = 0;
        for (const PageLine& line : layout.lines)
            if (std::abs(line.baseline.front().y - (300 + 5 * 84)) < 20) {
                ++onRow;
                const double x0 = line.baseline.front().x, x1 = line.baseline.back().x;
                QVERIFY2(x1 < 700 || x0 > 1000,
                         qPrintable(QStringLiteral("%1..%2").arg(x0).arg(x1)));
            }
        QCOMPARE(onRow, 2);
    }

    // Typeset lines nearly as big as the handwriting (a letterhead's lines, a printed
    // place and date to fill in) are no lines to read.
    void typesetIgnored()
    {
        QImage image(1700, 2200, QImage::Format_Grayscale8);
        image.fill(QColor(235, 235, 235));
        std::vector<std::pair<QPointF, QPointF>> written;
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QColor(40, 40, 40));
            QFont print(QStringLiteral("DejaVu Sans"));
            print.setPixelSize(34);
            p.setFont(print);
            p.drawText(QPointF(160, 220), QStringLiteral("Vue sur la mer, garage, telephone 12"));
            p.drawText(QPointF(1000, 150), QStringLiteral("Saint-Malo, le"));
            p.setPen(QColor(25, 25, 60));
            p.setFont(handwriting(56));
            written = writeLines(p, 160, 420, 84, 1400, 8);
        }
        const PageLayout layout = inklens::imaging::analyzePage(grayOf(image));
        QCOMPARE(layout.lines.size(), written.size());
        for (const PageLine& line : layout.lines)
            QVERIFY(line.baseline.front().y > 330);
    }

    // A picture beside the writing (a revenue stamp's engraving: hatching and stipple inside
    // a round frame) gives no lines; the writing's lines are all found, a short one too.
    void engravingIgnored()
    {
        QImage image(1700, 2200, QImage::Format_Grayscale8);
        image.fill(QColor(235, 235, 235));
        std::vector<std::pair<QPointF, QPointF>> written;
        const QRectF stamp(100, 120, 300, 340);
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(50, 50, 50), 3));
            p.drawEllipse(stamp);
            std::mt19937 rng(7);
            // Hatching: steep strokes about a letter tall, broken, a few pixels apart.
            std::uniform_real_distribution<double> length(20, 45), gap(6, 16);
            p.setPen(QPen(QColor(50, 50, 50), 2));
            const QPointF c = stamp.center();
            for (double x = stamp.left() + 12; x < stamp.right() - 12; x += 9)
                for (double y = stamp.top() + 12; y < stamp.bottom() - 12;) {
                    const double l = length(rng);
                    const double dx = (x - c.x()) / (0.5 * stamp.width()),
                                 dy = (y - c.y()) / (0.5 * stamp.height());
                    if (dx * dx + dy * dy < 0.8)
                        p.drawLine(QPointF(x, y), QPointF(x + 0.4 * l, y + l));
                    y += l + gap(rng);
                }
            p.setPen(QColor(25, 25, 60));
            p.setFont(handwriting(56));
            written = writeLines(p, 160, 600, 84, 1400, 8);
            // A short line (a place and date, a name) stays: short, but not in pieces.
            const auto shortLine = writeLines(p, 1000, 600 + 9.5 * 84, 84, 260, 1, 2);
            written.push_back(shortLine.front());
        }
        const PageLayout layout = inklens::imaging::analyzePage(grayOf(image));
        QCOMPARE(layout.lines.size(), written.size());
        for (const PageLine& line : layout.lines)
            QVERIFY2(line.baseline.front().y > stamp.bottom(),
                     qPrintable(QStringLiteral("a line at y %1").arg(line.baseline.front().y)));
    }

    void stages()
    {
        // Illumination: a page darkening to half its brightness comes out even.
        cv::Mat gray(400, 600, CV_8U);
        for (int y = 0; y < gray.rows; ++y)
            for (int x = 0; x < gray.cols; ++x)
                gray.at<uchar>(y, x) = cv::saturate_cast<uchar>(220 - 110.0 * x / gray.cols);
        cv::line(gray, {50, 200}, {550, 200}, cv::Scalar(20), 3);
        const cv::Mat normalized = inklens::imaging::normalizeIllumination(
            gray, inklens::imaging::estimateBackground(gray, 24));
        QVERIFY(std::abs(int(normalized.at<uchar>(100, 30)) - int(normalized.at<uchar>(100, 570)))
                < 20);
        const cv::Mat ink = inklens::imaging::binarizeSauvola(normalized, 31);
        QCOMPARE(int(ink.at<uchar>(200, 300)), 255);
        QCOMPARE(int(ink.at<uchar>(100, 300)), 0);
        // The long line is a rule.
        const cv::Mat rules = inklens::imaging::ruleMask(ink, 200, 20);
        QCOMPARE(int(rules.at<uchar>(200, 300)), 255);
        // Skew: ink rows turned by 2 degrees.
        cv::Mat lines = cv::Mat::zeros(600, 800, CV_8U);
        for (int i = 0; i < 10; ++i)
            cv::line(lines, {100, 80 + 50 * i},
                     {700, 80 + 50 * i - int(600 * std::tan(2 * M_PI / 180))}, cv::Scalar(255), 4);
        QVERIFY(std::abs(inklens::imaging::estimateSkew(lines, 0.17) * 180 / M_PI - 2) < 0.2);
    }
};

QTEST_MAIN(TestPageLayout)
#include "test_page_layout.moc"
