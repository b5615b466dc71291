// The one reading path (core/reading/reader.h): ink and a picture of the same text read
// alike, the empty reading for empty input, EngineError for bad data, cancellation, the
// probe on request, character columns clamped to the line and mapped to the picture.

#include "reading/reader.h"
#include "test_ink.h"
#include "test_models.h"

#include <QtTest>

#include <atomic>

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
    // Two letters 100000 units (5000 x-heights) apart cannot be rasterized as one line.
    imaging::Ink tooLong = testing::loopInk(2);
    for (auto& p : tooLong.strokes[1].points)
        p.x += 100000.f;
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

QTEST_APPLESS_MAIN(TestReader)
#include "test_reader.moc"
