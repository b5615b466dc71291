// Synthetic handwriting: text source, Hershey fonts and ink, font rendering, generator.
// All data is made here; the Hershey fonts come from Debian's hershey-fonts-data
// (scripts/setup.sh installs it), the font checks use DejaVu (fonts-dejavu-core) and, when
// scripts/fetch-fonts.sh has run, the handwriting fonts of third_party/fonts.
#include "imaging/ink.h"
#include "imaging/line_image.h"
#include "model/charset.h"
#include "nn/tensor.h"
#include "service/font_renderer.h"
#include "training/hershey.h"
#include "training/synth.h"
#include "training/text_source.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <opencv2/imgproc.hpp>

using namespace inklens;

namespace {

const char* kHersheyDir = "/usr/share/hershey-fonts";
const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// A small font in .jhf form: space, '!' (two strokes), '"' wrapped over two lines.
const char* kMiniJhf = "12345  1JZ\n"
                       "12345  9MWRFRT RRYQZR[SZRY\n"
                       "12345  6JZNFNM \n"
                       "RVFVM\n";

float inkSum(const imaging::LineImage& l)
{
    float s = 0;
    for (float v : l.pixels)
        s += v;
    return s;
}

std::vector<std::shared_ptr<const training::HersheyFont>> realHersheyFonts()
{
    std::vector<std::shared_ptr<const training::HersheyFont>> fonts;
    for (const auto& p : training::HersheyFont::handwritingFontPaths(kHersheyDir))
        fonts.push_back(std::make_shared<training::HersheyFont>(training::HersheyFont::load(p)));
    return fonts;
}

QString sourceFontDir()
{
    return QStringLiteral(INKLENS_SOURCE_DIR "/third_party/fonts");
}

}  // namespace

class TestSynth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The Hershey path is tested for real: the fonts are a build dependency.
        if (training::HersheyFont::handwritingFontPaths(kHersheyDir).size() < 4)
            QFAIL(
                "Hershey fonts missing in /usr/share/hershey-fonts: apt-get install hershey-fonts-data "
                "(scripts/setup.sh installs it)");
    }

    // ---- Hershey parsing -------------------------------------------------------------
    void hersheyParsesGlyphs()
    {
        const auto f = training::HersheyFont::parse(kMiniJhf, "mini");
        QCOMPARE(f.asciiGlyphs(), 3);
        const auto* space = f.glyph(U' ');
        QVERIFY(space);
        QCOMPARE(space->left, float('J' - 'R'));
        QCOMPARE(space->right, float('Z' - 'R'));
        QVERIFY(space->strokes.empty());
        const auto* bang = f.glyph(U'!');
        QVERIFY(bang);
        QCOMPARE(bang->left, -5.f);
        QCOMPARE(bang->right, 5.f);
        QCOMPARE(int(bang->strokes.size()), 2);
        QCOMPARE(int(bang->strokes[0].size()), 2);
        QCOMPARE(bang->strokes[0][0], cv::Point2f(0, -12));  // "RF"
        QCOMPARE(bang->strokes[0][1], cv::Point2f(0, 2));    // "RT"
        QCOMPARE(int(bang->strokes[1].size()), 5);
        // The wrapped glyph: both strokes read across the line break.
        const auto* quote = f.glyph(U'"');
        QVERIFY(quote);
        QCOMPARE(int(quote->strokes.size()), 2);
        QCOMPARE(quote->strokes[1][0], cv::Point2f(4, -12));  // "VF"
        QVERIFY(!f.glyph(U'#'));
        QVERIFY(!f.supports(U'a'));
    }

    void hersheyRejectsMalformed()
    {
        QVERIFY_THROWS_EXCEPTION(nn::EngineError, training::HersheyFont::parse("", "empty"));
        QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                                 training::HersheyFont::parse("12345 xxJZ\n", "bad"));
        QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                                 training::HersheyFont::parse("12345  9MWRFRT\n", "short"));
    }

    void hersheyRealFontsCoverTheCharset()
    {
        const auto cs = model::Charset::defaultLatin();
        for (const auto& f : realHersheyFonts()) {
            QVERIFY2(f->asciiGlyphs() >= 95, f->name().c_str());
            QVERIFY(f->xHeight() > 0 && f->capHeight() > f->xHeight());
            for (int l = 1; l < cs.size(); ++l)
                QVERIFY2(f->supports(cs.charOf(l)),
                         (f->name() + " lacks " + model::encodeUtf8(cs.charOf(l))).c_str());
        }
        // The script fonts are detected as joined, the simplex ones not.
        for (const auto& f : realHersheyFonts())
            QCOMPARE(f->joined(), f->name() == "cursive" || f->name() == "scripts");
    }

    void accentsCompose()
    {
        for (const auto& f : realHersheyFonts()) {
            const float top = f->baseline() - f->xHeight();
            for (const auto& [accented, base] :
                 std::vector<std::pair<char32_t, char32_t>>{{U'é', U'e'},
                                                            {U'à', U'a'},
                                                            {U'ô', U'o'},
                                                            {U'ü', U'u'},
                                                            {U'ñ', U'n'},
                                                            {U'ë', U'e'}}) {
                const auto* g = f->glyph(accented);
                const auto* b = f->glyph(base);
                QVERIFY(g && b);
                // The base letter's strokes, then an accent entirely above the x-height.
                QVERIFY(g->strokes.size() > b->strokes.size());
                for (std::size_t i = 0; i < b->strokes.size(); ++i)
                    QCOMPARE(g->strokes[i], b->strokes[i]);
                for (std::size_t i = b->strokes.size(); i < g->strokes.size(); ++i)
                    for (auto p : g->strokes[i])
                        QVERIFY2(p.y < top, f->name().c_str());
                QCOMPARE(g->right - g->left, b->right - b->left);
            }
            // î has no dot: one accent stroke above where the dot was, nothing else high.
            const auto* i = f->glyph(U'i');
            const auto* ic = f->glyph(U'î');
            QVERIFY(i && ic);
            QCOMPARE(ic->strokes.size(), i->strokes.size());  // the dot replaced by the circumflex
            // ç: a cedilla below the baseline.
            const auto* c = f->glyph(U'ç');
            QVERIFY(c);
            float maxY = -1e9f;
            for (const auto& s : c->strokes.back())
                maxY = std::max(maxY, s.y);
            QVERIFY(maxY > f->baseline());
            // Capitals carry the accent above the capital height.
            const auto* E = f->glyph(U'É');
            QVERIFY(E);
            for (auto p : E->strokes.back())
                QVERIFY(p.y < f->baseline() - f->capHeight());
        }
    }

    // ---- Hershey ink -----------------------------------------------------------------
    void inkGrowsWithText()
    {
        const auto fonts = realHersheyFonts();
        for (const auto& f : fonts) {
            training::HersheyStyle style;
            float lastWidth = 0;
            for (const char* text :
                 {"a", "ab", "abc de", "abc def ghij", "abc def ghij klmno pqrstu"}) {
                nn::Rng rng(7);
                const imaging::Ink ink = training::hersheyInk(*f, text, style, rng);
                QVERIFY(!ink.empty());
                const auto box = ink.bounds();
                QVERIFY2(box.width > lastWidth, (f->name() + ": " + text).c_str());
                lastWidth = box.width;
                // A plausible pen: time runs forward, pressures in range.
                float t = -1;
                for (const auto& s : ink.strokes)
                    for (const auto& p : s.points) {
                        QVERIFY(p.t >= t);
                        t = p.t;
                        QVERIFY(p.pressure > 0 && p.pressure <= 1);
                    }
                QVERIFY(t > 0);
            }
        }
    }

    void scriptLettersJoin()
    {
        training::HersheyFont cursive = training::HersheyFont::load(std::string(kHersheyDir)
                                                                    + "/cursive.jhf");
        training::HersheyStyle style;
        style.joinLetters = true;
        style.dotsLater = 1;
        nn::Rng rng(1);
        const auto joined = training::hersheyInk(cursive, "mummum", style, rng);
        style.joinLetters = false;
        nn::Rng rng2(1);
        const auto lifted = training::hersheyInk(cursive, "mummum", style, rng2);
        QCOMPARE(int(joined.strokes.size()), 1);  // one pen-down for the whole word
        QVERIFY(lifted.strokes.size() >= 6);
    }

    // Capitals and digits as tall as the writer's ascenders, not x-height letters.
    void hersheyCapitalsAndDigitsAtAscenderHeight()
    {
        for (const char* name : {"cursive", "futural", "rowmans"}) {
            const auto font = training::HersheyFont::load(std::string(kHersheyDir) + "/" + name
                                                          + ".jhf");
            training::HersheyStyle style;
            style.sizeJitter = style.letterJitter = style.shapeJitter = 0;
            style.glyphRotation = 0;
            style.pointJitter = 0;
            auto height = [&](const char* text) {
                nn::Rng rng(1);
                return training::hersheyInk(font, text, style, rng, 20.f).bounds().height;
            };
            const float x = height("x"), l = height("l"), H = height("H"), eight = height("8");
            QVERIFY2(x > 16 && x < 24, qPrintable(QStringLiteral("%1: x %2").arg(name).arg(x)));
            for (const float tall : {l, H, eight})
                QVERIFY2(std::abs(tall / (style.ascender * 20.f) - 1) < 0.15f,
                         qPrintable(QStringLiteral("%1: x %2, l %3, H %4, 8 %5")
                                        .arg(name)
                                        .arg(x)
                                        .arg(l)
                                        .arg(H)
                                        .arg(eight)));
        }
    }

    // A device's sampling: points every 1 / rate seconds, so denser where the pen is slow
    // (in curves, at the ends of a stroke) than on straight parts.
    void hersheyInkSampledAtTheDeviceRate()
    {
        training::HersheyFont cursive = training::HersheyFont::load(std::string(kHersheyDir)
                                                                    + "/cursive.jhf");
        training::HersheyStyle style;
        style.sampleRate = 100;
        style.joinLetters = true;
        nn::Rng rng(2);
        const imaging::Ink ink = training::hersheyInk(cursive, "minimum lolly", style, rng);
        QVERIFY(!ink.empty());
        float slowSpacing = 0, fastSpacing = 0;  // spacing at the slowest and fastest points
        std::vector<float> spacings;
        for (const auto& st : ink.strokes) {
            const auto& p = st.points;
            for (std::size_t i = 1; i + 1 < p.size(); ++i) {
                QVERIFY(std::abs(p[i].t - p[i - 1].t - 0.01f) < 1e-4f);  // the device rate
                spacings.push_back(std::hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y));
            }
            if (p.size() >= 2)
                QVERIFY(p.back().t > p[p.size() - 2].t);
        }
        QVERIFY(spacings.size() > 50);
        std::sort(spacings.begin(), spacings.end());
        slowSpacing = spacings[spacings.size() / 10];
        fastSpacing = spacings[spacings.size() * 9 / 10];
        QVERIFY2(fastSpacing > 2 * slowSpacing,
                 qPrintable(QStringLiteral("%1 vs %2").arg(fastSpacing).arg(slowSpacing)));
        // Random writers have a device rate.
        nn::Rng wr(9);
        const auto w = training::HersheyStyle::random(wr);
        QVERIFY(w.sampleRate >= 60 && w.sampleRate <= 200);
    }

    void hersheyLineThroughTheCanvasRasterizer()
    {
        const auto fonts = realHersheyFonts();
        training::HersheyStyle style;
        nn::Rng rng(3);
        const imaging::Ink ink = training::hersheyInk(*fonts[0], "Bonjour à tous", style, rng);
        imaging::RasterOptions ro;
        ro.height = 40;
        const auto line = imaging::inkToLine(ink, ro);
        QCOMPARE(line.height, 40);
        QVERIFY(line.width > 4 * 40);
        QVERIFY(inkSum(line) > 100);
    }

    // ---- text source -----------------------------------------------------------------
    void textSourceRespectsCharset()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString list = dir.filePath(QStringLiteral("french"));
        {
            QFile f(list);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("chat\nnaïve\nStraße\nœuvre\nhello\n\xC3\x28\nword's\nMAISON\nçà\n");
        }
        // Lower-case ASCII letters, digits and a few signs only.
        const auto cs = model::Charset::fromString(" abcdefghijklmnopqrstuvwxyz0123456789.,/-");
        training::TextSource src(
            cs, {list.toStdString(), dir.filePath(QStringLiteral("missing")).toStdString()});
        QCOMPARE(int(src.missingLists().size()), 1);
        QCOMPARE(int(src.wordCount()), 2);  // chat, hello
        nn::Rng rng(11);
        int nonEmpty = 0;
        for (int i = 0; i < 2000; ++i) {
            const std::string t = src.next(rng);
            QVERIFY2(src.inCharset(t), t.c_str());
            QVERIFY(t == model::normalizeText(t));
            QVERIFY(model::decodeUtf8(t).size() <= 48);
            nonEmpty += !t.empty();
        }
        QVERIFY(nonEmpty > 1800);
        // A further filter (e.g. what a font can draw) is honoured.
        for (int i = 0; i < 300; ++i) {
            const std::string t = src.next(rng, [](char32_t c) { return c != U'e' && c != U'1'; });
            QVERIFY(t.find('e') == std::string::npos && t.find('1') == std::string::npos);
        }
    }

    void textSourceKinds()
    {
        QTemporaryDir dir;
        const QString list = dir.filePath(QStringLiteral("spanish"));
        {
            QFile f(list);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("mañana\ncorazón\nárbol\npingüino\n");
        }
        training::TextSource src(model::Charset::defaultLatin(), {list.toStdString()});
        QCOMPARE(int(src.wordCount()), 4);
        nn::Rng rng(5);
        std::set<std::string> seen;
        bool digit = false, upper = false, accent = false;
        for (int k = 0; k < training::kTextKinds; ++k)
            for (int i = 0; i < 60; ++i) {
                const std::string t = src.make(training::TextKind(k), rng);
                QVERIFY2(!t.empty(), training::textKindName(training::TextKind(k)));
                QVERIFY(src.inCharset(t));
                QVERIFY(t.find("><") == std::string::npos);  // manifest markup for "unreadable"
                seen.insert(t);
                for (char32_t c : model::decodeUtf8(t)) {
                    digit |= c >= U'0' && c <= U'9';
                    upper |= c >= U'A' && c <= U'Z';
                    accent |= c >= 0xC0;
                }
            }
        QVERIFY(seen.size() > 300);  // varied
        QVERIFY(digit && upper && accent);
        // Dates name their months in the list's language.
        bool spanishMonth = false;
        for (int i = 0; i < 200 && !spanishMonth; ++i) {
            const std::string t = src.make(training::TextKind::Date, rng);
            for (const char* m : {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                  "agosto", "septiembre", "octubre", "noviembre", "diciembre"})
                spanishMonth |= t.find(m) != std::string::npos;
        }
        QVERIFY(spanishMonth);
    }

    void textSourceDeterministic()
    {
        training::TextSource src(model::Charset::defaultLatin());  // built-in words only
        QVERIFY(!src.languages().empty());
        nn::Rng a(99), b(99), c(100);
        std::vector<std::string> ta, tb, tc;
        for (int i = 0; i < 50; ++i) {
            ta.push_back(src.next(a));
            tb.push_back(src.next(b));
            tc.push_back(src.next(c));
        }
        QVERIFY(ta == tb);
        QVERIFY(ta != tc);
    }

    // ---- generator -------------------------------------------------------------------
    void generatorHeightInkAndDeterminism()
    {
        auto text = std::make_shared<training::TextSource>(model::Charset::defaultLatin());
        training::SynthOptions o;
        o.height = 48;
        o.seed = 5;
        const training::SyntheticGenerator gen(text, realHersheyFonts(), {}, o);
        std::set<std::string> writers;
        for (std::uint64_t i = 0; i < 12; ++i) {
            const auto s = gen.sample(i);
            QVERIFY(s.ok());
            QCOMPARE(s.image.height, 48);
            QVERIFY(s.image.width >= 16 && s.image.width % 4 == 0);
            QCOMPARE(int(s.image.pixels.size()), s.image.height * s.image.width);
            QVERIFY2(inkSum(s.image) > 20, s.text.c_str());
            QCOMPARE(s.source, std::string("hershey"));
            writers.insert(s.writer);
            // Same index, same sample, whatever else was made in between.
            const auto again = gen.sample(i);
            QCOMPARE(again.text, s.text);
            QCOMPARE(again.writer, s.writer);
            QVERIFY(again.image.pixels == s.image.pixels);
        }
        QVERIFY(writers.size() > 6);
        // Another seed, other samples.
        o.seed = 6;
        const training::SyntheticGenerator other(text, realHersheyFonts(), {}, o);
        int same = 0;
        for (std::uint64_t i = 0; i < 12; ++i)
            same += other.sample(i).text == gen.sample(i).text;
        QVERIFY(same < 3);
        // In parallel, as the trainer would take them.
        const auto cs = model::Charset::defaultLatin();
        const auto batch = gen.lineSamples(0, 8, cs);
        QCOMPARE(int(batch.size()), 8);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            QCOMPARE(batch[i].text, gen.sample(i).text);
            QVERIFY(!batch[i].labels.empty());
        }
        // Augmented samples keep the height.
        o.augment = true;
        const training::SyntheticGenerator aug(text, realHersheyFonts(), {}, o);
        const auto a = aug.sample(0);
        QVERIFY(a.augmented);
        QCOMPARE(a.image.height, 48);
    }

    void generatorUsesFontCallbacks()
    {
        auto text = std::make_shared<training::TextSource>(model::Charset::defaultLatin());
        // A stand-in font: a dark bar as long as the text, on light paper.
        training::FontStyle bar;
        bar.id = "font:bar";
        bar.supports = [](char32_t c) { return c < 0x80; };
        bar.render = [](const std::string& t, nn::Rng&) {
            cv::Mat m(60, int(t.size()) * 20 + 40, CV_8UC1, cv::Scalar(240));
            m(cv::Rect(20, 25, int(t.size()) * 20, 12)).setTo(cv::Scalar(30));
            return m;
        };
        training::SynthOptions o;
        o.height = 32;
        o.hersheyWeight = 0;
        const training::SyntheticGenerator gen(text, {}, {bar}, o);
        for (std::uint64_t i = 0; i < 10; ++i) {
            const auto s = gen.sample(i);
            QVERIFY(s.ok());
            QCOMPARE(s.writer, std::string("font:bar"));
            QCOMPARE(s.source, std::string("font"));
            QCOMPARE(s.image.height, 32);
            for (char32_t c : model::decodeUtf8(s.text))
                QVERIFY(c < 0x80);
        }
        QVERIFY_THROWS_EXCEPTION(nn::EngineError, training::SyntheticGenerator(text, {}, {}, o));
    }

    // Fonts as ink: the rendered line re-stroked into pen strokes and drawn as the canvas's
    // ink; the same sample for the same index.
    void generatorFontsAsInk()
    {
        auto text = std::make_shared<training::TextSource>(model::Charset::defaultLatin());
        // A stand-in font: OpenCV's own stroke font, drawn thick.
        training::FontStyle simplex;
        simplex.id = "font:simplex";
        simplex.supports = [](char32_t c) { return c >= 0x20 && c < 0x7f; };
        simplex.render = [](const std::string& t, nn::Rng&) {
            int base = 0;
            const cv::Size size = cv::getTextSize(t, cv::FONT_HERSHEY_SIMPLEX, 1.2, 3, &base);
            cv::Mat m(size.height + base + 24, size.width + 24, CV_8UC1, cv::Scalar(235));
            cv::putText(m, t, {12, 12 + size.height}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(20),
                        3, cv::LINE_AA);
            return m;
        };
        training::SynthOptions o;
        o.height = 32;
        o.hersheyWeight = 0;
        o.fontInk = true;
        const training::SyntheticGenerator gen(text, {}, {simplex}, o);
        for (std::uint64_t i = 0; i < 6; ++i) {
            const auto s = gen.sample(i);
            QVERIFY(s.ok());
            QCOMPARE(s.source, std::string("font-ink"));
            QCOMPARE(s.image.height, 32);
            QVERIFY(!s.ink.empty());
            QVERIFY(s.ink.strokes.size() >= 1);
            for (const auto& st : s.ink.strokes)
                for (std::size_t k = 1; k < st.points.size(); ++k)
                    QVERIFY(st.points[k].t >= st.points[k - 1].t);
            const auto again = gen.sample(i);
            QCOMPARE(again.image.pixels, s.image.pixels);
            QCOMPARE(again.ink.strokes.size(), s.ink.strokes.size());
        }
    }

    // English at least as often as French when asked: languages drawn by their weights.
    void textSourceLanguageWeights()
    {
        training::TextSourceOptions o;
        for (float& w : o.weights)
            w = 0;
        o.weights[int(training::TextKind::Word)] = 1;
        o.languageWeights = training::parseLanguageWeights("en=3,fr=1");
        QCOMPARE(o.languageWeights.size(), std::size_t(2));
        training::TextSource src(model::Charset::defaultLatin(), {}, o);
        src.addWords("en", {"zebra", "yacht", "walrus"});
        src.addWords("fr", {"chouette", "bouquin", "fauteuil"});
        int en = 0, fr = 0;
        nn::Rng rng(4);
        for (int i = 0; i < 2000; ++i) {
            std::string w = src.next(rng);
            for (char& c : w)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            if (w == "zebra" || w == "yacht" || w == "walrus")
                ++en;
            else if (w == "chouette" || w == "bouquin" || w == "fauteuil")
                ++fr;
        }
        QVERIFY2(en + fr > 1000, qPrintable(QString::number(en + fr)));
        const double share = double(en) / (en + fr);
        QVERIFY2(share > 0.7 && share < 0.8, qPrintable(QString::number(share)));
        QVERIFY_THROWS_EXCEPTION(nn::EngineError, training::parseLanguageWeights("en=x"));
        QVERIFY_THROWS_EXCEPTION(nn::EngineError, training::parseLanguageWeights("en"));
        QVERIFY_THROWS_EXCEPTION(nn::EngineError, training::parseLanguageWeights("en=-1"));
    }

    // ---- fonts -----------------------------------------------------------------------
    void fontRendersInk()
    {
        if (!QFileInfo::exists(QString::fromLatin1(kDejaVu)))
            QSKIP("DejaVuSans.ttf not installed (Debian: fonts-dejavu-core)");
        QString err;
        const auto font = service::HandwritingFont::load(QString::fromLatin1(kDejaVu), &err);
        QVERIFY2(font, qPrintable(err));
        QCOMPARE(font->family(), QStringLiteral("DejaVu Sans"));
        QVERIFY(!font->heldOut());
        QVERIFY(font->supports(QStringLiteral("Noël 12,50 € «ça» ¿qué? Straße")));
        nn::Rng rng(4);
        service::FontRenderOptions o;
        o.height = 100;
        const QImage img = font->render(QStringLiteral("Hello été 12,50 €"), rng, o);
        QVERIFY(!img.isNull());
        QCOMPARE(img.format(), QImage::Format_Grayscale8);
        QCOMPARE(img.height(), 100);
        QVERIFY(img.width() > 300);
        int dark = 0, light = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) {
                const int v = img.constScanLine(y)[x];
                dark += v < 128;
                light += v > 180;
            }
        QVERIFY(dark > 500);
        QVERIFY(light > dark);  // dark ink on light paper
        // Deterministic for the Rng state.
        nn::Rng r1(8), r2(8);
        QCOMPARE(font->render(QStringLiteral("abc"), r1, o),
                 font->render(QStringLiteral("abc"), r2, o));
        // Unknown characters: no picture rather than a wrong one.
        QVERIFY(font->render(QStringLiteral("a\u4E2Db"), rng, o).isNull());
        // Through the generator: the scan normalization path, the requested height.
        auto text = std::make_shared<training::TextSource>(model::Charset::defaultLatin());
        training::SynthOptions so;
        so.height = 40;
        so.hersheyWeight = 0;
        const training::SyntheticGenerator gen(text, {}, {service::fontStyle(font, 40)}, so);
        const auto s = gen.sample(3);
        QVERIFY(s.ok());
        QCOMPARE(s.image.height, 40);
        QVERIFY(inkSum(s.image) > 20);
        QCOMPARE(s.writer, std::string("font:DejaVuSans"));
    }

    void handwritingFontsAndHeldOutGroup()
    {
        const QStringList files = service::findFontFiles({sourceFontDir()});
        if (files.isEmpty())
            QSKIP("no handwriting fonts in third_party/fonts (run scripts/fetch-fonts.sh)");
        const auto train = service::loadFonts(files, service::FontGroup::Train);
        const auto held = service::loadFonts(files, service::FontGroup::HeldOut);
        const auto all = service::loadFonts(files, service::FontGroup::All);
        QCOMPARE(train.size() + held.size(), all.size());
        QVERIFY(!train.empty());
        for (const auto& f : train)
            QVERIFY(!service::heldOutFamilies().contains(f->family()));
        for (const auto& f : held)
            QVERIFY(service::heldOutFamilies().contains(f->family()));
        const auto cs = model::Charset::defaultLatin();
        for (const auto& f : all) {
            nn::Rng rng(2);
            const QImage img = f->render(QStringLiteral("Quel été, 12,50 €!"), rng);
            QVERIFY2(!img.isNull(), qPrintable(f->id()));
            // The Latin subset covers the whole default charset.
            for (int l = 1; l < cs.size(); ++l)
                QVERIFY2(f->supports(cs.charOf(l)),
                         qPrintable(f->id() + QStringLiteral(" lacks ")
                                    + QString::fromStdString(model::encodeUtf8(cs.charOf(l)))));
        }
    }
};

QTEST_MAIN(TestSynth)
#include "test_synth.moc"
