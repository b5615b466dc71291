// Inspection views (ui/inspect): how long a view takes to show a new result. Recognizes
// one line (probe on) with a model of the bundled architecture ("line40": input height
// 40, convs 32, 64, 128, 128, 256 with pools (2,2) (2,2) (1,1) (2,1) (2,1), batch norm,
// BiLSTM 128 x 2, the default Latin charset), then times, per view, setRecognition + a
// full offscreen render (resize to the view's height for the width, QWidget::grab) and
// reports medians. Also times what the inspector shows on screen (the visible page) and
// the saliency computations on their worker.
//
//   inklens_inspect_bench [--width 1000] [--iters 15] [--view-width 1200] [--model FILE]
//                         [--font FILE] [--text TEXT] [--json]
//   inklens_inspect_bench --screenshots DIR [--model FILE] [--text TEXT] [--font FILE]
//       saves every view, rendered from a real recognition, as DIR/*.png (docs/inspect).
//
// Without --model the weights are random (seeded): the timings do not depend on them.
// The line is handwriting-font text (third_party/fonts) when a font is found, else
// Qt's default font, normalized like a scan (reading::Reader::normalize) and cut to --width;
// the reader reads it.

#include "ctc_view.h"
#include "decoder_comparison.h"
#include "feature_map_view.h"
#include "filter_view.h"
#include "inspect_selection.h"
#include "inspector_widget.h"
#include "rnn_activation_view.h"
#include "saliency_view.h"

#include "imaging/line_image.h"
#include "model/recognizer.h"
#include "model/saliency.h"
#include "reading/reader.h"
#include "service/font_renderer.h"
#include "service/line_loader.h"
#include "service/model_locator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFont>
#include <QPainter>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

using namespace inklens;
using namespace inklens::ui::inspect;

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty()      ? 0
           : v.size() % 2 ? v[v.size() / 2]
                          : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

model::CrnnSpec line40Spec(int classes)
{
    model::CrnnSpec s = model::CrnnSpec::crnnRef();
    s.inputHeight = 40;
    s.activation = nn::Activation::LeakyReLU;
    for (auto& c : s.convs)
        c.batchNorm = true;
    s.numClasses = classes;
    return s;
}

std::shared_ptr<const model::Model> makeModel(const QString& path)
{
    if (!path.isEmpty())
        return std::make_shared<const model::Model>(model::loadModel(path.toStdString()));
    const model::Charset charset = model::Charset::defaultLatin();
    model::Crnn net(line40Spec(charset.size()));
    net.initialize(42);
    return std::make_shared<const model::Model>(std::move(net), charset);
}

// Dark text on light paper, one line.
QImage renderText(const QString& text, const QString& fontPath)
{
    QString file = fontPath;
    if (file.isEmpty()) {
        const QStringList fonts = service::findFontFiles(service::defaultFontDirs(
            QCoreApplication::applicationDirPath(), {QStringLiteral(INKLENS_SOURCE_DIR)}));
        for (const QString& f : fonts)
            if (f.contains(QLatin1String("caveat-400")) || f.contains(QLatin1String("kalam-400")))
                file = f;
        if (file.isEmpty() && !fonts.isEmpty())
            file = fonts.first();
    }
    if (!file.isEmpty()) {
        if (auto font = service::HandwritingFont::load(file)) {
            nn::Rng rng(7);
            service::FontRenderOptions o;
            o.height = 120;
            o.paperNoise = false;
            o.rotationDeg = 0.4f;
            const QImage img = font->render(text, rng, o);
            if (!img.isNull()) {
                std::fprintf(stderr, "line: %s in %s\n", qPrintable(text),
                             qPrintable(QFileInfo(file).fileName()));
                return img;
            }
        }
    }
    QFont f;
    f.setPixelSize(40);
    f.setItalic(true);
    const int w = QFontMetrics(f).horizontalAdvance(text) + 40;
    QImage img(w, 80, QImage::Format_Grayscale8);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setFont(f);
    p.setPen(Qt::black);
    p.drawText(QRect(20, 0, w - 40, 80), Qt::AlignVCenter | Qt::AlignLeft, text);
    std::fprintf(stderr, "line: %s in Qt's default font\n", qPrintable(text));
    return img;
}

// The normalized line (ink = 1), `width` columns (0: as long as the text makes it).
imaging::LineImage makeLine(const reading::Reader& reader, QString text, const QString& fontPath,
                            int width)
{
    const int height = reader.model().crnn.spec().inputHeight;
    for (;;) {
        const QImage gray = renderText(text, fontPath).convertToFormat(QImage::Format_Grayscale8);
        reading::ReadOptions o;
        o.deskew = false;  // the rendering is level
        imaging::LineImage line = reader.normalize(service::grayMat(gray), o);
        if (width <= 0 || line.width >= width) {
            if (width > 0) {  // cut to exactly `width` columns
                imaging::LineImage cut;
                cut.height = height;
                cut.width = width;
                cut.pixels.resize(std::size_t(width) * height);
                for (int y = 0; y < height; ++y)
                    std::copy_n(line.pixels.begin() + std::ptrdiff_t(y) * line.width, width,
                                cut.pixels.begin() + std::ptrdiff_t(y) * width);
                return cut;
            }
            return line;
        }
        text += QStringLiteral(" ") + text;
    }
}

// Waits (processing events) until the decoder comparison shows its result.
void waitDecoded(DecoderComparison& view)
{
    if (view.isReady())
        return;
    QEventLoop loop;
    QObject::connect(&view, &DecoderComparison::decoded, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Timing
{
    QString name;
    double ms = 0;
    QSize size;
};

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times the inspection views; optionally saves screenshots."));
    parser.addHelpOption();
    QCommandLineOption widthOpt(QStringLiteral("width"),
                                QStringLiteral("Line width in pixels (default 1000)."),
                                QStringLiteral("W"), QStringLiteral("1000"));
    QCommandLineOption itersOpt(QStringLiteral("iters"),
                                QStringLiteral("Timed repetitions (default 15)."),
                                QStringLiteral("N"), QStringLiteral("15"));
    QCommandLineOption viewWidthOpt(QStringLiteral("view-width"),
                                    QStringLiteral("Widget width (default 1200)."),
                                    QStringLiteral("W"), QStringLiteral("1200"));
    QCommandLineOption modelOpt(QStringLiteral("model"),
                                QStringLiteral("Model file (default: random weights)."),
                                QStringLiteral("FILE"));
    QCommandLineOption fontOpt(QStringLiteral("font"),
                               QStringLiteral("Handwriting font for the line."),
                               QStringLiteral("FILE"));
    QCommandLineOption textOpt(QStringLiteral("text"), QStringLiteral("Text of the line."),
                               QStringLiteral("TEXT"));
    QCommandLineOption shotsOpt(QStringLiteral("screenshots"),
                                QStringLiteral("Save each view as DIR/*.png."),
                                QStringLiteral("DIR"));
    QCommandLineOption jsonOpt(QStringLiteral("json"),
                               QStringLiteral("Print the medians as JSON."));
    parser.addOptions(
        {widthOpt, itersOpt, viewWidthOpt, modelOpt, fontOpt, textOpt, shotsOpt, jsonOpt});
    parser.process(app);

    const auto model = makeModel(parser.value(modelOpt));
    const bool shots = parser.isSet(shotsOpt);
    const QString text = parser.isSet(textOpt) ? parser.value(textOpt)
                                               : QStringLiteral("La plume court sur le papier");
    const int lineWidth = shots && !parser.isSet(widthOpt) ? 0 : parser.value(widthOpt).toInt();
    const reading::Reader reader(model);
    const imaging::LineImage line = makeLine(reader, text, parser.value(fontOpt), lineWidth);
    const QImage lineImage = service::lineImageToQImage(line);

    reading::ReadOptions ro;
    ro.probe = true;
    const reading::Reading reading = reader.read(line, ro);
    const auto rec = reading.recognition;
    std::fprintf(stderr,
                 "recognized %d x %d px: \"%s\" (%zu chars, network %.1f ms, decode %.1f ms)\n",
                 line.width, line.height, rec->text.c_str(), rec->chars.size(), reading.networkMs,
                 reading.decodeMs);

    const int viewWidth = parser.value(viewWidthOpt).toInt();

    if (shots) {
        const QDir dir(parser.value(shotsOpt));
        QDir().mkpath(dir.path());
        InspectSelection selection;
        const int chosen = rec->chars.empty() ? -1 : int(rec->chars.size()) / 3;
        auto save = [&](InspectView& v, const QString& name, int width) {
            v.resize(width,
                     v.heightForWidth(width) > 0 ? v.heightForWidth(width) : v.sizeHint().height());
            const QString path = dir.filePath(name + QStringLiteral(".png"));
            std::fprintf(stderr, "%s %s (%d x %d)\n", v.exportPng(path) ? "saved" : "FAILED",
                         qPrintable(path), v.width(), v.height());
        };
        selection.setSelectedCharacter(chosen);
        if (chosen >= 0)
            selection.setColumn((rec->chars[std::size_t(chosen)].firstColumn
                                 + rec->chars[std::size_t(chosen)].lastColumn)
                                / 2);
        {
            CtcView v;
            v.setSelectionModel(&selection);
            v.setModel(model);
            v.setRecognition(rec, lineImage);
            v.setMaxRows(20);
            save(v, QStringLiteral("ctc"), viewWidth);
        }
        {
            FeatureMapView v;
            v.setSelectionModel(&selection);
            v.setRecognition(rec, lineImage);
            v.setLayer(1);
            v.setTilesPerRow(4);
            save(v, QStringLiteral("feature_maps"), viewWidth);
            selection.setChannel(0, 5);
            v.setLayer(0);
            v.setTilesPerRow(2);
            save(v, QStringLiteral("feature_maps_channel"), viewWidth);
            selection.setChannel(-1, -1);
        }
        {
            RnnActivationView v;
            v.setSelectionModel(&selection);
            v.setModel(model);
            v.setRecognition(rec, lineImage);
            v.setSortMode(RnnActivationView::SortMode::Variance);
            save(v, QStringLiteral("lstm_variance"), viewWidth);
            if (chosen >= 0) {
                v.setSortMode(RnnActivationView::SortMode::Correlation);
                v.setCorrelationLabel(rec->chars[std::size_t(chosen)].label);
                save(v, QStringLiteral("lstm_correlation"), viewWidth);
            }
        }
        {
            DecoderComparison v;
            v.setModel(model);
            v.setRecognition(rec);
            waitDecoded(v);
            v.resize(900, 340);
            const QString path = dir.filePath(QStringLiteral("decoders.png"));
            std::fprintf(stderr, "%s %s\n", v.exportPng(path) ? "saved" : "FAILED",
                         qPrintable(path));
        }
        if (chosen >= 0) {
            const auto& c = rec->chars[std::size_t(chosen)];
            const model::SaliencyTarget target{c.label, c.firstFrame, c.lastFrame};
            SaliencyView v;
            v.setSelectionModel(&selection);
            v.setModel(model);
            v.setRecognition(rec, lineImage);
            const std::vector<float>& pixels = *rec->input;
            v.setSaliency(std::make_shared<const model::SaliencyMap>(model::saliencyGradient(
                              model->crnn, pixels.data(), line.width, line.height, target)),
                          chosen);
            save(v, QStringLiteral("saliency_gradient"), viewWidth);
            v.setSaliency(std::make_shared<const model::SaliencyMap>(model::saliencyOcclusion(
                              model->crnn, pixels.data(), line.width, line.height, target)),
                          chosen);
            save(v, QStringLiteral("saliency_occlusion"), viewWidth);
        }
        {
            FilterView v;
            v.setSelectionModel(&selection);
            v.setModel(model);
            v.setZoom(6);
            save(v, QStringLiteral("filters"), viewWidth);
            selection.setChannel(2, 7);
            v.setSummary(FilterView::Summary::MeanKernel);
            save(v, QStringLiteral("filters_mean_selected"), viewWidth);
            selection.setChannel(-1, -1);
        }
        {
            InspectorWidget w;
            w.setModel(model);
            w.setRecognition(rec, lineImage);
            w.resize(viewWidth, 720);
            w.show();
            w.selection()->setSelectedCharacter(chosen);
            if (chosen >= 0)
                w.selection()->setColumn(rec->chars[std::size_t(chosen)].firstColumn);
            QCoreApplication::processEvents();
            const QString path = dir.filePath(QStringLiteral("inspector.png"));
            std::fprintf(stderr, "%s %s\n", w.grab().save(path) ? "saved" : "FAILED",
                         qPrintable(path));
        }
        return 0;
    }

    // ---- timings
    const int iters = std::max(1, parser.value(itersOpt).toInt());
    std::vector<Timing> results;
    InspectSelection selection;
    auto timeView = [&](const QString& name, InspectView& view, const std::function<void()>& set) {
        std::vector<double> ms;
        QImage img;
        for (int i = 0; i < iters + 2; ++i) {
            const auto t0 = Clock::now();
            set();
            view.resize(viewWidth, view.heightForWidth(viewWidth));
            img = view.renderImage();
            if (i >= 2)  // warm-up
                ms.push_back(msSince(t0));
        }
        results.push_back({name, median(ms), img.size()});
    };
    {
        CtcView v;
        v.setSelectionModel(&selection);
        v.setModel(model);
        timeView(QStringLiteral("CtcView"), v, [&] { v.setRecognition(rec, lineImage); });
    }
    {
        FeatureMapView v;
        v.setSelectionModel(&selection);
        for (int b = 0; b < int(rec->probe->convMaps.size()); ++b) {
            v.setLayer(b);
            timeView(QStringLiteral("FeatureMapView conv%1, 1 tile/row").arg(b), v,
                     [&] { v.setRecognition(rec, lineImage); });
        }
        v.setLayer(4);
        v.setTilesPerRow(4);
        timeView(QStringLiteral("FeatureMapView conv4, 4 tiles/row"), v,
                 [&] { v.setRecognition(rec, lineImage); });
    }
    {
        RnnActivationView v;
        v.setSelectionModel(&selection);
        v.setModel(model);
        timeView(QStringLiteral("RnnActivationView"), v, [&] { v.setRecognition(rec, lineImage); });
        v.setSortMode(RnnActivationView::SortMode::Variance);
        timeView(QStringLiteral("RnnActivationView by variance"), v,
                 [&] { v.setRecognition(rec, lineImage); });
    }
    {
        DecoderComparison v;
        v.setSelectionModel(&selection);
        v.setModel(model);
        std::vector<double> ms;
        QImage img;
        for (int i = 0; i < iters + 2; ++i) {
            const auto t0 = Clock::now();
            v.setRecognition(rec);
            waitDecoded(v);
            v.resize(viewWidth, 400);
            img = v.renderImage();
            if (i >= 2)
                ms.push_back(msSince(t0));
        }
        results.push_back(
            {QStringLiteral("DecoderComparison (decode on a worker)"), median(ms), img.size()});
    }
    {
        SaliencyView v;
        v.setSelectionModel(&selection);
        v.setModel(model);
        const std::vector<float>& pixels = *rec->input;
        if (!rec->chars.empty()) {
            const auto& c = rec->chars[rec->chars.size() / 2];
            const model::SaliencyTarget target{c.label, c.firstFrame, c.lastFrame};
            auto map = std::make_shared<const model::SaliencyMap>(model::saliencyGradient(
                model->crnn, pixels.data(), line.width, line.height, target));
            timeView(QStringLiteral("SaliencyView (drawing a map)"), v, [&] {
                v.setRecognition(rec, lineImage);
                v.setSaliency(map, int(rec->chars.size() / 2));
            });
            std::vector<double> grad, occl;
            for (int i = 0; i < 3; ++i) {
                auto t0 = Clock::now();
                model::saliencyGradient(model->crnn, pixels.data(), line.width, line.height,
                                        target);
                grad.push_back(msSince(t0));
            }
            auto t0 = Clock::now();
            model::saliencyOcclusion(model->crnn, pixels.data(), line.width, line.height, target);
            occl.push_back(msSince(t0));
            model::OcclusionOptions near;  // what InspectorWidget asks for
            near.firstColumn = c.firstColumn - 96;
            near.endColumn = c.lastColumn + 1 + 96;
            t0 = Clock::now();
            model::saliencyOcclusion(model->crnn, pixels.data(), line.width, line.height, target,
                                     near);
            const double nearMs = msSince(t0);
            results.push_back({QStringLiteral("worker: saliencyGradient"), median(grad), {}});
            results.push_back(
                {QStringLiteral("worker: saliencyOcclusion, all 4-px bands"), median(occl), {}});
            results.push_back(
                {QStringLiteral("worker: saliencyOcclusion, bands within ±96 px"), nearMs, {}});
        } else {
            timeView(QStringLiteral("SaliencyView (no character)"), v,
                     [&] { v.setRecognition(rec, lineImage); });
        }
    }
    {
        FilterView v;
        v.setSelectionModel(&selection);
        timeView(QStringLiteral("FilterView (setModel)"), v, [&] { v.setModel(model); });
    }
    {
        // What the user waits for: the inspector's visible page after a new result.
        InspectorWidget w;
        w.setModel(model);
        w.resize(viewWidth, 800);
        w.show();
        for (int page = 0; page < w.tabs()->count(); ++page) {
            w.setCurrentPage(InspectorWidget::Page(page));
            std::vector<double> ms;
            for (int i = 0; i < iters + 2; ++i) {
                const auto t0 = Clock::now();
                w.setRecognition(rec, lineImage);
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                const QPixmap pm = w.grab();
                if (i >= 2)
                    ms.push_back(msSince(t0));
            }
            results.push_back(
                {QStringLiteral("InspectorWidget, page \"%1\" visible").arg(w.tabs()->tabText(page)),
                 median(ms), w.size()});
        }
    }

    if (parser.isSet(jsonOpt)) {
        std::printf(
            "{\"line_width\": %d, \"frames\": %d, \"iters\": %d, \"view_width\": %d, \"results\": [",
            line.width, int(rec->logProbs.rows()), iters, viewWidth);
        for (std::size_t i = 0; i < results.size(); ++i)
            std::printf("%s{\"name\": \"%s\", \"median_ms\": %.2f, \"width\": %d, \"height\": %d}",
                        i ? ", " : "", qPrintable(results[i].name), results[i].ms,
                        results[i].size.width(), results[i].size.height());
        std::printf("]}\n");
    } else {
        std::printf(
            "line %d x %d px, %d frames, %d chars; view width %d; median of %d (setRecognition + full render)\n",
            line.width, line.height, int(rec->logProbs.rows()), int(rec->chars.size()), viewWidth,
            iters);
        for (const Timing& t : results)
            std::printf(
                "  %-48s %8.2f ms  %s\n", qPrintable(t.name), t.ms,
                t.size.isEmpty()
                    ? ""
                    : qPrintable(
                        QStringLiteral("%1 x %2").arg(t.size.width()).arg(t.size.height())));
    }
    return 0;
}
