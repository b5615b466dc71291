// Inspection views (ui/inspect) rendered offscreen from a hand-made snapshot: a
// Recognition and a Probe with known values, a Model with known kernels. Checks the
// column <-> frame geometry, the colours at known positions (grabbed images), the linked
// selection (mouse -> signals -> shared InspectSelection -> other views), the decoder
// comparison, saliency (hand-made maps, and a real computation through InspectorWidget
// on a worker) and PNG export.

#include "colormap.h"
#include "ctc_view.h"
#include "decoder_comparison.h"
#include "feature_map_view.h"
#include "filter_view.h"
#include "inspect_selection.h"
#include "inspect_util.h"
#include "inspector_widget.h"
#include "rnn_activation_view.h"
#include "saliency_runner.h"
#include "saliency_view.h"

#include "service/line_loader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QXmlStreamReader>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace inklens;
using namespace inklens::ui::inspect;

namespace {

constexpr int kW = 32, kH = 8, kR = 4, kT = 8, kZoom = 10;

// Spec of the snapshot: R = 2 * 2 = 4, so 32 columns -> 8 frames.
model::CrnnSpec snapshotSpec()
{
    model::CrnnSpec s;
    s.inputHeight = kH;
    s.convs = {{2, 3, false, 2, 2}, {3, 3, false, 1, 2}};
    s.lstmHidden = {3};
    s.numClasses = 4;  // blank, a, b, c
    return s;
}

std::shared_ptr<const model::Model> makeModel()
{
    model::Crnn net(snapshotSpec());
    net.initialize(3);
    for (nn::Param* p : net.params()) {
        if (p->name == "conv0.weight") {
            const float k0[9] = {-1, -0.5f, 0, 0, 0.5f, 1, 0.25f, -0.25f, 0};
            for (int t = 0; t < 9; ++t) {
                p->value[t] = k0[t];
                p->value[9 + t] = 0.1f * t / 8.f;
            }
        } else if (p->name == "conv1.weight") {  // (3, 2, 3, 3)
            p->value.setZero();
            p->value[(0 * 2 + 0) * 9 + 4] = -0.6f;
            for (int t = 0; t < 9; ++t) {
                p->value[(2 * 2 + 0) * 9 + t] = 0.3f;
                p->value[(2 * 2 + 1) * 9 + t] = 0.4f;
            }
        }
    }
    return std::make_shared<const model::Model>(std::move(net), model::Charset::fromString("abc"));
}

std::shared_ptr<const model::Recognition> makeRecognition()
{
    auto rec = std::make_shared<model::Recognition>();
    rec->inputWidth = kW;
    rec->inputHeight = kH;
    rec->widthReduction = kR;
    const float p[kT][4] = {{.97f, .01f, .01f, .01f}, {.97f, .01f, .01f, .01f},
                            {.05f, .9f, .03f, .02f},  {.97f, .01f, .01f, .01f},
                            {.97f, .01f, .01f, .01f}, {.1f, .02f, .8f, .08f},
                            {.3f, .02f, .6f, .08f},   {.97f, .01f, .01f, .01f}};
    rec->logProbs.resize(kT, 4);
    for (int t = 0; t < kT; ++t)
        for (int c = 0; c < 4; ++c)
            rec->logProbs(t, c) = std::log(p[t][c]);
    model::RecognizedChar a;
    a.text = "a";
    a.label = 1;
    a.firstFrame = a.lastFrame = 2;
    a.firstColumn = 8;
    a.lastColumn = 11;
    a.confidence = .9f;
    model::RecognizedChar b;
    b.text = "b";
    b.label = 2;
    b.firstFrame = 5;
    b.lastFrame = 6;
    b.firstColumn = 20;
    b.lastColumn = 27;
    b.confidence = .8f;
    rec->chars = {a, b};
    rec->text = "ab";
    rec->nbest = {{"ab", -0.4f}};

    auto probe = std::make_shared<model::Probe>();
    nn::Tensor4 m0(1, 2, kH, kW);  // block 0, before its pool: full size
    m0.setZero();
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            m0.at(0, 0, y, x) = x >= 8 && x <= 11 ? 2.f : 0.f;
            m0.at(0, 1, y, x) = x / 31.f;
        }
    nn::Tensor4 m1(1, 3, kH / 2, kW / 2);  // block 1: after pool (2, 2)
    m1.setZero();
    for (int y = 0; y < kH / 2; ++y) {
        for (int x = 0; x < kW / 2; ++x)
            m1.at(0, 0, y, x) = float(x);
        m1.at(0, 2, y, 10) = 1.f;  // map column 10 = image columns 20, 21
    }
    probe->convMaps = {m0, m1};
    nn::Mat f(kT, 3), b2(kT, 3);
    for (int t = 0; t < kT; ++t) {
        f(t, 0) = 0.5f;
        f(t, 1) = t % 2 ? 0.9f : -0.9f;
        f(t, 2) = t == 2 ? 0.6f : 0.1f;
        b2(t, 0) = -0.5f;
        b2(t, 1) = t / 7.f * 0.8f - 0.4f;
        b2(t, 2) = 0.f;
    }
    probe->lstmForward = {f};
    probe->lstmBackward = {b2};
    probe->logProbs.resize(kT, 1, 4);
    probe->logProbs.data = rec->logProbs;
    rec->probe = probe;
    return rec;
}

QImage makeLine()
{
    std::vector<float> px(std::size_t(kW) * kH, 0.f);
    for (int y = 2; y < 6; ++y)
        for (int x = 8; x < 12; ++x)
            px[std::size_t(y) * kW + x] = 1.f;
    for (int y = 3; y < 7; ++y)
        for (int x = 20; x < 28; ++x)
            px[std::size_t(y) * kW + x] = 1.f;
    return service::lineImageToQImage(px.data(), kW, kH);
}

bool near(QRgb a, QRgb b, int tol = 3)
{
    return std::abs(qRed(a) - qRed(b)) <= tol && std::abs(qGreen(a) - qGreen(b)) <= tol
           && std::abs(qBlue(a) - qBlue(b)) <= tol;
}

QString rgb(QRgb c)
{
    return QColor(c).name();
}

#define QCOMPARE_RGB(actual, expected)                                                             \
    QVERIFY2(near((actual), (expected)),                                                           \
             qPrintable(QStringLiteral("%1 != %2").arg(rgb(actual), rgb(expected))))

QPoint px(double x, double y)
{
    return QPoint(int(std::floor(x)), int(std::floor(y)));
}

}  // namespace

class TestInspect : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void geometryHelpers();
    void colormaps();
    void classHelpers();
    void pixelsRoundTrip();
    void differingCharacters();

    void ctcGeometryAndColours();
    void ctcSelectionSignals();
    void featureMapGeometryAndColours();
    void featureMapChannelSelection();
    void rnnSortingAndColours();
    void filterKernels();
    void filterSelectsFeatureMapChannel();
    void decoderComparison();
    void decoderComparisonWithLanguageModel();
    void saliencyViewFromMaps();
    void inspectorComputesSaliencyOnWorker();
    void inspectorLinksViews();
    void emptyAndProbeless();
    void exportPng();
    void translationsHaveTheInspectStrings_data();
    void translationsHaveTheInspectStrings();

private:
    std::shared_ptr<const model::Model> m_model;
    std::shared_ptr<const model::Recognition> m_rec;
    QImage m_line;
};

void TestInspect::initTestCase()
{
    m_model = makeModel();
    m_rec = makeRecognition();
    m_line = makeLine();
}

void TestInspect::geometryHelpers()
{
    const ColumnAxis a = ColumnAxis::fit(64, 320, 32);
    QCOMPARE(a.scale, 10.0);
    QCOMPARE(a.x(8), 144.0);
    QCOMPARE(a.columnAt(144), 8);
    QCOMPARE(a.columnAt(143.9), 7);
    QCOMPARE(a.columnAt(63), -1);
    QCOMPARE(a.columnAt(384), -1);
    // frame f covers columns [f*R, (f+1)*R)
    for (int f = 0; f < kT; ++f) {
        QCOMPARE(frameFirstColumn(f, kR), f * kR);
        QCOMPARE(frameEndColumn(f, kR), (f + 1) * kR);
        for (int c = frameFirstColumn(f, kR); c < frameEndColumn(f, kR); ++c)
            QCOMPARE(frameOfColumn(c, kR), f);
    }
    const auto spec = snapshotSpec();
    QCOMPARE(convColumnStride(spec, 0), 1);
    QCOMPARE(convColumnStride(spec, 1), 2);
    QCOMPARE(characterAtColumn(*m_rec, 7), -1);
    QCOMPARE(characterAtColumn(*m_rec, 8), 0);
    QCOMPARE(characterAtColumn(*m_rec, 11), 0);
    QCOMPARE(characterAtColumn(*m_rec, 27), 1);
    QCOMPARE(characterAtFrame(*m_rec, 6), 1);
    QCOMPARE(characterAtFrame(*m_rec, 7), -1);
}

void TestInspect::colormaps()
{
    const Colormap& v = Colormap::get(Colormap::Viridis);
    QCOMPARE(v.at(0.f), qRgb(0x44, 0x01, 0x54));
    QCOMPARE(v.at(1.f), qRgb(0xfd, 0xe7, 0x25));
    QCOMPARE(v.at(-3.f), v.at(0.f));
    QCOMPARE(v.at(std::nanf("")), v.at(0.f));
    const Colormap& d = Colormap::get(Colormap::Diverging);
    QCOMPARE(d.map(-1, -1, 1), qRgb(0x05, 0x30, 0x61));
    QCOMPARE(d.map(1, -1, 1), qRgb(0x67, 0x00, 0x1f));
    QVERIFY(near(d.map(0, -1, 1), qRgb(0xf7, 0xf7, 0xf7), 2));  // white at 0
}

void TestInspect::classHelpers()
{
    QCOMPARE(classLabel(&m_model->charset, 0), QStringLiteral("∅"));
    QCOMPARE(classLabel(&m_model->charset, 2), QStringLiteral("b"));
    QCOMPARE(classLabel(nullptr, 2), QStringLiteral("#2"));
    const auto top = topClasses(m_rec->logProbs, 5, 2);
    QCOMPARE(int(top.size()), 2);
    QCOMPARE(top[0].label, 2);
    QCOMPARE(top[1].label, 0);
    QVERIFY(std::abs(top[0].prob - 0.8f) < 1e-5f);
    const QString s = columnSummary(*m_rec, &m_model->charset, 21, 2);
    QVERIFY2(s.startsWith(QStringLiteral("column 21 · frame 5: b 80% · ∅ 10%")), qPrintable(s));
}

void TestInspect::pixelsRoundTrip()
{
    std::vector<float> px(40);
    for (int i = 0; i < 40; ++i)
        px[std::size_t(i)] = i / 39.f;
    const QImage img = service::lineImageToQImage(px.data(), 10, 4);
    QCOMPARE(img.size(), QSize(10, 4));
    QCOMPARE(qGray(img.pixel(0, 0)), 255);  // paper is white
    QCOMPARE(qGray(img.pixel(9, 3)), 0);    // ink is black
    const auto back = pixelsFromLineImage(img);
    for (int i = 0; i < 40; ++i)
        QVERIFY(std::abs(back[std::size_t(i)] - px[std::size_t(i)])
                <= 0.5f / 255.f + 1e-6f);  // 8 bits
    QCOMPARE(pearson(px.data(), px.data(), 40), 1.0);
}

void TestInspect::differingCharacters()
{
    auto mask = [](const char32_t* a, const char32_t* b) {
        return inklens::ui::inspect::differingCharacters(a, b);
    };
    QCOMPARE(mask(U"abc", U"abc"), std::vector<bool>({false, false, false}));
    QCOMPARE(mask(U"abc", U"abd"), std::vector<bool>({false, false, true}));
    QCOMPARE(mask(U"ab", U"b"), std::vector<bool>({true, false}));
    QCOMPARE(mask(U"ab", U"axb"),
             std::vector<bool>({true, false}));  // an insertion marks its neighbour
}

void TestInspect::ctcGeometryAndColours()
{
    CtcView view;
    view.setModel(m_model);
    view.setRecognition(m_rec, m_line);
    view.setColumnZoom(kZoom);
    view.resize(view.sizeHint());
    QCOMPARE(view.width(), ColumnView::kLeftMargin + kW * kZoom + 12);

    QCOMPARE(view.rowLabels(), std::vector<int>({0, 1, 2, 3}));
    QCOMPARE(view.pathLabels(), std::vector<int>({0, 0, 1, 0, 0, 2, 2, 0}));
    const ColumnAxis axis = view.columnAxis();
    QCOMPARE(axis.left, double(ColumnView::kLeftMargin));
    QCOMPARE(axis.scale, double(kZoom));
    for (int f = 0; f < kT; ++f) {
        const QRectF cell = view.cellRect(1, f);
        QCOMPARE(cell.left(), axis.x(f * kR));
        QCOMPARE(cell.width(), double(kR * kZoom));
        QCOMPARE(cell.height(), double(view.rowHeight()));
    }
    QCOMPARE(view.spanRect(0).left(), axis.x(8));
    QCOMPARE(view.spanRect(0).right(), axis.x(12));
    QCOMPARE(view.spanRect(1).left(), axis.x(20));
    QCOMPARE(view.spanRect(1).right(), axis.x(28));

    const QImage img = view.renderImage();
    const Colormap& v = Colormap::get(Colormap::Viridis);
    // off the path line: the upper part of each cell
    auto cellColour = [&](int row, int frame) {
        const QRectF c = view.cellRect(row, frame);
        return img.pixel(px(c.left() + 3, c.top() + 2));
    };
    QCOMPARE_RGB(cellColour(1, 2), v.at(0.9f));   // p(a | 2)
    QCOMPARE_RGB(cellColour(0, 0), v.at(0.97f));  // p(blank | 0)
    QCOMPARE_RGB(cellColour(2, 5), v.at(0.8f));   // p(b | 5)
    QCOMPARE_RGB(cellColour(3, 6), v.at(0.08f));  // p(c | 6)
    // the decoded path runs through the centre of (a, 2) and (b, 5): white
    const QRectF pa = view.cellRect(1, 2), pb = view.cellRect(2, 5);
    for (auto [c, p] : {std::pair{pa.center(), 0.9f}, std::pair{pb.center(), 0.8f}}) {
        const QRgb onPath = img.pixel(px(c.x(), c.y()));
        QVERIFY2(qBlue(onPath) > qBlue(v.at(p)) + 60 && qRed(onPath) > 180,
                 qPrintable(rgb(onPath)));
    }
    // and not through (c, 5)
    const QRectF pc = view.cellRect(3, 5);
    QCOMPARE_RGB(img.pixel(px(pc.center().x(), pc.center().y())), v.at(0.08f));
}

void TestInspect::ctcSelectionSignals()
{
    InspectSelection selection;
    CtcView view;
    view.setSelectionModel(&selection);
    view.setModel(m_model);
    view.setRecognition(m_rec, m_line);
    view.setColumnZoom(kZoom);
    view.resize(view.sizeHint());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage before = view.renderImage();

    QSignalSpy hovered(&view, &ColumnView::characterHovered);
    QSignalSpy columns(&view, &ColumnView::columnHovered);
    QSignalSpy clicked(&view, &ColumnView::characterClicked);
    QSignalSpy selected(&selection, &InspectSelection::selectedCharacterChanged);
    const ColumnAxis axis = view.columnAxis();
    const int inkY = view.charRowHeight() + view.inkHeight(axis) / 2;

    QTest::mouseMove(&view, px(axis.x(9.5), inkY));  // column 9, inside "a"
    QTRY_COMPARE(columns.count(), 1);
    QCOMPARE(columns.last().at(0).toInt(), 9);
    QCOMPARE(hovered.count(), 1);
    QCOMPARE(hovered.last().at(0).toInt(), 0);
    QCOMPARE(selection.hoveredCharacter(), 0);
    QCOMPARE(selection.column(), 9);

    QTest::mouseClick(&view, Qt::LeftButton, {}, px(axis.x(9.5), inkY));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.last().at(0).toInt(), 0);
    QCOMPARE(selection.selectedCharacter(), 0);
    QCOMPARE(selected.count(), 1);

    // the highlighted character tints its columns in the matrix, off its own row
    selection.setColumn(-1);
    const QImage after = view.renderImage();
    const QRectF inside = view.cellRect(3, 2), outside = view.cellRect(3, 0);
    QVERIFY(!near(after.pixel(px(inside.left() + 3, inside.top() + 2)),
                  before.pixel(px(inside.left() + 3, inside.top() + 2)), 4));
    QCOMPARE_RGB(after.pixel(px(outside.left() + 3, outside.top() + 2)),
                 before.pixel(px(outside.left() + 3, outside.top() + 2)));

    // over the matrix: a column, no character; the summary names the likely classes
    const QRectF cell = view.cellRect(2, 5);
    QTest::mouseMove(&view, px(axis.x(21.5), cell.center().y()));
    QTRY_COMPARE(selection.column(), 21);
    QCOMPARE(selection.hoveredCharacter(), -1);
    QCOMPARE(hovered.last().at(0).toInt(), -1);
    QCOMPARE(selection.character(), 0);  // the selection stays

    // clicking the selected character again deselects it
    QTest::mouseClick(&view, Qt::LeftButton, {}, px(axis.x(9.5), inkY));
    QCOMPARE(selection.selectedCharacter(), -1);
    // a second view sharing the selection sees the hover
    FeatureMapView other;
    other.setSelectionModel(&selection);
    QTest::mouseMove(&view, px(axis.x(24.5), inkY));
    QTRY_COMPARE(other.selectionModel()->character(), 1);
}

void TestInspect::featureMapGeometryAndColours()
{
    FeatureMapView view;
    view.setRecognition(m_rec, m_line);
    view.setColumnZoom(kZoom);
    view.setLayer(0);
    view.resize(view.sizeHint());
    QCOMPARE(view.layerCount(), 2);
    QCOMPARE(view.columnStride(), 1);
    const ColumnAxis axis = view.columnAxis();
    for (int ch = 0; ch < 2; ++ch) {
        const QRectF t = view.tileRect(ch);
        QCOMPARE(t.left(), axis.left);
        QCOMPARE(t.width(), double(kW * kZoom));
        QCOMPARE(view.tileAxis(ch).x(9), axis.x(9));  // one tile per row: aligned with the ink
    }
    QVERIFY(view.tileRect(1).top() > view.tileRect(0).bottom());
    const Colormap& v = Colormap::get(Colormap::Viridis);
    QImage img = view.renderImage();
    auto at = [&](int ch, double column) {
        const QRectF t = view.tileRect(ch);
        return img.pixel(px(view.tileAxis(ch).x(column), t.center().y()));
    };
    QCOMPARE_RGB(at(0, 9.5), v.at(1.f));  // 2.0 / channel max 2.0
    QCOMPARE_RGB(at(0, 3.5), v.at(0.f));
    QCOMPARE_RGB(at(1, 31.5), v.at(1.f));  // ramp x / 31
    QCOMPARE_RGB(at(1, 0.5), v.at(0.f));
    QCOMPARE_RGB(at(1, 15.5), v.at(15.f / 31.f));

    // block 1: map column j covers image columns [2j, 2j + 2)
    view.setLayer(1);
    view.resize(view.sizeHint());
    QCOMPARE(view.columnStride(), 2);
    img = view.renderImage();
    QCOMPARE_RGB(at(2, 20.5), v.at(1.f));
    QCOMPARE_RGB(at(2, 21.5), v.at(1.f));
    QCOMPARE_RGB(at(2, 19.5), v.at(0.f));
    QCOMPARE_RGB(at(2, 22.5), v.at(0.f));
    QCOMPARE_RGB(at(0, 30.5), v.at(1.f));  // map column 15 of max 15
    QCOMPARE_RGB(at(0, 10.5), v.at(5.f / 15.f));

    // per-layer normalization: one scale (15) for the block
    view.setNormalization(FeatureMapView::Normalization::PerLayer);
    img = view.renderImage();
    QCOMPARE_RGB(at(2, 20.5), v.at(1.f / 15.f));

    // several tiles per row: each tile is a small copy of the line
    view.setTilesPerRow(2);
    view.resize(view.sizeHint());
    const QRectF t0 = view.tileRect(0), t1 = view.tileRect(1);
    QCOMPARE(t0.top(), t1.top());
    QVERIFY(t1.left() > t0.right());
    QCOMPARE(view.tileAxis(1).x(0), t1.left());
    QCOMPARE(view.tileAxis(1).x(kW), t1.right());
}

void TestInspect::featureMapChannelSelection()
{
    InspectSelection selection;
    FeatureMapView view;
    view.setSelectionModel(&selection);
    view.setRecognition(m_rec, m_line);
    view.setColumnZoom(kZoom);
    view.setLayer(1);
    view.resize(view.sizeHint());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.overlayRect().isEmpty());

    QSignalSpy channels(&view, &FeatureMapView::channelSelected);
    QSignalSpy columns(&view, &ColumnView::columnHovered);
    QRectF t = view.tileRect(2);
    QTest::mouseMove(&view, px(view.tileAxis(2).x(21.5), t.center().y()));
    QTRY_VERIFY(!columns.isEmpty());
    QCOMPARE(columns.last().at(0).toInt(), 21);

    QTest::mouseClick(&view, Qt::LeftButton, {}, px(view.tileAxis(2).x(21.5), t.center().y()));
    QCOMPARE(channels.count(), 1);
    QCOMPARE(channels.last().at(0).toInt(), 1);
    QCOMPARE(channels.last().at(1).toInt(), 2);
    QCOMPARE(selection.channelLayer(), 1);
    QCOMPARE(selection.channel(), 2);
    view.resize(view.sizeHint());
    QVERIFY(!view.overlayRect().isEmpty());
    // the enlarged channel over the ink: bright where the map is 1 (columns 20-21)
    const QImage img = view.renderImage();
    const QRectF o = view.overlayRect();
    const QRgb hot = img.pixel(px(view.columnAxis().x(20.5), o.center().y()));
    const QRgb cold = img.pixel(px(view.columnAxis().x(4.5), o.center().y()));
    QVERIFY2(qBlue(hot) < 100 && qRed(hot) > 150 && qBlue(cold) > 150,
             qPrintable(rgb(hot) + QLatin1Char(' ') + rgb(cold)));

    // the highlighted character's columns run through every tile
    const QImage plain = view.renderImage();
    selection.setSelectedCharacter(1);  // "b": columns 20..27
    const QImage lit = view.renderImage();
    t = view.tileRect(0);
    const QPoint in = px(view.tileAxis(0).x(24.5), t.center().y()),
                 out = px(view.tileAxis(0).x(4.5), t.center().y());
    QVERIFY(!near(plain.pixel(in), lit.pixel(in), 4));
    QCOMPARE_RGB(plain.pixel(out), lit.pixel(out));

    // clicking the channel again deselects it
    t = view.tileRect(2);
    QTest::mouseClick(&view, Qt::LeftButton, {}, px(view.tileAxis(2).x(3.5), t.center().y()));
    QCOMPARE(selection.channel(), -1);
}

void TestInspect::rnnSortingAndColours()
{
    RnnActivationView view;
    view.setModel(m_model);
    view.setRecognition(m_rec, m_line);
    view.setColumnZoom(kZoom);
    view.setRowHeight(6);
    view.resize(view.sizeHint());
    QCOMPARE(view.sectionCount(), 2);
    QCOMPARE(view.unitOrder(0), std::vector<int>({0, 1, 2}));
    const QRectF r = view.heatmapRect(0);
    QCOMPARE(r.left(), view.columnAxis().x(0));
    QCOMPARE(r.right(), view.columnAxis().x(kT * kR));
    QCOMPARE(r.height(), 3.0 * 6);

    const Colormap& d = Colormap::get(Colormap::Diverging);
    QImage img = view.renderImage();
    auto at = [&](int section, int row, int frame) {
        const QRectF h = view.heatmapRect(section);
        return img.pixel(px(view.columnAxis().x(frame * kR + 1.5), h.top() + row * 6 + 3));
    };
    QCOMPARE_RGB(at(0, 1, 1), d.map(0.9f, -1, 1));
    QCOMPARE_RGB(at(0, 1, 2), d.map(-0.9f, -1, 1));
    QCOMPARE_RGB(at(0, 0, 5), d.map(0.5f, -1, 1));
    QCOMPARE_RGB(at(1, 0, 3), d.map(-0.5f, -1, 1));

    view.setSortMode(RnnActivationView::SortMode::Variance);
    QCOMPARE(view.unitOrder(0), std::vector<int>({1, 2, 0}));
    QCOMPARE(view.unitOrder(1), std::vector<int>({1, 0, 2}));  // the ramp; ties keep index order
    img = view.renderImage();
    QCOMPARE_RGB(at(0, 0, 1), d.map(0.9f, -1, 1));  // unit 1 now on top
    QCOMPARE_RGB(at(0, 1, 2), d.map(0.6f, -1, 1));  // unit 2 second

    // correlation with p(a | frame): unit 2 peaks where "a" does
    view.setSortMode(RnnActivationView::SortMode::Correlation);
    QCOMPARE(view.unitOrder(0), std::vector<int>({0, 1, 2}));  // no class chosen yet
    view.setCorrelationLabel(1);
    QCOMPARE(view.unitOrder(0), std::vector<int>({2, 0, 1}));
    QVERIFY(view.sortKeys(0)[2] > 0.99f);
    QVERIFY(view.sortKeys(0)[1] < 0.f);
    QCOMPARE(view.sortKeys(0)[0], 0.f);
}

void TestInspect::filterKernels()
{
    FilterView view;
    view.setModel(m_model);
    view.setZoom(8);
    view.resize(600, view.heightForWidth(600));
    QCOMPARE(view.layerCount(), 2);
    const QRect k00 = view.kernelRect(0, 0);
    QCOMPARE(k00.size(), QSize(48, 48));  // block 0: pixel kernels, twice the zoom
    QCOMPARE(view.kernelRect(1, 0).size(), QSize(24, 24));
    const QRect k01 = view.kernelRect(0, 1);
    QCOMPARE(k01.top(), k00.top());
    QVERIFY(k01.left() >= k00.right());
    QVERIFY(view.kernelRect(1, 0).top() > k00.bottom());

    const Colormap& d = Colormap::get(Colormap::Diverging);
    const Colormap& v = Colormap::get(Colormap::Viridis);
    QImage img = view.renderImage();
    auto tap = [&](int layer, int ch, int y, int x) {
        const QRect r = view.kernelRect(layer, ch);
        const int s = r.width() / 3;
        return img.pixel(r.left() + x * s + s / 2, r.top() + y * s + s / 2);
    };
    // block 0: the weights themselves, symmetric scale max |w| = 1
    QCOMPARE(view.kernelValue(0, 0, 0, 0), -1.f);
    QCOMPARE_RGB(tap(0, 0, 0, 0), d.map(-1, -1, 1));
    QCOMPARE_RGB(tap(0, 0, 1, 2), d.map(1, -1, 1));
    QCOMPARE_RGB(tap(0, 0, 1, 1), d.map(0.5f, -1, 1));
    // block 1, L2 norm over input channels: sqrt(0.3^2 + 0.4^2) = 0.5, scale 0..0.6
    QVERIFY(std::abs(view.kernelValue(1, 2, 0, 0) - 0.5f) < 1e-6f);
    QVERIFY(std::abs(view.kernelValue(1, 0, 1, 1) - 0.6f) < 1e-6f);
    QCOMPARE_RGB(tap(1, 2, 0, 0), v.map(0.5f, 0, 0.6f));
    QCOMPARE_RGB(tap(1, 0, 1, 1), v.at(1.f));
    QCOMPARE_RGB(tap(1, 1, 1, 1), v.at(0.f));
    // mean kernel: signed, symmetric scale max |mean| = 0.35
    view.setSummary(FilterView::Summary::MeanKernel);
    img = view.renderImage();
    QVERIFY(std::abs(view.kernelValue(1, 2, 1, 1) - 0.35f) < 1e-6f);
    QVERIFY(std::abs(view.kernelValue(1, 0, 1, 1) + 0.3f) < 1e-6f);
    QCOMPARE_RGB(tap(1, 2, 1, 1), d.map(0.35f, -0.35f, 0.35f));
    QCOMPARE_RGB(tap(1, 0, 1, 1), d.map(-0.3f, -0.35f, 0.35f));

    // zoom scales the kernels
    view.setZoom(12);
    QCOMPARE(view.kernelRect(1, 0).size(), QSize(36, 36));
}

void TestInspect::filterSelectsFeatureMapChannel()
{
    InspectSelection selection;
    FilterView filters;
    filters.setSelectionModel(&selection);
    filters.setModel(m_model);
    filters.resize(600, filters.heightForWidth(600));
    filters.show();
    QVERIFY(QTest::qWaitForWindowExposed(&filters));
    FeatureMapView maps;
    maps.setSelectionModel(&selection);
    maps.setRecognition(m_rec, m_line);
    maps.setLayer(1);
    maps.resize(600, maps.heightForWidth(600));
    QVERIFY(maps.overlayRect().isEmpty());

    QSignalSpy spy(&filters, &FilterView::channelSelected);
    QTest::mouseClick(&filters, Qt::LeftButton, {}, filters.kernelRect(1, 2).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toInt(), 1);
    QCOMPARE(spy.last().at(1).toInt(), 2);
    QCOMPARE(selection.channelLayer(), 1);
    QCOMPARE(selection.channel(), 2);
    maps.resize(600, maps.heightForWidth(600));
    QVERIFY(!maps.overlayRect().isEmpty());  // the filter's map, enlarged over the ink
    // the selected filter of a deeper block shows its input kernels: the view grew
    QVERIFY(filters.heightForWidth(600) > filters.height());
}

void TestInspect::decoderComparison()
{
    DecoderComparison view;
    view.setModel(m_model);
    QSignalSpy decoded(&view, &DecoderComparison::decoded);
    view.setRecognition(m_rec);
    QTRY_VERIFY(view.isReady());
    QCOMPARE(decoded.count(), 1);
    QCOMPARE(view.greedyText(), QStringLiteral("ab"));
    const QStringList beam = view.beamTexts();
    QVERIFY(!beam.isEmpty());
    QCOMPARE(beam.first(), QStringLiteral("ab"));
    const auto scores = view.beamLogProbs();
    QVERIFY(std::is_sorted(scores.begin(), scores.end(), std::greater<float>()));
    float bestPath = 0;
    for (int t = 0; t < kT; ++t)
        bestPath += m_rec->logProbs.row(t).maxCoeff();
    QVERIFY(std::abs(view.greedyLogProb() - bestPath) < 1e-4f);
    QVERIFY(scores.front() > bestPath);  // the text sums over alignments

    ctc::BeamOptions o;
    o.beamWidth = 4;
    o.nbest = 2;
    view.setBeamOptions(o);
    QTRY_VERIFY(view.isReady());
    QVERIFY(view.beamTexts().size() <= 2);
}

void TestInspect::decoderComparisonWithLanguageModel()
{
    // A language model that has only ever seen "ba": with it (and a strong weight) the
    // beam reads what ctcDecodeBeam with that model reads, the list shows its scores;
    // unchecking the box goes back to the plain beam.
    model::Model withLm(m_model->crnn, m_model->charset);
    ctc::CharNgramLm::Builder b(m_model->charset.size(), {3, 0});
    for (int i = 0; i < 5; ++i)
        b.addLine(m_model->charset.encode("ba"));
    withLm.languageModel = std::make_shared<model::LanguageModel>(
        model::LanguageModel{b.finish(), m_model->charset, "{}"});
    const auto lmModel = std::make_shared<const model::Model>(std::move(withLm));

    DecoderComparison view;
    view.setModel(lmModel);
    ctc::BeamOptions o;
    o.lmWeight = 4.f;
    o.lmBonus = 0.5f;
    view.setBeamOptions(o);
    view.setRecognition(m_rec);
    QTRY_VERIFY(view.isReady());
    QVERIFY(view.usedLanguageModel());
    QVERIFY(view.findChild<QCheckBox*>(QStringLiteral("useLanguageModel"))->isEnabled());
    o.lm = &lmModel->languageModel->lm;
    const auto fused = ctc::ctcDecodeBeam(m_rec->logProbs, o);
    QCOMPARE(view.beamTexts().first(),
             QString::fromStdString(m_model->charset.decode(fused.best().labels)));
    QCOMPARE(view.beamTexts().first(), QStringLiteral("ba"));
    const auto scores = view.beamLogProbs();
    QVERIFY(std::is_sorted(scores.begin(), scores.end(), std::greater<float>()));
    QVERIFY(
        std::abs(scores.front() - (fused.best().logProb + 4.f * fused.best().lmLogProb + 0.5f * 2))
        < 1e-3f);

    view.setLanguageModelEnabled(false);
    QTRY_VERIFY(view.isReady());
    QVERIFY(!view.usedLanguageModel());
    QCOMPARE(view.beamTexts().first(), QStringLiteral("ab"));
    // A model without one: the box is disabled and the beam is plain.
    view.setLanguageModelEnabled(true);
    view.setModel(m_model);
    QTRY_VERIFY(view.isReady());
    QVERIFY(!view.usedLanguageModel());
    QVERIFY(!view.findChild<QCheckBox*>(QStringLiteral("useLanguageModel"))->isEnabled());
}

void TestInspect::saliencyViewFromMaps()
{
    SaliencyView view;
    view.setModel(m_model);
    view.setRecognition(m_rec, m_line);
    view.setColumnZoom(kZoom);
    view.resize(view.sizeHint());
    view.setStatus(QStringLiteral("waiting"));
    QCOMPARE(view.status(), QStringLiteral("waiting"));
    QVERIFY(view.columnProfile().empty());

    auto grad = std::make_shared<model::SaliencyMap>();
    grad->method = model::SaliencyMethod::Gradient;
    grad->width = kW;
    grad->height = kH;
    grad->values.assign(std::size_t(kW) * kH, 0.f);
    grad->values[3 * kW + 9] = 2.f;
    grad->values[4 * kW + 9] = -1.f;
    grad->frame = 2;
    view.setSaliency(grad, 0);
    const auto prof = view.columnProfile();
    QCOMPARE(int(prof.size()), kW);
    QCOMPARE(prof[9], 3.f);
    QCOMPARE(prof[8], 0.f);
    QCOMPARE(view.scaleMax(), 2.f);
    const QImage img = view.renderImage();
    const QRectF h = view.heatRect();
    const double rowH = h.height() / kH;
    const QRgb hot = img.pixel(px(view.columnAxis().x(9.5), h.top() + 3.5 * rowH));
    const QRgb cold = img.pixel(px(view.columnAxis().x(2.5), h.top() + 3.5 * rowH));
    QVERIFY2(qRed(hot) > 200 && qBlue(cold) > 200 && qBlue(hot) < qBlue(cold),
             qPrintable(rgb(hot) + QLatin1Char(' ') + rgb(cold)));
    // the profile's bar at column 9 reaches the top; column 2 has none
    const QRectF p = view.profileRect();
    QVERIFY(img.pixel(px(view.columnAxis().x(9.5), p.top() + 3))
            != img.pixel(px(view.columnAxis().x(2.5), p.top() + 3)));

    auto occ = std::make_shared<model::SaliencyMap>();
    occ->method = model::SaliencyMethod::Occlusion;
    occ->width = kW;
    occ->height = kH;
    occ->band = 4;
    occ->values.assign(std::size_t(kW) * kH, 0.f);
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            occ->values[std::size_t(y) * kW + x] = x / 4 == 2 ? 1.5f : x / 4 == 5 ? -0.5f : 0.f;
    view.setSaliency(occ, 0);
    QCOMPARE(view.columnProfile()[8], 1.5f);
    QCOMPARE(view.columnProfile()[21], -0.5f);
    QCOMPARE(view.scaleMax(), 1.5f);
    view.renderImage();

    view.setRecognition(m_rec, m_line);  // a new line drops the old map
    QVERIFY(!view.saliency());
}

void TestInspect::inspectorComputesSaliencyOnWorker()
{
    InspectorWidget w;
    w.setModel(m_model);
    w.setRecognition(m_rec, m_line);
    w.resize(900, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy selected(&w, &InspectorWidget::characterSelected);

    // not on the saliency page: nothing is computed yet
    w.selection()->setSelectedCharacter(1);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(w.rnnActivationView()->correlationLabel(), 2);  // "b"
    QVERIFY(!w.saliencyRunner()->isRunning());
    QVERIFY(!w.saliencyView()->saliency());

    w.setCurrentPage(InspectorWidget::SaliencyPage);
    QTRY_VERIFY(w.saliencyView()->saliency() != nullptr);
    auto map = w.saliencyView()->saliency();
    QCOMPARE(map->method, model::SaliencyMethod::Gradient);
    QCOMPARE(map->width, kW);
    QCOMPARE(map->height, kH);
    QCOMPARE(w.saliencyView()->saliencyCharacter(), 1);
    QVERIFY(map->frame == 5 || map->frame == 6);
    // the same computation, directly: the view shows the engine's numbers
    const auto pixels = pixelsFromLineImage(m_line);
    const auto direct = model::saliencyGradient(m_model->crnn, pixels.data(), kW, kH, {2, 5, 6});
    QCOMPARE(direct.values.size(), map->values.size());
    float maxAbs = 0, maxDiff = 0;
    for (std::size_t i = 0; i < direct.values.size(); ++i) {
        maxAbs = std::max(maxAbs, std::abs(direct.values[i]));
        maxDiff = std::max(maxDiff, std::abs(direct.values[i] - map->values[i]));
    }
    QVERIFY(maxAbs > 0);
    QVERIFY(maxDiff <= 1e-5f * maxAbs);

    auto* method = w.findChild<QComboBox*>(QStringLiteral("saliencyMethod"));
    QVERIFY(method);
    method->setCurrentIndex(1);
    QTRY_VERIFY(w.saliencyView()->saliency()
                && w.saliencyView()->saliency()->method == model::SaliencyMethod::Occlusion);
    QCOMPARE(w.saliencyView()->saliency()->band, 4);

    // a new recognition clears the selection and the map
    w.setRecognition(m_rec, m_line);
    QCOMPARE(w.selection()->selectedCharacter(), -1);
    QVERIFY(!w.saliencyView()->saliency());
}

void TestInspect::inspectorLinksViews()
{
    InspectorWidget w;
    w.setModel(m_model);
    w.setRecognition(m_rec, m_line);
    w.setColumnZoom(kZoom);
    w.resize(900, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy columns(&w, &InspectorWidget::columnHovered);
    QSignalSpy chars(&w, &InspectorWidget::characterHovered);

    CtcView* ctc = w.ctcView();
    QTRY_VERIFY(ctc->isVisible() && ctc->width() > 0);
    const ColumnAxis axis = ctc->columnAxis();
    QCOMPARE(axis.scale, double(kZoom));
    QTest::mouseMove(ctc, px(axis.x(9.5), ctc->charRowHeight() + 4));
    QTRY_VERIFY(!columns.isEmpty());
    QCOMPARE(columns.last().at(0).toInt(), 9);
    QCOMPARE(chars.last().at(0).toInt(), 0);
    auto* status = w.findChild<QLabel*>(QStringLiteral("inspectStatus"));
    QVERIFY(status);
    QVERIFY2(status->text().startsWith(QStringLiteral("column 9 · frame 2: a 90%")),
             qPrintable(status->text()));

    // every view observes the same selection
    for (InspectView* v : std::initializer_list<InspectView*>{
             w.featureMapView(), w.rnnActivationView(), w.saliencyView(), w.filterView(),
             w.decoderComparison()})
        QCOMPARE(v->selectionModel(), w.selection());

    // selecting a filter of block 1 switches the feature maps to block 1
    QSignalSpy channelSpy(&w, &InspectorWidget::channelSelected);
    w.setCurrentPage(InspectorWidget::FiltersPage);
    FilterView* f = w.filterView();
    QTRY_VERIFY(f->isVisible());
    QTest::mouseClick(f, Qt::LeftButton, {}, f->kernelRect(1, 2).center());
    QCOMPARE(channelSpy.count(), 1);
    QCOMPARE(w.featureMapView()->layer(), 1);
    QCOMPARE(w.findChild<QComboBox*>(QStringLiteral("featureLayer"))->currentIndex(), 1);
}

void TestInspect::emptyAndProbeless()
{
    auto bare = std::make_shared<model::Recognition>(*m_rec);
    bare->probe.reset();
    InspectSelection selection;
    selection.setSelectedCharacter(0);
    selection.setColumn(3);
    CtcView ctc;
    FeatureMapView maps;
    RnnActivationView rnn;
    SaliencyView sal;
    for (ColumnView* v : std::initializer_list<ColumnView*>{&ctc, &maps, &rnn, &sal}) {
        v->setSelectionModel(&selection);
        v->resize(500, 300);
        QVERIFY(!v->renderImage().isNull());  // nothing yet
        v->setRecognition(bare, m_line);
        v->resize(500, v->heightForWidth(500));
        QVERIFY(!v->renderImage().isNull());
        v->setRecognition(nullptr, QImage());
        QVERIFY(!v->renderImage().isNull());
    }
    QCOMPARE(maps.layerCount(), 0);
    QCOMPARE(rnn.sectionCount(), 0);
    FilterView filters;
    filters.resize(300, 200);
    QVERIFY(!filters.renderImage().isNull());
    InspectorWidget w;
    w.setRecognition(bare, m_line);  // no model
    w.resize(700, 500);
    QVERIFY(!w.grab().isNull());
}

void TestInspect::exportPng()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CtcView view;
    view.setModel(m_model);
    view.setRecognition(m_rec, m_line);
    view.resize(500, view.heightForWidth(500));
    const QString path = dir.filePath(view.exportName() + QStringLiteral(".png"));
    QVERIFY(view.exportPng(path));
    const QImage back(path);
    QCOMPARE(back.size(), view.size());
    FilterView filters;
    filters.setModel(m_model);
    filters.resize(400, filters.heightForWidth(400));
    QVERIFY(filters.exportPng(dir.filePath(QStringLiteral("filters.png"))));
    QCOMPARE(QImage(dir.filePath(QStringLiteral("filters.png"))).size(), filters.size());
}

void TestInspect::translationsHaveTheInspectStrings_data()
{
    QTest::addColumn<QString>("path");
    for (const char* lang : {"de", "fr", "es"})
        QTest::newRow(lang)
            << QStringLiteral(INKLENS_TRANSLATIONS_DIR "/inklens_%1.ts").arg(QLatin1String(lang));
}

// The views' strings live in translations/*.ts beside the main window's. A lupdate run
// that scans only inklens_ui's sources with -no-obsolete drops them: this catches it.
void TestInspect::translationsHaveTheInspectStrings()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString context, source;
    QSet<QString> contexts, sources;
    int messages = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")
                   && context.startsWith(QLatin1String("inklens::ui::inspect::"))) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString translation = xml.readElementText();
            QVERIFY2(type.isEmpty() && !translation.isEmpty(),
                     qPrintable(context + QStringLiteral(": ") + source));
            contexts << context;
            sources << source;
            ++messages;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    for (const char* c :
         {"ColumnView", "CtcView", "DecoderComparison", "FeatureMapView", "FilterView",
          "InspectView", "InspectorWidget", "RnnActivationView", "SaliencyView"})
        QVERIFY2(contexts.contains(QStringLiteral("inklens::ui::inspect::") + QLatin1String(c)),
                 qPrintable(QStringLiteral(
                                "%1 lacks the context %2 (run lupdate over ui/, see ui/inspect)")
                                .arg(path, QLatin1String(c))));
    for (const char* s :
         {"Alignment", "Decoders", "Feature maps", "Saliency", "Filters", "Export PNG…"})
        QVERIFY2(sources.contains(QString::fromUtf8(s)), s);
    QVERIFY(messages >= 100);
}

QTEST_MAIN(TestInspect)
#include "test_inspect.moc"
