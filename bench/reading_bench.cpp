// inklens_reading_bench: lines per second for many lines read at once (a page, an
// evaluation set), three ways on T threads:
//   batched   reading::Reader::readBatch: the lines in batched forwards with the engine's
//             threads (nn::setNumThreads(T)), then decoded in parallel;
//   per-line  one line per thread, each Reader::read on a batch of one (what
//             service::evaluate did before the batches);
//   parallel  readBatch with BatchOptions::parallelForwards: T forwards at a time, one per
//             thread, each on its thread alone with the thread's own workspace.
// The lines: N Hershey handwriting lines (a writer each) of exactly W columns at the
// model's height, read with the model's default options (beam search, its language model).
// Medians of --runs timed runs after a warm-up run.

#include "nn/tensor.h"
#include "reading/reader.h"
#include "service/line_loader.h"
#include "service/model_loading.h"
#include "training/dataset.h"
#include "training/hershey.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace inklens;

namespace {

using Clock = std::chrono::steady_clock;

const char* const kWords[] = {
    "the",    "quick",   "brown",   "fox",    "jumps",  "over",    "lazy",    "dog",
    "letter", "written", "morning", "family", "garden", "evening", "weather", "friend",
    "house",  "village", "mother",  "father", "river",  "bridge",  "window",  "paper",
    "ink",    "pen",     "page",    "line",   "read",   "write",   "hand",    "word"};

// A handwriting line of exactly `width` columns at the reader's height: Hershey ink of
// enough words (writer and words from the index), normalized as the canvas' ink is, cut
// to width. Empty when there are no Hershey fonts.
imaging::LineImage hersheyLine(const reading::Reader& reader, const training::HersheyFont& font,
                               int index, int width)
{
    nn::Rng rng(std::uint64_t(1000 + index));
    const training::HersheyStyle style = training::HersheyStyle::random(rng);
    std::string text;
    for (int k = 0;; ++k) {
        if (!text.empty())
            text += ' ';
        text += kWords[rng.below(int(std::size(kWords)))];
        if (k < 4)
            continue;
        imaging::LineImage line = reader.normalize(training::hersheyInk(font, text, style, rng));
        if (line.width < width)
            continue;
        imaging::LineImage cut = line;
        cut.width = width;
        cut.pixels.resize(std::size_t(width) * std::size_t(line.height));
        for (int y = 0; y < line.height; ++y)
            std::copy_n(line.pixels.begin() + std::ptrdiff_t(y) * line.width, width,
                        cut.pixels.begin() + std::ptrdiff_t(y) * width);
        return cut;
    }
}

// Without Hershey fonts: strokes of varying height at a handwriting-like pitch.
imaging::LineImage stripedLine(int height, int index, int width)
{
    imaging::LineImage line;
    line.height = height;
    line.width = width;
    line.pixels.assign(std::size_t(height) * std::size_t(width), 0.f);
    for (int x = 4, i = 0; x < width - 4; x += 7, ++i) {
        const int top = height / 4 + (i * (index + 3)) % (height / 5 + 1);
        for (int y = top; y < height - height / 4; ++y)
            for (int dx = 0; dx < 2; ++dx)
                line.pixels[std::size_t(y) * std::size_t(width) + std::size_t(x + dx + (y / 6))] =
                    1.f;
    }
    return line;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Way
{
    const char* name;
    std::function<std::vector<reading::Reading>(const std::vector<imaging::LineImage>&)> read;
};

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lines per second reading N lines of W columns on T threads: batched forwards "
        "(Reader::readBatch), one line per thread (Reader::read), and forwards in parallel."));
    parser.addHelpOption();
    const QCommandLineOption linesOpt(QStringLiteral("lines"), QStringLiteral("Lines (30)."),
                                      QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption widthOpt(QStringLiteral("width"),
                                      QStringLiteral("Columns of each line (1000)."),
                                      QStringLiteral("W"), QStringLiteral("1000"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"), QStringLiteral("Threads (2)."),
                                        QStringLiteral("T"), QStringLiteral("2"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"),
                                     QStringLiteral("Timed runs per way (5)."), QStringLiteral("R"),
                                     QStringLiteral("5"));
    const QCommandLineOption batchOpt(QStringLiteral("batch"),
                                      QStringLiteral("Lines per forward in the batched way (8)."),
                                      QStringLiteral("B"), QStringLiteral("8"));
    const QCommandLineOption parallelBatchOpt(
        QStringLiteral("parallel-batch"),
        QStringLiteral("Lines per forward when the forwards run in parallel (1)."),
        QStringLiteral("B"), QStringLiteral("1"));
    const QCommandLineOption greedyOpt(
        QStringLiteral("greedy"), QStringLiteral("Greedy decoding instead of the beam search."));
    const QCommandLineOption modelOpt(QStringLiteral("model"),
                                      QStringLiteral("Model file (default: the bundled one)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption wayOpt(QStringLiteral("way"),
                                    QStringLiteral("Only this way: batched, per-line or parallel."),
                                    QStringLiteral("WAY"));
    const QCommandLineOption dataOpt(
        QStringLiteral("data"),
        QStringLiteral("Read the pictures of this ground-truth folder instead (as inklens eval "
                       "selects them: --split, --limit)."),
        QStringLiteral("DIR"));
    const QCommandLineOption splitOpt(QStringLiteral("split"),
                                      QStringLiteral("With --data: only this split."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption limitOpt(QStringLiteral("limit"),
                                      QStringLiteral("With --data: at most N lines, spread "
                                                     "evenly (300)."),
                                      QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("One JSON line."));
    parser.addOptions({linesOpt, widthOpt, threadsOpt, runsOpt, batchOpt, parallelBatchOpt,
                       greedyOpt, modelOpt, wayOpt, dataOpt, splitOpt, limitOpt, jsonOpt});
    parser.process(app);
    const int n = parser.value(linesOpt).toInt();
    const int width = parser.value(widthOpt).toInt();
    const int threads = parser.value(threadsOpt).toInt();
    const int runs = parser.value(runsOpt).toInt();
    reading::BatchOptions batch;
    batch.maxLines = parser.value(batchOpt).toInt();
    if (n < 1 || width < 16 || threads < 1 || runs < 1 || batch.maxLines < 1) {
        std::fprintf(stderr, "inklens_reading_bench: --lines, --width (>= 16), --threads, "
                             "--runs and --batch need positive numbers\n");
        return 2;
    }
    reading::BatchOptions parallelBatch;
    parallelBatch.parallelForwards = true;
    parallelBatch.maxLines = parser.value(parallelBatchOpt).toInt();
    if (parallelBatch.maxLines < 1) {
        std::fprintf(stderr, "inklens_reading_bench: --parallel-batch needs a positive number\n");
        return 2;
    }

    service::ModelRequest request;
    request.path = parser.value(modelOpt);
    const service::LoadedModel loaded = service::loadModel(request);
    if (!loaded.ok()) {
        std::fprintf(stderr, "inklens_reading_bench: %s\n", qPrintable(loaded.error));
        return 1;
    }
    const reading::Reader reader(loaded.model);
    reading::ReadOptions options;
    if (parser.isSet(greedyOpt))
        options.decoder = reading::DecoderKind::Greedy;

    const auto fonts = training::HersheyFont::handwritingFontPaths();
    std::vector<imaging::LineImage> lines;
    QString source;
    if (parser.isSet(dataOpt)) {
        training::EvaluationSelection selection;
        if (parser.isSet(splitOpt))
            selection.split = parser.value(splitOpt).toStdString();
        const auto files = training::spreadEvenly(
            training::selectEvaluationLines(
                training::listGroundTruth(parser.value(dataOpt).toStdString()), selection)
                .lines,
            parser.value(limitOpt).toInt());
        std::vector<cv::Mat> grays;
        for (const auto& f : files) {
            const QImage image = service::loadGrayImage(QString::fromStdString(f.file));
            if (!image.isNull())
                grays.push_back(service::grayMat(image).clone());
        }
        for (const cv::Mat& g : grays)
            lines.push_back(reader.normalize(g, options));
        source = QStringLiteral("pictures of %1").arg(parser.value(dataOpt));
    } else if (!fonts.empty()) {
        const training::HersheyFont font = training::HersheyFont::load(fonts.front());
        for (int i = 0; i < n; ++i)
            lines.push_back(hersheyLine(reader, font, i, width));
        source = QStringLiteral("Hershey lines");
    } else {
        for (int i = 0; i < n; ++i)
            lines.push_back(stripedLine(reader.lineHeight(options), i, width));
        source = QStringLiteral("striped lines: no Hershey fonts");
    }
    long long columns = 0;
    for (const auto& l : lines)
        columns += l.width;
    const int count = int(lines.size());
    if (!count) {
        std::fprintf(stderr, "inklens_reading_bench: no line to read\n");
        return 1;
    }

    nn::setNumThreads(threads);
    const std::vector<Way> ways =
        {
            {"batched",
             [&](const std::vector<imaging::LineImage>& in) {
        return reader.readBatch(in, options, nullptr, batch);
             }},
            {"per-line",
             [&](const std::vector<imaging::LineImage>& in) {
        std::vector<reading::Reading> out(in.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (int i = 0; i < int(in.size()); ++i)
            out[std::size_t(i)] = reader.read(in[std::size_t(i)], options);
        return out;
             }},
                           {"parallel",
                            [&](const std::vector<imaging::LineImage>& in) {
        return reader.readBatch(in, options, nullptr, parallelBatch);
                            }},
        };

    QJsonObject json{{QStringLiteral("lines"), count},
                     {QStringLiteral("width"), double(columns) / double(count)},
                     {QStringLiteral("source"), source},
                     {QStringLiteral("threads"), threads},
                     {QStringLiteral("runs"), runs},
                     {QStringLiteral("batch"), batch.maxLines},
                     {QStringLiteral("parallel_batch"), parallelBatch.maxLines},
                     {QStringLiteral("decoder"), parser.isSet(greedyOpt) ? "greedy" : "beam"},
                     {QStringLiteral("model"), loaded.path}};
    if (!parser.isSet(jsonOpt))
        std::printf("%d lines of %.0f columns (mean), %d threads, batches of up to %d lines (%d "
                    "in parallel), %s decoder, medians of %d runs (%s)\n",
                    count, double(columns) / double(count), threads, batch.maxLines,
                    parallelBatch.maxLines, parser.isSet(greedyOpt) ? "greedy" : "beam", runs,
                    qUtf8Printable(source));
    std::vector<std::string> firstTexts;
    for (const Way& way : ways) {
        if (parser.isSet(wayOpt) && parser.value(wayOpt) != QLatin1String(way.name))
            continue;
        const std::vector<reading::Reading> warm = way.read(lines);  // warm-up, and the check
        std::vector<std::string> texts;
        for (const auto& r : warm)
            texts.push_back(r.recognition->text);
        if (firstTexts.empty())
            firstTexts = texts;
        const bool same = texts == firstTexts;
        std::vector<double> seconds;
        for (int r = 0; r < runs; ++r) {
            const auto t0 = Clock::now();
            way.read(lines);
            seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
        }
        const double s = median(seconds);
        json.insert(QString::fromLatin1(way.name),
                    QJsonObject{{QStringLiteral("lines_per_s"), double(count) / s},
                                {QStringLiteral("ms_per_line"), 1000.0 * s / double(count)},
                                {QStringLiteral("same_text"), same}});
        if (!parser.isSet(jsonOpt))
            std::printf("%-9s %7.1f lines/s  (%.1f ms a line)%s\n", way.name, double(count) / s,
                        1000.0 * s / double(count), same ? "" : "  DIFFERENT TEXT");
    }
    if (parser.isSet(jsonOpt))
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
