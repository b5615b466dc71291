// inklens_ui_bench: how long after the pen lifts the text appears, through the real
// window: mouse events on the InkCanvas -> pen-up -> RecognitionService on its thread (no
// quiet time: every pen-up asks, every pen-down cancels) -> text panel. The ink is the pen
// trajectory of rendered Hershey text (a word, and a line of five words), replayed as mouse
// events; each run starts on a cleared canvas.
//
//   inklens_ui_bench [--model FILE] [--runs N] [--pause MS] [--json]
//
// --pause: the GUI's event loop runs for MS milliseconds between strokes (a writer's pause:
// the reads started at the earlier pen-ups run and are cancelled by the next pen-down);
// 0 (default) sends the strokes back to back.
//
// Prints, per text, the medians (and min / max) in milliseconds of:
//   shown     last pen up -> text shown
//   request   request -> text shown (the service's total: wait, normalize, network, decode)
//   wait      request -> the worker takes it (the queue, a cancelled pass still stopping)
//   network / normalize / decode   the stages, as the service measured them
// Runs offscreen unless QT_QPA_PLATFORM says otherwise. Not part of the test run.
#include "app_info.h"
#include "ink_canvas.h"
#include "language.h"
#include "main_window.h"
#include "mouse_events.h"

#include "service/model_locator.h"
#include "service/recognition_service.h"
#include "training/hershey.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace inklens;

namespace {

struct Sample
{
    double shownMs, requestMs, waitMs, normalizeMs, networkMs, decodeMs;
    int columns;
    QString text;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Processes events until `done` or the timeout; false on timeout.
template<class F>
bool waitFor(F done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(200);
    }
    return true;
}

using bench::sendMouse;

// The text written in Hershey "cursive" at the canvas' x-height, from its left margin.
imaging::Ink writtenInk(const training::HersheyFont& font, const QString& text,
                        const ui::InkCanvas& canvas)
{
    training::HersheyStyle style;
    nn::Rng rng(11);
    imaging::Ink ink = training::hersheyInk(font, text.toStdString(), style, rng,
                                            float(canvas.xHeight()));
    const auto box = ink.bounds();
    for (auto& s : ink.strokes)
        for (auto& p : s.points)
            p.x += 30.f - box.x, p.y += float(canvas.baselineY());
    return ink;
}

// Draws the ink with mouse events, the event loop running pauseMs between strokes; returns
// the time of the last pen-up (ns since clock).
qint64 draw(ui::InkCanvas* canvas, const imaging::Ink& ink, const QElapsedTimer& clock, int pauseMs)
{
    qint64 penUp = 0;
    for (const auto& stroke : ink.strokes) {
        if (stroke.points.empty())
            continue;
        if (penUp != 0 && pauseMs > 0)
            waitFor([&] { return clock.nsecsElapsed() - penUp >= qint64(pauseMs) * 1000000; },
                    pauseMs + 1000);
        auto at = [](const imaging::InkPoint& p) { return QPoint(qRound(p.x), qRound(p.y)); };
        sendMouse(canvas, QEvent::MouseButtonPress, at(stroke.points.front()));
        for (std::size_t i = 1; i < stroke.points.size(); ++i)
            sendMouse(canvas, QEvent::MouseMove, at(stroke.points[i]));
        sendMouse(canvas, QEvent::MouseButtonRelease, at(stroke.points.back()));
        penUp = clock.nsecsElapsed();
    }
    return penUp;
}

}  // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ui::setApplicationInfo();
    QCoreApplication::setApplicationName(QStringLiteral("InkLens UI bench"));  // own settings

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Pen-up to text-shown latency of the InkLens window."));
    parser.addHelpOption();
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QStringLiteral("Model file (default: the bundled one)."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Runs per text (default 15)."),
                                        QStringLiteral("N"), QStringLiteral("15"));
    const QCommandLineOption pauseOption(
        QStringLiteral("pause"),
        QStringLiteral("Milliseconds between strokes, the event loop running (default 0)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("One JSON object per text."));
    parser.addOptions({modelOption, runsOption, pauseOption, jsonOption});
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int pauseMs = std::max(0, parser.value(pauseOption).toInt());

    QString modelPath = parser.value(modelOption);
    if (modelPath.isEmpty()) {
        QString searched;
        modelPath = service::defaultModelPath(&searched);
        if (modelPath.isEmpty()) {
            std::fprintf(stderr, "inklens_ui_bench: %s\n",
                         qPrintable(service::noModelMessage(searched)));
            return 1;
        }
    }
    const std::string fontPath = "/usr/share/hershey-fonts/cursive.jhf";
    if (!QFileInfo::exists(QString::fromStdString(fontPath))) {
        std::fprintf(stderr, "inklens_ui_bench: %s not found (Debian: hershey-fonts-data)\n",
                     fontPath.c_str());
        return 1;
    }
    const training::HersheyFont font = training::HersheyFont::load(fontPath);

    ui::Translator translator;
    service::RecognitionService recognition;
    recognition.loadModel(modelPath);
    if (!waitFor(
            [&] {
        return recognition.modelState() != service::RecognitionService::ModelState::Loading;
            },
            60000)
        || recognition.modelState() != service::RecognitionService::ModelState::Ready) {
        std::fprintf(stderr, "inklens_ui_bench: %s\n", qPrintable(recognition.modelMessage()));
        return 1;
    }
    ui::MainWindow window(translator, recognition);
    window.resize(1500, 720);
    window.show();
    waitFor([&] { return window.isVisible(); }, 5000);
    QCoreApplication::processEvents();
    ui::InkCanvas* canvas = window.canvas();

    QElapsedTimer clock;
    clock.start();
    qint64 shownAt = 0;
    QObject::connect(&window, &ui::MainWindow::recognitionChanged, &window,
                     [&](std::shared_ptr<const model::Recognition> rec) {
        if (rec)
            shownAt = clock.nsecsElapsed();
    });

    if (!parser.isSet(jsonOption))
        std::printf("model %s, %d runs per text, %d ms between strokes\n",
                    qPrintable(QFileInfo(modelPath).fileName()), runs, pauseMs);
    // A word, the five-word line of issue #12's targets, and a nine-word line of about 550
    // columns (what the five words took before ink was drawn at the scans' size).
    const QStringList texts = {QStringLiteral("hello"), QStringLiteral("the quick brown fox jumps"),
                               QStringLiteral("the quick brown fox jumps over the lazy dog")};
    for (const QString& text : texts) {
        const imaging::Ink ink = writtenInk(font, text, *canvas);
        std::vector<Sample> samples;
        for (int run = 0; run < runs + 1; ++run) {  // run 0 warms up
            canvas->clear();
            waitFor([&] { return !window.latestRecognition() && !recognition.busy(); }, 10000);
            QThread::msleep(50);
            shownAt = 0;
            const qint64 penUp = draw(canvas, ink, clock, pauseMs);
            shownAt = 0;  // a read of part of the ink, shown during a pause, does not count
            if (!waitFor([&] { return shownAt != 0; }, 60000)) {
                std::fprintf(stderr, "inklens_ui_bench: no text after 60 s\n");
                return 1;
            }
            if (run == 0)
                continue;
            const auto& r = window.latestResult();
            samples.push_back({double(shownAt - penUp) / 1e6, r.times.totalMs, r.times.waitMs,
                               r.times.normalizeMs, r.times.networkMs, r.times.decodeMs,
                               r.recognition->inputWidth,
                               QString::fromStdString(r.recognition->text)});
        }
        auto column = [&](double Sample::*field) {
            std::vector<double> v;
            for (const Sample& s : samples)
                v.push_back(s.*field);
            return v;
        };
        auto stats = [&](double Sample::*field) {
            const std::vector<double> v = column(field);
            return QJsonObject{{QStringLiteral("median"), median(v)},
                               {QStringLiteral("min"), *std::min_element(v.begin(), v.end())},
                               {QStringLiteral("max"), *std::max_element(v.begin(), v.end())}};
        };
        const QJsonObject out{
            {QStringLiteral("text"), text},
            {QStringLiteral("words"), int(text.split(QLatin1Char(' ')).size())},
            {QStringLiteral("strokes"), int(ink.strokes.size())},
            {QStringLiteral("columns"), samples.front().columns},
            {QStringLiteral("read_as"), samples.front().text},
            {QStringLiteral("runs"), runs},
            {QStringLiteral("pause_ms"), pauseMs},
            {QStringLiteral("shown_ms"), stats(&Sample::shownMs)},
            {QStringLiteral("request_ms"), stats(&Sample::requestMs)},
            {QStringLiteral("wait_ms"), stats(&Sample::waitMs)},
            {QStringLiteral("normalize_ms"), stats(&Sample::normalizeMs)},
            {QStringLiteral("network_ms"), stats(&Sample::networkMs)},
            {QStringLiteral("decode_ms"), stats(&Sample::decodeMs)},
        };
        if (parser.isSet(jsonOption)) {
            std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("\n\"%s\" (%d strokes, %d columns; read as \"%s\")\n", qPrintable(text),
                        int(ink.strokes.size()), samples.front().columns,
                        qPrintable(samples.front().text));
            for (const char* key :
                 {"shown_ms", "request_ms", "wait_ms", "normalize_ms", "network_ms", "decode_ms"}) {
                const QJsonObject s = out.value(QLatin1String(key)).toObject();
                std::printf("  %-13s median %8.1f   min %8.1f   max %8.1f\n", key,
                            s.value("median").toDouble(), s.value("min").toDouble(),
                            s.value("max").toDouble());
            }
        }
        std::fflush(stdout);
    }
    return 0;
}
