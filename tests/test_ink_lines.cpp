// Ink with several lines split into its lines (imaging::splitInkLines): paragraphs made of
// Hershey lines stacked at known spacings, slopes and indents, with the i-dots and t-bars
// written at the very end, so that every stroke's line is known.

#include "imaging/ink_lines.h"
#include "nn/param.h"
#include "training/hershey.h"

#include <QTest>

#include <cmath>
#include <string>
#include <vector>

using namespace inklens;

namespace {

constexpr float kXHeight = 20.f;

struct Paragraph
{
    imaging::Ink ink;
    std::vector<int> truth;  // per stroke: its line, top to bottom
};

struct LineSpec
{
    std::string text;
    float indent = 0;  // x-heights
    float slope = 0;   // dy / dx
};

const training::HersheyFont* font()
{
    static const training::HersheyFont* loaded = [] {
        const auto paths = training::HersheyFont::handwritingFontPaths();
        std::string path;
        for (const auto& p : paths)
            if (p.find("futural") != std::string::npos || path.empty())
                path = p;
        return path.empty() ? nullptr
                            : new training::HersheyFont(training::HersheyFont::load(path));
    }();
    return loaded;
}

bool isDelayed(const imaging::Stroke& s)
{
    float y0 = 1e30f, y1 = -1e30f;
    for (const auto& p : s.points)
        y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    return y1 - y0 < 0.3f * kXHeight;  // a dot or a bar
}

// The lines written one below the other, spacing x-heights from baseline to baseline; with
// dotsAtEnd, the low strokes (dots, bars) of every line are written after the last line.
Paragraph paragraph(const std::vector<LineSpec>& lines, float spacing, bool dotsAtEnd,
                    std::uint64_t seed = 7)
{
    Paragraph out;
    std::vector<std::pair<imaging::Stroke, int>> later;
    nn::Rng rng(seed);
    training::HersheyStyle style;
    style.slant = 0.1f;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        imaging::Ink ink = training::hersheyInk(*font(), lines[l].text, style, rng, kXHeight);
        const float dx = lines[l].indent * kXHeight, dy = float(l) * spacing * kXHeight;
        for (auto& s : ink.strokes) {
            for (auto& p : s.points) {
                p.y += dy + lines[l].slope * p.x;
                p.x += dx;
            }
            if (dotsAtEnd && isDelayed(s)) {
                later.emplace_back(s, int(l));
            } else {
                out.ink.strokes.push_back(s);
                out.truth.push_back(int(l));
            }
        }
    }
    for (auto& [s, l] : later) {
        out.ink.strokes.push_back(s);
        out.truth.push_back(l);
    }
    return out;
}

// The line each stroke was put in (-1: none), and whether each stroke is in exactly one.
std::vector<int> assignment(const imaging::Ink& ink, const std::vector<imaging::InkLine>& lines)
{
    std::vector<int> line(ink.strokes.size(), -1);
    for (std::size_t l = 0; l < lines.size(); ++l)
        for (int i : lines[l].strokes) {
            if (line[std::size_t(i)] != -1)
                return {};  // a stroke in two lines
            line[std::size_t(i)] = int(l);
        }
    return line;
}

QString describe(const std::vector<int>& got, const std::vector<int>& want)
{
    QStringList wrong;
    for (std::size_t i = 0; i < want.size() && i < got.size(); ++i)
        if (got[i] != want[i])
            wrong
                << QStringLiteral("stroke %1: line %2, expected %3").arg(i).arg(got[i]).arg(want[i]);
    return wrong.join(QStringLiteral("; "));
}

imaging::Ink transformed(imaging::Ink ink, float scale, float shiftX, float shiftY)
{
    for (auto& s : ink.strokes)
        for (auto& p : s.points)
            p.x = p.x * scale + shiftX, p.y = p.y * scale + shiftY;
    return ink;
}

}  // namespace

class TestInkLines : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        if (!font())
            QSKIP("the Hershey fonts (hershey-fonts-data) are not installed");
    }

    void emptyAndOneStroke()
    {
        QVERIFY(imaging::splitInkLines({}).empty());
        imaging::Ink empty;
        empty.strokes.resize(2);  // strokes without points
        QVERIFY(imaging::splitInkLines(empty).empty());

        imaging::Ink one;
        one.strokes.push_back({{{0, 0}, {3, 1}, {6, 0}}});
        const auto lines = imaging::splitInkLines(one);
        QCOMPARE(lines.size(), std::size_t(1));
        QCOMPARE(lines[0].strokes, std::vector<int>{0});
        QCOMPARE(lines[0].box.width, 6.f);

        imaging::Ink dot;
        dot.strokes.push_back({{{5, 5}}});
        QCOMPARE(imaging::splitInkLines(dot).size(), std::size_t(1));
    }

    void oneLineStaysOne_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("word with dots") << "ijt";
        QTest::newRow("tall capital and a dot") << "Tilt";
        QTest::newRow("descenders") << "jumpy quip";
        QTest::newRow("sentence") << "The quick brown fox jumps over the lazy dog.";
        QTest::newRow("capitals") << "HELLO WORLD";
        QTest::newRow("one letter") << "i";
    }
    void oneLineStaysOne()
    {
        QFETCH(QString, text);
        // Dots and bars written at the end of the line, as many write them.
        const Paragraph p = paragraph({{text.toStdString()}}, 3.f, true);
        const auto lines = imaging::splitInkLines(p.ink);
        QCOMPARE(lines.size(), std::size_t(1));
        QCOMPARE(int(lines[0].strokes.size()), int(p.ink.strokes.size()));
        // Also written uphill.
        const Paragraph uphill = paragraph({{text.toStdString(), 0, -0.1f}}, 3.f, true);
        QCOMPARE(imaging::splitInkLines(uphill.ink).size(), std::size_t(1));
    }

    void paragraphs_data()
    {
        QTest::addColumn<float>("spacing");  // baseline to baseline, x-heights
        QTest::addColumn<float>("slope");    // of every line, give or take 0.01 (dy / dx)
        QTest::addColumn<bool>("dotsAtEnd");
        QTest::newRow("spaced") << 4.f << 0.f << false;
        QTest::newRow("dots written last") << 3.5f << 0.f << true;
        // Ascenders (1.8) and descenders (0.7) of neighbours touch at 2.5.
        QTest::newRow("touching") << 2.5f << 0.f << true;
        QTest::newRow("uphill") << 3.5f << -0.05f << true;
        QTest::newRow("downhill") << 3.f << 0.04f << true;
        QTest::newRow("touching and sloped") << 2.6f << -0.03f << true;
    }
    void paragraphs()
    {
        QFETCH(float, spacing);
        QFETCH(float, slope);
        QFETCH(bool, dotsAtEnd);
        const std::vector<LineSpec> specs = {
            {"Little jitty tides in the quiet bay", 0, slope},
            {"quilting pigs jump high", 3, slope + 0.01f},  // indented and shorter
            {"it is light this time of day, I think", 0, slope - 0.01f},
            {"Fin.", 1, slope}};
        const Paragraph p = paragraph(specs, spacing, dotsAtEnd);
        const auto lines = imaging::splitInkLines(p.ink);
        QCOMPARE(lines.size(), specs.size());
        const std::vector<int> got = assignment(p.ink, lines);
        QVERIFY2(got == p.truth, qPrintable(describe(got, p.truth)));
        for (std::size_t l = 1; l < lines.size(); ++l)
            QVERIFY(lines[l - 1].box.y < lines[l].box.y);  // top to bottom
        for (const auto& line : lines)
            QVERIFY(std::is_sorted(line.strokes.begin(), line.strokes.end()));  // writing order
    }

    // The same ink in other units and places splits the same way.
    void unitInvariance_data()
    {
        QTest::addColumn<float>("scale");
        QTest::addColumn<float>("shift");
        QTest::newRow("millimetres") << 0.02f << 0.f;
        QTest::newRow("tablet units") << 50.f << 1e4f;
        QTest::newRow("shifted") << 1.f << -3000.f;
    }
    void unitInvariance()
    {
        QFETCH(float, scale);
        QFETCH(float, shift);
        const Paragraph p = paragraph({{"jolly fine day"}, {"it is quite hot", 2, 0.03f}, {"Tilt"}},
                                      2.8f, true, 11);
        const auto reference = assignment(p.ink, imaging::splitInkLines(p.ink));
        QCOMPARE(reference, p.truth);
        const imaging::Ink moved = transformed(p.ink, scale, shift, 0.5f * shift);
        const auto lines = imaging::splitInkLines(moved);
        QCOMPARE(assignment(moved, lines), reference);
        QVERIFY(std::abs(lines[0].box.x - (p.ink.bounds().x * scale + shift))
                < 1e-3f * std::abs(scale) * p.ink.bounds().width + 1e-2f);
    }

    void lineInkKeepsItsStrokes()
    {
        const Paragraph p = paragraph({{"ab"}, {"cd"}}, 3.5f, false);
        const auto lines = imaging::splitInkLines(p.ink);
        QCOMPARE(lines.size(), std::size_t(2));
        const imaging::Ink first = imaging::lineInk(p.ink, lines[0]);
        QCOMPARE(first.strokes.size(), lines[0].strokes.size());
        QCOMPARE(first.bounds().y, lines[0].box.y);
        QCOMPARE(first.bounds().height, lines[0].box.height);
    }
};

QTEST_APPLESS_MAIN(TestInkLines)
#include "test_ink_lines.moc"
