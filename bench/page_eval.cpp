// Pages (issue #14): every page picture with an ALTO ground truth beside it (NAME.jpg +
// NAME.xml) analysed (imaging::analyzePage) and read (Reader::readBatch, the bundled model
// and its language model, as the window reads), against the ground truth:
//   - line detection: a ground-truth line is found when a detected outline overlaps it with
//     IoU >= 0.5 (masks rasterized at 1/4, matched one to one, best IoU first);
//     recall = found / ground-truth lines, precision = matched / detected lines;
//   - page CER: the detected lines' text joined by "\n" against the ground-truth lines'
//     (reading order, joined by "\n"; whitespace normalized, markup '^' '>' '<' removed);
//   - page CER on the ground truth ("onGT"): the same, from the detected lines whose outline
//     lies at least half on ground-truth lines only (writing the ground truth leaves out,
//     stamps and print off its lines do not count; split and merged lines still do);
//   - line-crop CER: the ground-truth outlines cropped (imaging::cropLine) and read the same
//     way, joined the same way: what perfect line detection would give;
//   - seconds per page: analysis and reading, separately.
// Pages whose writer the bundled model trained on are told apart from held-out ones (the
// line folders' manifest.tsv: testaments split "val", copiste-dev's first 15 writers by
// SHA-1 as training held them out; docs/model.md).
//
//   inklens_page_eval [--data DIR]... [--threads 2] [--json] [--no-read] [--draw OUTDIR]
//                     [--photos DIR] [--model FILE] [--lines DIR]...
//
// --verbose lists the ground-truth lines not found (and what was found there) and the
// detected lines matching none (with the share of their outline on ground-truth lines).
// --draw writes each page with its ground-truth (green) and detected (red) outlines and
// baselines as OUTDIR/NAME.png; --photos DIR analyses every picture of DIR (no ground truth)
// and draws it too. --ink OUTDIR writes the ink the lines were found in (the analysis
// resolution, deskewed, rules taken out) as OUTDIR/NAME.ink.png.

#include "imaging/page_layout.h"
#include "nn/param.h"
#include "service/alto.h"
#include "service/model_loading.h"
#include "service/line_loader.h"
#include "training/dataset.h"
#include "training/metrics.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

using namespace inklens;

namespace {

QImage loadPicture(const QString& path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);  // EXIF orientation
    return reader.read().convertToFormat(QImage::Format_Grayscale8);
}

// IoU of every detected line with every ground-truth line, on masks at `factor`.
std::vector<std::vector<double>> iouMatrix(const std::vector<imaging::PageLine>& truth,
                                           const std::vector<imaging::PageLine>& found,
                                           cv::Size size, double factor)
{
    const cv::Size small(std::max(1, cvRound(size.width * factor)),
                         std::max(1, cvRound(size.height * factor)));
    const auto mask = [&](const imaging::PageLine& line) {
        std::vector<cv::Point> outline;
        for (const cv::Point2f& p : line.polygon)
            outline.emplace_back(cvRound(p.x * factor), cvRound(p.y * factor));
        cv::Mat m = cv::Mat::zeros(small, CV_8U);
        if (outline.size() >= 3)
            cv::fillPoly(m, std::vector<std::vector<cv::Point>>{outline}, 1);
        return m;
    };
    std::vector<cv::Mat> t, f;
    for (const auto& l : truth)
        t.push_back(mask(l));
    for (const auto& l : found)
        f.push_back(mask(l));
    std::vector<std::vector<double>> iou(truth.size(), std::vector<double>(found.size(), 0.0));
    cv::Mat both;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const double ai = cv::countNonZero(t[i]);
        for (std::size_t j = 0; j < f.size(); ++j) {
            cv::bitwise_and(t[i], f[j], both);
            const double inter = cv::countNonZero(both);
            if (inter > 0)
                iou[i][j] = inter / (ai + cv::countNonZero(f[j]) - inter);
        }
    }
    return iou;
}

// For each detected line, the share of its outline's area that lies on ground-truth lines
// (masks at `factor`): about 1 for a piece of a transcribed line (split, merged, cut
// short), about 0 for writing or a picture the ground truth leaves out.
std::vector<double> truthCover(const std::vector<imaging::PageLine>& truth,
                               const std::vector<imaging::PageLine>& found, cv::Size size,
                               double factor)
{
    const cv::Size small(std::max(1, cvRound(size.width * factor)),
                         std::max(1, cvRound(size.height * factor)));
    const auto fill = [&](cv::Mat& m, const imaging::PageLine& line) {
        std::vector<cv::Point> outline;
        for (const cv::Point2f& p : line.polygon)
            outline.emplace_back(cvRound(p.x * factor), cvRound(p.y * factor));
        if (outline.size() >= 3)
            cv::fillPoly(m, std::vector<std::vector<cv::Point>>{outline}, 1);
    };
    cv::Mat onTruth = cv::Mat::zeros(small, CV_8U);
    for (const auto& l : truth)
        fill(onTruth, l);
    std::vector<double> cover;
    cv::Mat both;
    for (const auto& l : found) {
        cv::Mat m = cv::Mat::zeros(small, CV_8U);
        fill(m, l);
        cv::bitwise_and(m, onTruth, both);
        cover.push_back(cv::countNonZero(both) / std::max(1.0, double(cv::countNonZero(m))));
    }
    return cover;
}

// One-to-one matches with IoU >= 0.5, best first; the number matched.
int matchLines(const std::vector<std::vector<double>>& iou)
{
    struct Pair
    {
        double iou;
        std::size_t t, f;
    };
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < iou.size(); ++i)
        for (std::size_t j = 0; j < iou[i].size(); ++j)
            if (iou[i][j] >= 0.5)
                pairs.push_back({iou[i][j], i, j});
    std::sort(pairs.begin(), pairs.end(),
              [](const Pair& a, const Pair& b) { return a.iou > b.iou; });
    std::set<std::size_t> usedT, usedF;
    int matched = 0;
    for (const Pair& p : pairs)
        if (!usedT.count(p.t) && !usedF.count(p.f)) {
            usedT.insert(p.t), usedF.insert(p.f);
            ++matched;
        }
    return matched;
}

void draw(const QImage& gray, const std::vector<imaging::PageLine>& truth,
          const std::vector<imaging::PageLine>& found, const QString& path,
          const std::vector<imaging::DroppedLine>& dropped = {})
{
    const double f = std::min(1.0, 1400.0 / std::max(gray.width(), gray.height()));
    QImage out = gray.convertToFormat(QImage::Format_RGB32)
                     .scaled(int(gray.width() * f), int(gray.height() * f), Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    QPainter p(&out);
    p.setRenderHint(QPainter::Antialiasing);
    const auto outline = [&](const imaging::PageLine& line, QColor colour, int index) {
        QPolygonF poly;
        for (const cv::Point2f& q : line.polygon)
            poly << QPointF(q.x * f, q.y * f);
        p.setPen(QPen(colour, 1.5));
        colour.setAlpha(40);
        p.setBrush(colour);
        p.drawPolygon(poly);
        QPolygonF base;
        for (const cv::Point2f& q : line.baseline)
            base << QPointF(q.x * f, q.y * f);
        colour.setAlpha(255);
        p.setPen(QPen(colour, 2));
        p.drawPolyline(base);
        if (index >= 0 && !poly.isEmpty()) {
            p.setPen(Qt::blue);
            p.drawText(poly.boundingRect().topLeft() + QPointF(-18, 12),
                       QStringLiteral("%1.%2").arg(index).arg(line.block));
        }
    };
    for (const auto& l : truth)
        outline(l, QColor(0, 170, 0), -1);
    for (const auto& d : dropped) {  // dropped as no text: blue, with why
        outline(d.line, QColor(0, 60, 230), -1);
        if (!d.line.polygon.empty()) {
            p.setPen(QColor(0, 60, 230));
            p.drawText(QPointF(d.line.polygon[0].x * f, d.line.polygon[0].y * f - 2),
                       QString::fromLatin1(d.why));
        }
    }
    for (std::size_t i = 0; i < found.size(); ++i)
        outline(found[i], QColor(220, 0, 0), int(i));
    p.end();
    out.save(path, "PNG");
}

std::string cleanTruth(const QString& text)
{
    return training::cleanGroundTruth(text.toStdString(), "superscript markup");
}

struct PageResult
{
    QString name, set, trained;  // trained: "train", "held-out", "unknown"
    int truthLines = 0, detected = 0, matched = 0;
    // onTruth: the page's CER from the detected lines lying at least half on ground-truth
    // lines only (what the ground truth does not transcribe left out: notes, stamps).
    training::ErrorRates page, onTruth, crops;
    double analysisSeconds = 0, readSeconds = 0, cropReadSeconds = 0;
};

// writer -> "train" / "held-out" from the line folders' manifests.
struct Provenance
{
    std::map<std::string, std::string> pageWriter;  // page name -> writer
    std::map<std::string, std::string> writerSplit;
};

Provenance loadProvenance(const QStringList& lineDirs)
{
    Provenance prov;
    for (const QString& dir : lineDirs) {
        std::vector<training::GroundTruthLine> lines;
        try {
            lines = training::listGroundTruth(dir.toStdString());
        } catch (const std::exception&) {
            continue;
        }
        bool hasVal = false;
        for (const auto& l : lines)
            hasVal = hasVal || l.split == "val";
        std::set<std::string> heldOut;
        if (!hasVal)
            for (const std::string& w : training::heldOutWriters(lines, 15))
                heldOut.insert(w);
        for (const auto& l : lines) {
            std::string name =
                QFileInfo(QString::fromStdString(l.imagePath)).completeBaseName().toStdString();
            const auto cut = name.rfind("_l");
            if (cut != std::string::npos)
                name = name.substr(0, cut);
            prov.pageWriter[name] = l.writer;
            const bool held = hasVal ? l.split == "val" : heldOut.count(l.writer) > 0;
            prov.writerSplit[l.writer] = held ? "held-out" : "train";
        }
    }
    return prov;
}

}  // namespace

int main(int argc, char** argv)
{
    QGuiApplication::setAttribute(Qt::AA_Use96Dpi);
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Page analysis and reading against ALTO ground truth: line recall/precision "
                       "(IoU >= 0.5), page CER, ground-truth line-crop CER, seconds per page."));
    parser.addHelpOption();
    const QCommandLineOption dataOpt(QStringLiteral("data"),
                                     QStringLiteral("Folder of NAME.jpg + NAME.xml (ALTO); "
                                                    "repeatable; its subfolders too."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption linesOpt(
        QStringLiteral("lines"),
        QStringLiteral("Line folder with manifest.tsv (writer, split), to tell trained-on "
                       "writers from held-out ones; repeatable."),
        QStringLiteral("DIR"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"), QStringLiteral("Threads (2)."),
                                        QStringLiteral("T"), QStringLiteral("2"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("JSON output."));
    const QCommandLineOption verboseOpt(QStringLiteral("verbose"),
                                        QStringLiteral("List the ground-truth lines not found."));
    const QCommandLineOption noReadOpt(QStringLiteral("no-read"),
                                       QStringLiteral("Line detection only."));
    const QCommandLineOption inkOpt(
        QStringLiteral("ink"),
        QStringLiteral("Write the ink the lines were found in as DIR/NAME.ink.png."),
        QStringLiteral("DIR"));
    const QCommandLineOption drawOpt(QStringLiteral("draw"),
                                     QStringLiteral("Write the pages with their lines as PNGs."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption photosOpt(
        QStringLiteral("photos"), QStringLiteral("Also analyse (and draw) every picture of DIR."),
        QStringLiteral("DIR"));
    const QCommandLineOption modelOpt(QStringLiteral("model"),
                                      QStringLiteral("Model file (default: the bundled one)."),
                                      QStringLiteral("FILE"));
    parser.addOptions({dataOpt, linesOpt, threadsOpt, jsonOpt, verboseOpt, noReadOpt, drawOpt, inkOpt,
                       photosOpt, modelOpt});
    parser.process(app);
    const bool json = parser.isSet(jsonOpt), read = !parser.isSet(noReadOpt);
    const bool verbose = parser.isSet(verboseOpt) && !json;
    const QString drawDir = parser.value(drawOpt);
    if (!drawDir.isEmpty())
        QDir().mkpath(drawDir);
    const QString inkDir = parser.value(inkOpt);
    if (!inkDir.isEmpty())
        QDir().mkpath(inkDir);
    // The page's layout; with --ink, the ink it was found in written as DIR/NAME.ink.png;
    // the lines dropped as no text in `dropped`.
    std::vector<imaging::DroppedLine> dropped;
    const auto analyse = [&inkDir, &dropped](const cv::Mat& gray, const QString& name) {
        imaging::PageOptions options;
        dropped.clear();
        options.droppedOut = &dropped;
        cv::Mat ink;
        if (!inkDir.isEmpty())
            options.inkOut = &ink;
        imaging::PageLayout layout = imaging::analyzePage(gray, options);
        if (!ink.empty()) {
            const QImage image(ink.data, ink.cols, ink.rows, int(ink.step),
                               QImage::Format_Grayscale8);
            image.save(QDir(inkDir).filePath(name + QStringLiteral(".ink.png")), "PNG");
        }
        return layout;
    };
    const int threads = std::max(1, parser.value(threadsOpt).toInt());
    nn::setNumThreads(threads);

    QStringList dataDirs = parser.values(dataOpt);
    if (dataDirs.isEmpty())
        dataDirs << QStringLiteral("/work/shared/data/pages");
    QStringList lineDirs = parser.values(linesOpt);
    if (lineDirs.isEmpty())
        lineDirs << QStringLiteral("/work/shared/data/testaments")
                 << QStringLiteral("/work/shared/data/copiste-dev");
    const Provenance prov = loadProvenance(lineDirs);

    std::unique_ptr<reading::Reader> reader;
    if (read) {
        service::ModelRequest request;
        request.path = parser.value(modelOpt);
        const service::LoadedModel loaded = service::loadModel(request);
        if (!loaded.ok()) {
            std::fprintf(stderr, "inklens_page_eval: %s\n", qPrintable(loaded.error));
            return 1;
        }
        if (!json)
            std::printf("model: %s\n", qPrintable(loaded.path));
        reader = std::make_unique<reading::Reader>(loaded.model);
    }
    const reading::ReadOptions options;  // as the window reads

    // Pages: NAME.jpg|png|tif with NAME.xml, in the folders and their subfolders.
    QStringList pages;
    for (const QString& dir : dataDirs) {
        QStringList folders{dir};
        for (const QString& sub :
             QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            folders << QDir(dir).filePath(sub);
        for (const QString& folder : folders)
            for (const QString& f : QDir(folder).entryList(
                     {QStringLiteral("*.jpg"), QStringLiteral("*.png"), QStringLiteral("*.tif")},
                     QDir::Files, QDir::Name)) {
                const QString path = QDir(folder).filePath(f);
                const QFileInfo info(path);
                if (QFileInfo::exists(info.path() + QLatin1Char('/') + info.completeBaseName()
                                      + QStringLiteral(".xml")))
                    pages << path;
            }
    }

    std::vector<PageResult> results;
    if (!json)
        std::printf("%-40s %-8s %5s %5s %5s %7s %7s %8s %8s %8s %7s %7s\n", "page", "writer", "GT",
                    "found", "match", "recall", "prec", "CER page", "CER onGT", "CER crop", "an s",
                    "read s");
    for (const QString& path : pages) {
        const QFileInfo info(path);
        QString error;
        const std::optional<service::PageReading> truth = service::readAltoFile(
            info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".xml"),
            &error);
        if (!truth) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            continue;
        }
        const QImage picture = loadPicture(path);
        if (picture.isNull())
            continue;
        const cv::Mat gray = service::grayMat(picture);
        PageResult r;
        r.name = info.completeBaseName();
        r.set = QFileInfo(info.path()).fileName();
        const auto w = prov.pageWriter.find(r.name.toStdString());
        r.trained = w == prov.pageWriter.end()
                        ? QStringLiteral("unknown")
                        : QString::fromStdString(prov.writerSplit.at(w->second));

        QElapsedTimer timer;
        timer.start();
        const imaging::PageLayout layout = analyse(gray, r.name);
        r.analysisSeconds = double(timer.nsecsElapsed()) * 1e-9;

        std::vector<imaging::PageLine> truthLines;
        std::vector<std::string> truthTexts;
        for (const auto& l : truth->lines) {
            truthLines.push_back(l.line);
            truthTexts.push_back(cleanTruth(l.text));
        }
        r.truthLines = int(truthLines.size());
        r.detected = int(layout.lines.size());
        const auto iou = iouMatrix(truthLines, layout.lines, gray.size(), 0.25);
        r.matched = matchLines(iou);
        if (verbose)
            for (std::size_t i = 0; i < iou.size(); ++i) {
                const double best = iou[i].empty()
                                        ? 0
                                        : *std::max_element(iou[i].begin(), iou[i].end());
                if (best >= 0.5)
                    continue;
                double ratio = 0;
                if (!iou[i].empty()) {
                    const auto j = std::size_t(std::max_element(iou[i].begin(), iou[i].end())
                                               - iou[i].begin());
                    const auto area = [](const std::vector<cv::Point2f>& p) {
                        return cv::contourArea(p);
                    };
                    const auto box = [](const std::vector<cv::Point2f>& p) {
                        return cv::boundingRect(p);
                    };
                    ratio = area(layout.lines[j].polygon)
                            / std::max(1.0, area(truthLines[i].polygon));
                    const cv::Rect a = box(truthLines[i].polygon), b = box(layout.lines[j].polygon);
                    std::printf(
                        "  missed: \"%s\" (best IoU %.2f, area ratio %.2f; truth x %d..%d y %d..%d, found x %d..%d y %d..%d)\n",
                        truthTexts[i].c_str(), best, ratio, a.x, a.br().x, a.y, a.br().y, b.x,
                        b.br().x, b.y, b.br().y);
                } else {
                    std::printf("  missed: \"%s\"\n", truthTexts[i].c_str());
                }
            }
        const std::vector<double> cover = truthCover(truthLines, layout.lines, gray.size(), 0.25);
        if (verbose) {
            for (std::size_t j = 0; j < layout.lines.size(); ++j) {
                double best = 0;
                for (const auto& row : iou)
                    best = std::max(best, row[j]);
                if (best >= 0.5)
                    continue;
                const cv::Rect b = cv::boundingRect(layout.lines[j].polygon);
                std::printf("  extra: #%zu x %d..%d y %d..%d (best IoU %.2f, %.0f %% on "
                            "ground-truth lines)\n",
                            j, b.x, b.br().x, b.y, b.br().y, best, 100 * cover[j]);
            }
            const std::vector<double> droppedCover = truthCover(
                truthLines,
                [&] {
                    std::vector<imaging::PageLine> lines;
                    for (const auto& d : dropped)
                        lines.push_back(d.line);
                    return lines;
                }(),
                gray.size(), 0.25);
            for (std::size_t j = 0; j < dropped.size(); ++j) {
                const cv::Rect b = cv::boundingRect(dropped[j].line.polygon);
                std::printf("  dropped (%s): x %d..%d y %d..%d (%.0f %% on ground-truth lines)\n",
                            dropped[j].why, b.x, b.br().x, b.y, b.br().y, 100 * droppedCover[j]);
            }
        }
        if (!drawDir.isEmpty())
            draw(picture, truthLines, layout.lines,
                 QDir(drawDir).filePath(r.name + QStringLiteral(".png")), dropped);

        const auto joined = [](const std::vector<std::string>& texts) {
            std::string s;
            for (std::size_t i = 0; i < texts.size(); ++i)
                s += (i ? "\n" : "") + texts[i];
            return s;
        };
        const auto readAll = [&](const std::vector<imaging::PageLine>& lines, double& seconds,
                                 std::vector<std::string>* each = nullptr) {
            std::vector<cv::Mat> crops;
            for (const auto& l : lines)
                crops.push_back(imaging::cropLine(gray, l));
            QElapsedTimer t;
            t.start();
            const std::vector<reading::Reading> readings = reader->readBatch(crops, options);
            seconds = double(t.nsecsElapsed()) * 1e-9;
            std::vector<std::string> texts;
            for (const auto& reading : readings)
                texts.push_back(reading.recognition ? reading.recognition->text : std::string());
            if (each)
                *each = texts;
            return joined(texts);
        };
        if (read) {
            std::vector<std::string> texts;
            r.page.add(joined(truthTexts), readAll(layout.lines, r.readSeconds, &texts));
            std::vector<std::string> onTruth;
            for (std::size_t j = 0; j < texts.size(); ++j)
                if (cover[j] >= 0.5)
                    onTruth.push_back(texts[j]);
            r.onTruth.add(joined(truthTexts), joined(onTruth));
            r.crops.add(joined(truthTexts), readAll(truthLines, r.cropReadSeconds));
        }
        if (!json)
            std::printf(
                "%-40s %-8s %5d %5d %5d %6.1f%% %6.1f%% %7.2f%% %7.2f%% %7.2f%% %7.2f %7.2f\n",
                qPrintable(r.name.left(40)), qPrintable(r.trained.left(8)), r.truthLines,
                r.detected, r.matched, 100.0 * r.matched / std::max(1, r.truthLines),
                100.0 * r.matched / std::max(1, r.detected), 100 * r.page.cer(),
                100 * r.onTruth.cer(), 100 * r.crops.cer(), r.analysisSeconds, r.readSeconds);
        std::fflush(stdout);
        results.push_back(std::move(r));
    }

    // Totals: all pages, and per provenance.
    struct Total
    {
        int pages = 0, truth = 0, detected = 0, matched = 0;
        training::ErrorRates page, onTruth, crops;
        std::vector<double> analysis, reading;
    };
    std::map<QString, Total> totals;
    for (const PageResult& r : results)
        for (const QString& key : {QStringLiteral("all"), r.trained, r.set}) {
            Total& t = totals[key];
            ++t.pages;
            t.truth += r.truthLines, t.detected += r.detected, t.matched += r.matched;
            t.page.merge(r.page), t.onTruth.merge(r.onTruth), t.crops.merge(r.crops);
            t.analysis.push_back(r.analysisSeconds), t.reading.push_back(r.readSeconds);
        }
    const auto medianOf = [](std::vector<double> v) {
        if (v.empty())
            return 0.0;
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    QJsonObject out;
    QJsonArray pageArray;
    for (const PageResult& r : results)
        pageArray.append(QJsonObject{
            {QStringLiteral("page"), r.name},
            {QStringLiteral("set"), r.set},
            {QStringLiteral("writer"), r.trained},
            {QStringLiteral("truthLines"), r.truthLines},
            {QStringLiteral("detected"), r.detected},
            {QStringLiteral("matched"), r.matched},
            {QStringLiteral("pageCer"), r.page.cer()},
            {QStringLiteral("pageCerOnTruth"), r.onTruth.cer()},
            {QStringLiteral("cropCer"), r.crops.cer()},
            {QStringLiteral("analysisSeconds"), r.analysisSeconds},
            {QStringLiteral("readSeconds"), r.readSeconds},
        });
    out[QStringLiteral("pages")] = pageArray;
    QJsonObject totalObject;
    if (!json)
        std::printf("\n%-12s %5s %5s %5s %5s %7s %7s %8s %8s %8s %8s %8s\n", "total", "pages", "GT",
                    "found", "match", "recall", "prec", "CER page", "CER onGT", "CER crop",
                    "an s med", "rd s med");
    for (const auto& [key, t] : totals) {
        const double recall = double(t.matched) / std::max(1, t.truth),
                     precision = double(t.matched) / std::max(1, t.detected);
        if (!json)
            std::printf(
                "%-12s %5d %5d %5d %5d %6.1f%% %6.1f%% %7.2f%% %7.2f%% %7.2f%% %8.2f %8.2f\n",
                qPrintable(key), t.pages, t.truth, t.detected, t.matched, 100 * recall,
                100 * precision, 100 * t.page.cer(), 100 * t.onTruth.cer(), 100 * t.crops.cer(),
                medianOf(t.analysis), medianOf(t.reading));
        totalObject[key] = QJsonObject{
            {QStringLiteral("pages"), t.pages},
            {QStringLiteral("recall"), recall},
            {QStringLiteral("precision"), precision},
            {QStringLiteral("pageCer"), t.page.cer()},
            {QStringLiteral("pageCerOnTruth"), t.onTruth.cer()},
            {QStringLiteral("cropCer"), t.crops.cer()},
            {QStringLiteral("analysisSecondsMedian"), medianOf(t.analysis)},
            {QStringLiteral("readSecondsMedian"), medianOf(t.reading)},
        };
    }
    out[QStringLiteral("totals")] = totalObject;
    out[QStringLiteral("threads")] = threads;

    // Photos: analysed and drawn (no ground truth).
    if (parser.isSet(photosOpt)) {
        const QDir dir(parser.value(photosOpt));
        QJsonArray photos;
        for (const QString& f : dir.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.png")},
                                              QDir::Files, QDir::Name)) {
            const QImage picture = loadPicture(dir.filePath(f));
            if (picture.isNull())
                continue;
            QElapsedTimer timer;
            timer.start();
            const imaging::PageLayout layout =
                analyse(service::grayMat(picture), QFileInfo(f).completeBaseName());
            const double seconds = double(timer.nsecsElapsed()) * 1e-9;
            if (!json)
                std::printf("photo %-12s %4dx%-4d lines %3zu  skew %5.2f deg  %.2f s\n",
                            qPrintable(f), picture.width(), picture.height(), layout.lines.size(),
                            layout.skew * 180 / 3.14159265, seconds);
            photos.append(QJsonObject{{QStringLiteral("photo"), f},
                                      {QStringLiteral("lines"), int(layout.lines.size())},
                                      {QStringLiteral("analysisSeconds"), seconds}});
            if (!drawDir.isEmpty())
                draw(picture, {}, layout.lines,
                     QDir(drawDir).filePath(QFileInfo(f).completeBaseName()
                                            + QStringLiteral(".png")),
                     dropped);
        }
        out[QStringLiteral("photos")] = photos;
    }
    if (json)
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
