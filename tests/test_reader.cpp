// The one reading path (core/reading/reader.h): ink and a picture of the same text read
// alike, the empty reading for empty input, EngineError for bad data, cancellation, the
// probe on request, character columns clamped to the line and mapped to the picture;
// readBatch gives what read() gives line by line.

#include "reading/reader.h"

#include "model/word_lexicon.h"
#include "test_ink.h"
#include "test_models.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

using namespace inklens;

namespace {

// The ink's rasterization at the model's height as an 8-bit picture (dark on white), with
// `left` columns of paper before it.
cv::Mat inkPicture(const imaging::Ink& ink, int height, int left)
{
    imaging::RasterOptions o;
    o.height = height;
    const cv::Mat raster = imaging::rasterizeInk(ink, o);
    cv::Mat gray(height, raster.cols + left, CV_8UC1, cv::Scalar(255));
    cv::Mat ink8;
    raster.convertTo(ink8, CV_8U, -255.0, 255.0);  // 255 * (1 - ink)
    ink8.copyTo(gray(cv::Rect(left, 0, raster.cols, height)));
    return gray;
}

void verifyEmpty(const reading::Reading& r)
{
    QVERIFY(r.empty);
    QVERIFY(!r.cancelled);
    QVERIFY(r.recognition);
    QCOMPARE(r.recognition->text, std::string());
    QCOMPARE(r.recognition->confidence, 1.f);
    QCOMPARE(r.recognition->nbest.size(), std::size_t(1));
    QCOMPARE(r.recognition->nbest[0].text, std::string());
    QVERIFY(r.recognition->chars.empty());
    QVERIFY(r.line.empty());
}

// b is what read() gave (a) for the same line: the same text, characters and spans, and
// N-best; the posteriors within float rounding.
void verifySameReading(const reading::Reading& a, const reading::Reading& b)
{
    QCOMPARE(b.empty, a.empty);
    QCOMPARE(b.cancelled, a.cancelled);
    QCOMPARE(b.line.width, a.line.width);
    QCOMPARE(b.line.pixels, a.line.pixels);
    const model::Recognition& ra = *a.recognition;
    const model::Recognition& rb = *b.recognition;
    QCOMPARE(rb.text, ra.text);
    QCOMPARE(rb.inputWidth, ra.inputWidth);
    QCOMPARE(rb.inputHeight, ra.inputHeight);
    QCOMPARE(rb.widthReduction, ra.widthReduction);
    QCOMPARE(rb.chars.size(), ra.chars.size());
    for (std::size_t i = 0; i < ra.chars.size(); ++i) {
        QCOMPARE(rb.chars[i].text, ra.chars[i].text);
        QCOMPARE(rb.chars[i].firstFrame, ra.chars[i].firstFrame);
        QCOMPARE(rb.chars[i].lastFrame, ra.chars[i].lastFrame);
        QCOMPARE(rb.chars[i].firstColumn, ra.chars[i].firstColumn);
        QCOMPARE(rb.chars[i].lastColumn, ra.chars[i].lastColumn);
        QVERIFY(std::abs(rb.chars[i].confidence - ra.chars[i].confidence) < 1e-5f);
    }
    QVERIFY(std::abs(rb.confidence - ra.confidence) < 1e-5f);
    QCOMPARE(rb.nbest.size(), ra.nbest.size());
    for (std::size_t i = 0; i < ra.nbest.size(); ++i) {
        QCOMPARE(rb.nbest[i].text, ra.nbest[i].text);
        QVERIFY(std::abs(rb.nbest[i].logProb - ra.nbest[i].logProb) < 1e-4f);
        QVERIFY(std::abs(rb.nbest[i].score - ra.nbest[i].score) < 1e-4f);
    }
    QCOMPARE(rb.logProbs.rows(), ra.logProbs.rows());
    QCOMPARE(rb.logProbs.cols(), ra.logProbs.cols());
    if (ra.logProbs.size()) {
        // The batch runs the LSTM steps as GEMMs where a line alone runs GEMVs: the sums go
        // in another order. Within 1e-5 where it matters (log-probabilities above -1, and
        // every probability); relative 1e-5 below (-26.8 differs by 8 float steps there).
        const auto d = (rb.logProbs - ra.logProbs).cwiseAbs().array();
        const float rel = (d / ra.logProbs.cwiseAbs().array().max(1.f)).maxCoeff();
        const float probDiff =
            (rb.logProbs.array().exp() - ra.logProbs.array().exp()).abs().maxCoeff();
        QVERIFY2(rel < 1e-5f && probDiff < 1e-5f,
                 qPrintable(QStringLiteral("max |batch - alone| = %1 (relative %2, "
                                           "probabilities %3)")
                                .arg(d.maxCoeff())
                                .arg(rel)
                                .arg(probDiff)));
    }
    QCOMPARE(bool(rb.input), bool(ra.input));
    if (ra.input)
        QCOMPARE(*rb.input, *ra.input);
    QVERIFY(!rb.probe);
}

// Lines of varied widths (1 to 14 loops, a line too narrow to read and an empty one among
// them) as the tiny model reads them.
std::vector<imaging::LineImage> variedLines(const reading::Reader& reader)
{
    std::vector<imaging::LineImage> lines;
    for (int letters : {5, 1, 14, 3, 9, 2, 7, 12, 4})
        lines.push_back(reader.normalize(testing::loopInk(letters, 20.f + float(letters))));
    lines.insert(lines.begin() + 3, imaging::LineImage{});  // no ink
    imaging::LineImage narrow;                              // narrower than one frame
    narrow.height = reader.lineHeight({});
    narrow.width = reader.model().crnn.spec().widthReduction() - 1;
    narrow.pixels.assign(std::size_t(narrow.width * narrow.height), 1.f);
    lines.insert(lines.begin() + 6, narrow);
    return lines;
}

}  // namespace

class TestReader : public QObject
{
    Q_OBJECT

private slots:
    void inkAndPictureReadAlike();
    void emptyInputIsTheEmptyReading();
    void badDataThrows();
    void cancelled();
    void probeOnRequest();
    void columnsClampedToTheLine();
    void batchReadsAsAlone_data();
    void batchReadsAsAlone();
    void batchOfTheModel();
    void batchOfInkAndPictures();
    void shortInkReadAtSeveralSizes();
    void languagesBestScoredKept();
    void batchCancelled();
    void batchBadDataThrows();
};

void TestReader::inkAndPictureReadAlike()
{
    if (!QFileInfo::exists(QStringLiteral(INKLENS_SOURCE_MODEL)))
        QSKIP("no bundled model (resources/models/default.safetensors)");
    const imaging::Ink ink = testing::textInk("minimum");
    if (ink.empty())
        QSKIP("no Hershey fonts on this machine (hershey-fonts-data)");
    const reading::Reader reader(
        std::make_shared<const model::Model>(model::loadModel(INKLENS_SOURCE_MODEL)));
    reading::ReadOptions o;
    o.deskew = false;  // level ink; the two estimators need not agree on "nothing"
    o.sizeSearchWidth = 0;  // the ink at its measured size, as the picture is drawn
    const reading::Reading fromInk = reader.read(ink, o);
    const int left = 100;
    const reading::Reading fromPicture = reader.read(inkPicture(ink, reader.lineHeight(o), left),
                                                     o);
    qDebug("ink: \"%s\", picture: \"%s\"", fromInk.recognition->text.c_str(),
           fromPicture.recognition->text.c_str());
    QVERIFY(!fromInk.empty && !fromPicture.empty);
    QVERIFY(!fromInk.recognition->text.empty());
    QCOMPARE(fromPicture.recognition->text, fromInk.recognition->text);
    QCOMPARE(fromPicture.line.width, fromInk.line.width);
    QVERIFY(fromInk.normalizeMs > 0 && fromInk.networkMs > 0 && fromInk.decodeMs > 0);
    // Source columns: the picture's are the rasterized ink's, `left` columns further right.
    const auto& inkChars = fromInk.recognition->chars;
    const auto& picChars = fromPicture.recognition->chars;
    QCOMPARE(picChars.size(), inkChars.size());
    for (std::size_t i = 0; i < inkChars.size(); ++i) {
        const auto [inkFirst, inkLast] = fromInk.sourceColumns(inkChars[i]);
        const auto [picFirst, picLast] = fromPicture.sourceColumns(picChars[i]);
        QVERIFY2(std::abs(picFirst - (inkFirst + left)) <= 1
                     && std::abs(picLast - (inkLast + left)) <= 1,
                 qPrintable(QStringLiteral("char %1: ink %2-%3, picture %4-%5")
                                .arg(i)
                                .arg(inkFirst)
                                .arg(inkLast)
                                .arg(picFirst)
                                .arg(picLast)));
        QVERIFY(picFirst >= left);
    }
}

void TestReader::emptyInputIsTheEmptyReading()
{
    const reading::Reader reader(testing::tinyModel());
    verifyEmpty(reader.read(imaging::Ink{}));
    imaging::Ink strokesWithoutPoints;
    strokesWithoutPoints.strokes.resize(3);
    verifyEmpty(reader.read(strokesWithoutPoints));
    verifyEmpty(reader.read(cv::Mat()));
    verifyEmpty(reader.read(cv::Mat(40, 300, CV_8UC1, cv::Scalar(255))));  // blank paper
    verifyEmpty(reader.read(imaging::LineImage{}));
}

void TestReader::badDataThrows()
{
    const reading::Reader reader(testing::tinyModel());
    // Two letters 10^6 units (tens of thousands of x-heights) apart cannot be rasterized as
    // one line.
    imaging::Ink tooLong = testing::loopInk(2);
    for (auto& p : tooLong.strokes[1].points)
        p.x += 1e6f;
    try {
        reader.read(tooLong);
        QFAIL("no exception for ink too long to rasterize");
    } catch (const nn::EngineError& e) {
        QVERIFY2(QByteArray(e.what()).contains("too long"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, reader.read(cv::Mat(16, 40, CV_32F, cv::Scalar(0))));
    imaging::LineImage wrongHeight;
    wrongHeight.height = 20;
    wrongHeight.width = 40;
    wrongHeight.pixels.assign(800, 0.5f);
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, reader.read(wrongHeight));
    reading::ReadOptions o;
    o.height = 32;  // not the model's 16
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, reader.read(testing::loopInk(), o));
    QCOMPARE(reader.normalize(testing::loopInk(), o).height, 32);  // normalizing alone may
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, reading::Reader(nullptr));
}

void TestReader::cancelled()
{
    const reading::Reader reader(testing::tinyModel());
    std::atomic_bool cancel{true};
    const reading::Reading r = reader.read(testing::loopInk(), {}, &cancel);
    QVERIFY(r.cancelled);
    QVERIFY(r.recognition && r.recognition->text.empty());
    cancel = false;
    QVERIFY(!reader.read(testing::loopInk(), {}, &cancel).cancelled);
}

void TestReader::probeOnRequest()
{
    const reading::Reader reader(testing::tinyModel());
    reading::ReadOptions o;
    QVERIFY(!reader.read(testing::loopInk(), o).recognition->probe);
    o.probe = true;
    const auto rec = reader.read(testing::loopInk(), o).recognition;
    QVERIFY(rec->probe);
    QCOMPARE(rec->probe->convMaps.size(), std::size_t(2));
}

// A network that reads label 1 on every frame: one character spanning all frames. Frame
// f covers columns [4f, 4f + 3]; a 30-column line has 7 frames (the pools round down), so
// the span ends at column 27, inside the line (the end is clamped to width - 1 anyway).
void TestReader::columnsClampedToTheLine()
{
    model::CrnnSpec s;
    s.inputHeight = 8;
    s.convs = {{2, 3, false, 2, 4}};
    s.lstmHidden = {2};
    s.numClasses = model::Charset::defaultLatin().size();
    model::Crnn net(s);
    net.initialize(1);
    for (nn::Param* p : net.params())
        if (p->name.rfind("fc.", 0) == 0) {
            p->value.setZero();
            if (p->value.size() == s.numClasses)
                p->value[1] = 10.f;  // bias: label 1 everywhere
        }
    const reading::Reader reader(
        std::make_shared<const model::Model>(std::move(net), model::Charset::defaultLatin()));
    imaging::LineImage line;
    line.height = 8;
    line.width = 30;
    line.pixels.assign(240, 0.f);
    reading::ReadOptions o;
    o.decoder = reading::DecoderKind::Greedy;
    const auto rec = reader.read(line, o).recognition;
    QCOMPARE(rec->inputWidth, 30);
    QVERIFY2(!rec->chars.empty(), "the network should read a character");
    const auto& last = rec->chars.back();
    QCOMPARE(last.lastFrame, 6);
    QCOMPARE(last.lastColumn, 27);
    for (const auto& c : rec->chars)
        QVERIFY(c.firstColumn <= c.lastColumn && c.lastColumn <= 29);
}

void TestReader::batchReadsAsAlone_data()
{
    QTest::addColumn<int>("maxLines");
    QTest::addColumn<long long>("maxPixels");
    QTest::addColumn<bool>("greedy");
    QTest::addColumn<int>("threads");
    QTest::addColumn<bool>("parallel");
    QTest::newRow("defaults") << reading::BatchOptions{}.maxLines
                              << reading::BatchOptions{}.maxPixels << false << 2
                              << reading::BatchOptions{}.parallelForwards;
    QTest::newRow("one forward, beam") << 64 << 100'000'000LL << false << 2 << false;
    QTest::newRow("three lines a forward") << 3 << 100'000'000LL << false << 2 << false;
    QTest::newRow("pixel budget") << 64 << 16LL * 150 << false << 2 << false;
    QTest::newRow("one line a forward, one thread") << 1 << 100'000'000LL << false << 1 << false;
    QTest::newRow("greedy") << 4 << 100'000'000LL << true << 2 << false;
    QTest::newRow("parallel forwards") << 1 << 100'000'000LL << false << 2 << true;
    QTest::newRow("parallel forwards of 3") << 3 << 100'000'000LL << false << 2 << true;
    QTest::newRow("parallel, greedy") << 2 << 100'000'000LL << true << 2 << true;
}

void TestReader::batchReadsAsAlone()
{
    QFETCH(int, maxLines);
    QFETCH(long long, maxPixels);
    QFETCH(bool, greedy);
    QFETCH(int, threads);
    QFETCH(bool, parallel);
#if defined(__SANITIZE_THREAD__)
    // libgomp is not instrumented: ThreadSanitizer cannot see the end of an OpenMP region
    // and reports every parallel loop as a race (cmake/InkLensSanitizers.cmake), so under
    // TSan the batch runs on one thread; the plain and ASan builds run both counts.
    threads = 1;
#endif
    const reading::Reader reader(testing::tinyModel());
    reading::ReadOptions o;
    o.beam.nbest = 3;
    if (greedy)
        o.decoder = reading::DecoderKind::Greedy;
    o.probe = true;  // ignored in batches
    const std::vector<imaging::LineImage> lines = variedLines(reader);
    reading::BatchOptions batch;
    batch.maxLines = maxLines;
    batch.maxPixels = maxPixels;
    batch.parallelForwards = parallel;
    const int saved = nn::numThreads();
    nn::setNumThreads(threads);
    const std::vector<reading::Reading> read = reader.readBatch(lines, o, nullptr, batch);
    nn::setNumThreads(saved);
    QCOMPARE(read.size(), lines.size());
    o.probe = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const reading::Reading alone = reader.read(lines[i], o);
        verifySameReading(alone, read[i]);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("line %1 (width %2)").arg(i).arg(lines[i].width)));
        if (!alone.empty)
            QVERIFY(read[i].networkMs > 0 && read[i].decodeMs > 0);
    }
    verifyEmpty(read[3]);
    QVERIFY(read[6].empty);
    QVERIFY(!reader.readBatch(std::vector<imaging::LineImage>{}).size());
}

// The bundled model on handwriting of varied lengths, with its language model: the same
// texts and N-best as line by line.
void TestReader::batchOfTheModel()
{
    if (!QFileInfo::exists(QStringLiteral(INKLENS_SOURCE_MODEL)))
        QSKIP("no bundled model (resources/models/default.safetensors)");
    if (testing::textInk("a").empty())
        QSKIP("no Hershey fonts on this machine (hershey-fonts-data)");
    const reading::Reader reader(
        std::make_shared<const model::Model>(model::loadModel(INKLENS_SOURCE_MODEL)));
    std::vector<imaging::Ink> inks;
    for (const char* text : {"minimum", "the quick brown fox", "", "ink", "a page of lines",
                             "reading several lines at once"})
        inks.push_back(testing::textInk(text, std::uint64_t(std::strlen(text))));
    reading::ReadOptions o;
    o.beam.nbest = 4;
    const std::vector<reading::Reading> read = reader.readBatch(inks, o);
    QCOMPARE(read.size(), inks.size());
    for (std::size_t i = 0; i < inks.size(); ++i) {
        const reading::Reading alone = reader.read(inks[i], o);
        qDebug("\"%s\"", alone.recognition->text.c_str());
        verifySameReading(alone, read[i]);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("line %1").arg(i)));
    }
    verifyEmpty(read[2]);
}

void TestReader::batchOfInkAndPictures()
{
    const reading::Reader reader(testing::tinyModel());
    std::vector<imaging::Ink> inks;
    std::vector<cv::Mat> pictures;
    for (int letters : {4, 0, 11, 2}) {
        inks.push_back(letters ? testing::loopInk(letters) : imaging::Ink{});
        pictures.push_back(letters ? inkPicture(inks.back(), reader.lineHeight({}), 30)
                                   : cv::Mat());
    }
    const auto fromInk = reader.readBatch(inks);
    const auto fromPictures = reader.readBatch(pictures);
    QCOMPARE(fromInk.size(), inks.size());
    QCOMPARE(fromPictures.size(), pictures.size());
    for (std::size_t i = 0; i < inks.size(); ++i) {
        verifySameReading(reader.read(inks[i]), fromInk[i]);
        verifySameReading(reader.read(pictures[i]), fromPictures[i]);
        QCOMPARE(fromInk[i].line.toSource(0, 0), reader.read(inks[i]).line.toSource(0, 0));
        QCOMPARE(fromPictures[i].line.toSource(3, 9), reader.read(pictures[i]).line.toSource(3, 9));
        if (!inks[i].empty())
            QVERIFY(fromInk[i].normalizeMs > 0 && fromPictures[i].normalizeMs > 0);
    }
    verifyEmpty(fromInk[1]);
    verifyEmpty(fromPictures[1]);
}

// Ink is read at each of kInkSizes times its measured x-height and the reading the decoder
// ranks highest is kept (ReadOptions::sizeSearchWidth: by default all ink); ink wider than
// the width set, and any ink with the search off, at the measured size alone.
void TestReader::shortInkReadAtSeveralSizes()
{
    const reading::Reader reader(testing::tinyModel());
    const imaging::Ink word = testing::loopInk(4), line = testing::loopInk(40);
    reading::ReadOptions o;
    QVERIFY(reader.searchesSize(word, o));
    QVERIFY(reader.searchesSize(line, o));  // by default all ink
    QVERIFY(!reader.searchesSize(imaging::Ink{}, o));
    o.sizeSearchWidth = 16;  // ink wider than 16 x-heights at its measured size alone
    QVERIFY(reader.searchesSize(word, o));
    QVERIFY(!reader.searchesSize(line, o));
    const reading::Reading longRead = reader.read(line, o);
    QCOMPARE(longRead.line.pixels, reader.normalize(line, o).pixels);

    // The word: the best ranked of its sizes, the sizes' times summed.
    std::vector<reading::Reading> bySize;
    for (const float size : reading::kInkSizes)
        bySize.push_back(reader.read(reader.normalize(word, o, size), o));
    std::size_t best = 0;
    for (std::size_t i = 1; i < bySize.size(); ++i)
        if (bySize[i].recognition->nbest[0].score > bySize[best].recognition->nbest[0].score)
            best = i;
    const reading::Reading searched = reader.read(word, o);
    verifySameReading(bySize[best], searched);
    QCOMPARE(searched.line.pixels, bySize[best].line.pixels);
    QVERIFY(searched.normalizeMs > 0 && searched.networkMs > 0);
    // The sizes really differ: the widest is wider than the narrowest.
    QVERIFY(bySize[2].line.width > bySize[1].line.width);

    o.sizeSearchWidth = 0;
    QVERIFY(!reader.searchesSize(word, o));
    QCOMPARE(reader.read(word, o).line.pixels, bySize[0].line.pixels);  // the measured size
}

// The automatic language (ReadOptions::languages): each line decoded with every language,
// the best-scored decoding kept and its language named; the same as reading with that
// language alone, whatever the order of the languages.
void TestReader::languagesBestScoredKept()
{
    const reading::Reader reader(testing::tinyModel());
    const model::Charset& charset = reader.model().charset;
    const imaging::Ink ink = testing::loopInk(6, 24.f);
    reading::ReadOptions plain;
    plain.beam.oovPenalty = 5;
    const reading::Reading free = reader.read(ink, plain);
    QVERIFY(!free.recognition->text.empty());

    // A word list that does not hold the free reading: its words pay the OOV penalty there.
    auto list = std::make_shared<ctc::Lexicon>(model::emptyLexicon(charset));
    QCOMPARE(model::addLexiconText(*list, charset, "zzzq qqzz"), 2);
    reading::ReadOptions listed = plain;
    listed.lexicon = list;
    const reading::Reading withList = reader.read(ink, listed);
    QVERIFY(withList.recognition->nbest[0].score < free.recognition->nbest[0].score);
    QVERIFY(free.recognition->language.empty());

    for (const bool listFirst : {true, false}) {
        reading::ReadOptions automatic = plain;
        const reading::DecodingLanguage a{"xx", nullptr, list}, b{"yy", nullptr, nullptr};
        automatic.languages = listFirst ? std::vector{a, b} : std::vector{b, a};
        automatic.lexicon = list;  // ignored: each language brings its own
        const reading::Reading r = reader.read(ink, automatic);
        QCOMPARE(r.recognition->language, std::string("yy"));
        QCOMPARE(r.recognition->text, free.recognition->text);
        QCOMPARE(r.recognition->nbest[0].score, free.recognition->nbest[0].score);
    }
    // Greedy decoding reads as before and names no language.
    reading::ReadOptions greedy = plain;
    greedy.decoder = reading::DecoderKind::Greedy;
    greedy.languages = {{"xx", nullptr, list}};
    QVERIFY(reader.read(ink, greedy).recognition->language.empty());
}

void TestReader::batchCancelled()
{
    const reading::Reader reader(testing::tinyModel());
    const std::vector<imaging::LineImage> lines = variedLines(reader);
    std::atomic_bool cancel{true};
    const auto read = reader.readBatch(lines, {}, &cancel);
    QCOMPARE(read.size(), lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 3 || i == 6) {  // empty lines stay empty
            QVERIFY(read[i].empty && !read[i].cancelled);
            continue;
        }
        QVERIFY(read[i].cancelled && !read[i].empty);
        QVERIFY(read[i].recognition && read[i].recognition->text.empty());
        QCOMPARE(read[i].line.width, lines[i].width);
    }
    // Set while reading, from another thread: it stops at a layer of the slow model, and
    // what had been read before stays read.
    const reading::Reader slow(testing::slowModel());
    std::vector<imaging::LineImage> long_;
    for (int i = 0; i < 6; ++i) {
        imaging::LineImage l;
        l.height = slow.lineHeight({});
        l.width = 3000;
        l.pixels.assign(std::size_t(l.width * l.height), 0.f);
        for (std::size_t k = 0; k < l.pixels.size(); k += 7)
            l.pixels[k] = 1.f;
        long_.push_back(std::move(l));
    }
    reading::BatchOptions one;
    one.maxLines = 1;
    one.parallelForwards = false;  // one after another: the read ones come first
    cancel = false;
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        cancel = true;
    });
    const auto t0 = std::chrono::steady_clock::now();
    const auto stopped = slow.readBatch(long_, {}, &cancel, one);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    stopper.join();
    QVERIFY(std::all_of(stopped.begin(), stopped.end(),
                        [](const reading::Reading& r) { return !r.empty; }));
    QVERIFY2(stopped.back().cancelled, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    // The read ones come first, in the order of the forwards (all of one width here).
    bool seenCancelled = false;
    for (const auto& r : stopped) {
        seenCancelled = seenCancelled || r.cancelled;
        QCOMPARE(r.cancelled, seenCancelled);
    }
}

void TestReader::batchBadDataThrows()
{
    const reading::Reader reader(testing::tinyModel());
    std::vector<imaging::LineImage> lines = variedLines(reader);
    imaging::LineImage wrongHeight;
    wrongHeight.height = 20;
    wrongHeight.width = 40;
    wrongHeight.pixels.assign(800, 0.5f);
    lines.push_back(wrongHeight);
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, reader.readBatch(lines));
    imaging::Ink tooLong = testing::loopInk(2);
    for (auto& p : tooLong.strokes[1].points)
        p.x += 1e6f;
    QVERIFY_THROWS_EXCEPTION(
        nn::EngineError, reader.readBatch(std::vector<imaging::Ink>{testing::loopInk(), tooLong}));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                             reader.readBatch(std::vector<cv::Mat>{cv::Mat(16, 40, CV_32F)}));
    reading::ReadOptions o;
    o.height = 32;
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, reader.readBatch(variedLines(reader), o));
}

QTEST_APPLESS_MAIN(TestReader)
#include "test_reader.moc"
