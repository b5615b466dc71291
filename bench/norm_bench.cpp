// Ink normalization time (issue #12: a 550-column line in at most 5 ms): imaging::inkToLine
// as the reader calls it (the model's height, deskew on), and its stages, on Hershey cursive
// lines of 1, 5 and 9 words, written slightly uphill; medians of --runs after a warm-up,
// wall time and (cpu) the CPU time of all threads.
//
//   inklens_norm_bench [--runs N] [--height H]

#include "imaging/ink.h"
#include "imaging/line_image.h"
#include "nn/param.h"
#include "training/hershey.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

using namespace inklens;

namespace {
double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Median wall time, and (when cpu is given) median CPU time of all the process' threads:
// the work, which a loaded machine changes less than the wall time.
double medianMs(int runs, const std::function<void()>& f, double* cpu = nullptr)
{
    f();  // warm-up
    std::vector<double> ms, cpuTimes;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double c0 = cpuMs();
        t.start();
        f();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        cpuTimes.push_back(cpuMs() - c0);
    }
    auto median = [](std::vector<double>& v) {
        std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    if (cpu)
        *cpu = median(cpuTimes);
    return median(ms);
}
}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ink normalization time, medians."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed runs."),
                                        QStringLiteral("N"), QStringLiteral("51"));
    const QCommandLineOption heightOption(QStringLiteral("height"), QStringLiteral("Line height."),
                                          QStringLiteral("H"), QStringLiteral("40"));
    parser.addOptions({runsOption, heightOption});
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());

    const QString fontPath = QStringLiteral("/usr/share/hershey-fonts/cursive.jhf");
    if (!QFileInfo::exists(fontPath)) {
        std::fprintf(stderr, "inklens_norm_bench: %s not found (Debian: hershey-fonts-data)\n",
                     qPrintable(fontPath));
        return 1;
    }
    const training::HersheyFont font = training::HersheyFont::load(fontPath.toStdString());
    imaging::RasterOptions raster;
    raster.height = parser.value(heightOption).toInt();
    raster.deskew = true;
    std::printf("%-44s %7s %9s %9s %9s %9s %9s\n", "text", "columns", "inkToLine", "(cpu)",
                "xHeight", "raster", "skew");
    for (const char* text : {"hello", "the quick brown fox jumps",
                             "the quick brown fox jumps over the lazy dog"}) {
        training::HersheyStyle style;
        nn::Rng rng(11);
        imaging::Ink ink = training::hersheyInk(font, text, style, rng, 20.f);
        // Written slightly uphill, as people do: the skew search has something to find.
        for (auto& s : ink.strokes)
            for (auto& p : s.points)
                p.y -= 0.03f * p.x;
        const imaging::LineImage line = imaging::inkToLine(ink, raster);
        imaging::RasterOptions plain = raster;
        plain.deskew = false;
        const cv::Mat image = imaging::rasterizeInk(ink, plain);
        double cpu = 0;
        const double total =
            medianMs(runs, [&] { (void)imaging::inkToLine(ink, raster); }, &cpu);
        const double band = medianMs(runs, [&] { (void)imaging::inkXHeight(ink); });
        const double draw = medianMs(runs, [&] { (void)imaging::rasterizeInk(ink, plain); });
        const double skew = medianMs(runs, [&] { (void)imaging::estimateSkew(image); });
        std::printf("%-44s %7d %9.2f %9.2f %9.2f %9.2f %9.2f\n", text, line.width, total, cpu,
                    band, draw, skew);
    }
    return 0;
}
