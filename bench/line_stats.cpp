// How large handwriting is in the lines the network reads (issue #13, calibrating ink to
// scans): for each line, normalized as the reader normalizes it, the x-height band and the
// stroke width (imaging::measureLine); prints their distributions.
//   inklens_line_stats --data DIR [--data DIR ...] [--writers train|heldout|all] [--limit N]
//   inklens_line_stats --inkml DIR [--limit N]      (InkML files, rendered as the canvas's ink)
// Pictures are normalized with the bundled model's input height; ink goes through
// reading::Reader::normalize, the canvas's path.
#include "imaging/line_metrics.h"
#include "reading/reader.h"
#include "service/documents.h"
#include "service/line_loader.h"
#include "service/model_loading.h"
#include "training/dataset.h"

#include <QCoreApplication>
#include <QDir>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace inklens;

namespace {
void printDistribution(const char* name, std::vector<float> v)
{
    if (v.empty())
        return;
    std::sort(v.begin(), v.end());
    auto q = [&](double f) { return v[std::min(v.size() - 1, std::size_t(f * double(v.size())))]; };
    std::printf("%-26s p10 %.3f  p25 %.3f  median %.3f  p75 %.3f  p90 %.3f  (n %zu)\n", name,
                double(q(0.1)), double(q(0.25)), double(q(0.5)), double(q(0.75)), double(q(0.9)),
                v.size());
}
}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::vector<std::string> dirs;
    QString inkDir;
    std::string writers = "train";
    int limit = 0;
    QString dumpDir;  // the first 40 lines as PNGs, the x-height band marked in grey
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--data" && hasValue)
            dirs.push_back(args[++i].toStdString());
        else if (a == "--inkml" && hasValue)
            inkDir = args[++i];
        else if (a == "--writers" && hasValue)
            writers = args[++i].toStdString();
        else if (a == "--limit" && hasValue)
            limit = args[++i].toInt();
        else if (a == "--dump" && hasValue)
            dumpDir = args[++i];
        else {
            std::fprintf(stderr, "usage: inklens_line_stats --data DIR [--data DIR ...] [--writers "
                                 "train|heldout|all] [--limit N] | --inkml DIR [--limit N]\n");
            return 2;
        }
    }
    const service::LoadedModel loaded = service::loadModel({});
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error));
        return 1;
    }
    const reading::Reader reader(loaded.model);
    std::vector<imaging::LineImage> lines;
    if (!inkDir.isEmpty()) {
        QStringList files = QDir(inkDir).entryList({"*.inkml"}, QDir::Files, QDir::Name);
        if (limit > 0 && files.size() > limit)
            files = files.mid(0, limit);
        for (const QString& f : files)
            if (const auto doc = service::openDocument(QDir(inkDir).filePath(f)))
                lines.push_back(reader.normalize(doc->ink));
    } else {
        std::vector<training::GroundTruthLine> chosen;
        const training::DatasetSplit split = training::splitGroundTruth(dirs, 15);
        if (writers == "train" || writers == "all")
            chosen.insert(chosen.end(), split.train.begin(), split.train.end());
        if (writers == "heldout" || writers == "all")
            chosen.insert(chosen.end(), split.val.begin(), split.val.end());
        chosen = training::spreadEvenly(chosen, limit);
        for (auto& s :
             service::loadLineSamples(chosen, loaded.model->charset, reader.lineHeight({})))
            lines.push_back(std::move(s.image));
    }
    std::vector<float> xHeight, centre, stroke, strokePx;
    for (auto& line : lines) {
        if (line.empty())
            continue;
        const imaging::LineMetrics m = imaging::measureLine(line.mat());
        if (m.xBand.empty())
            continue;
        if (!dumpDir.isEmpty() && xHeight.size() < 40) {
            cv::Mat gray;
            line.mat().convertTo(gray, CV_8U, -255.0, 255.0);
            cv::Mat big;
            cv::resize(gray, big, {}, 4, 4, cv::INTER_NEAREST);
            for (float y : {m.xBand.top, m.xBand.bottom})
                big.row(std::clamp(int(std::lround(4 * y)), 0, big.rows - 1)).setTo(160);
            QDir().mkpath(dumpDir);
            service::saveGrayPng(big,
                                 QDir(dumpDir).filePath(QString("%1.png").arg(xHeight.size())));
        }
        xHeight.push_back(m.xHeightFraction());
        centre.push_back(m.centreFraction());
        stroke.push_back(m.strokeInXHeights());
        strokePx.push_back(m.strokeWidth);
    }
    std::printf("%zu lines of height %d\n", xHeight.size(), reader.lineHeight({}));
    printDistribution("x-height / line height", xHeight);
    printDistribution("x-band centre / height", centre);
    printDistribution("stroke width / x-height", stroke);
    printDistribution("stroke width (pixels)", strokePx);
    return 0;
}
