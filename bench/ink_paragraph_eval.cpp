// Ink paragraphs (issue #14): paragraphs of 3-6 held-out ink lines (InkML files with
// NAME.gt.txt or a truth annotation) stacked as a writer would write them, and
//   - how well imaging::splitInkLines finds their lines: paragraphs split into exactly the
//     right lines, strokes put in the right line;
//   - the paragraph's CER read as one line (before) and line by line (service::readInkPage,
//     after), against the same lines read alone (the single-line CER of those writers).
//
//   inklens_paragraph_eval --data DIR [--data DIR...] [--paragraphs N] [--split-only]
//
// Stacking: every line scaled to one x-height (imaging::inkXHeight, +-5 %), baselines a
// paragraph's spacing apart (2.4 to 3.6 x-heights, +-0.15 per line: ascenders and
// descenders of neighbours often touch), each line indented 0-3 x-heights and turned by
// the paragraph's angle (up to +-3 degrees) +-0.7 degrees; with --late (default 0.3) that share of lines have their low strokes
// (dots, bars, accents) written after the next line. Lines of one paragraph come from one
// folder, consecutive lines of one page where the names say so (PAGE_lNNN), else at random.

#include "imaging/ink_lines.h"
#include "nn/param.h"
#include "service/inkml.h"
#include "service/model_loading.h"
#include "service/page_reading.h"
#include "training/metrics.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

using namespace inklens;

namespace {

struct InkLineSample
{
    imaging::Ink ink;
    std::string truth;
    QString group;  // the page it comes from ("" when unknown)
};

std::vector<InkLineSample> loadFolder(const QString& dir)
{
    std::vector<InkLineSample> out;
    const QDir folder(dir);
    static const QRegularExpression pageLine(QStringLiteral("^(.*)_l\\d+$"));
    for (const QString& name :
         folder.entryList({QStringLiteral("*.inkml")}, QDir::Files, QDir::Name)) {
        const QString base = name.chopped(6);
        std::optional<service::InkDocument> doc = service::readInkMlFile(folder.filePath(name));
        if (!doc || doc->ink.empty())
            continue;
        QString truth = doc->truth;
        QFile gt(folder.filePath(base + QStringLiteral(".gt.txt")));
        if (gt.open(QIODevice::ReadOnly))
            truth = QString::fromUtf8(gt.readAll()).trimmed();
        if (truth.isEmpty())
            continue;
        const auto m = pageLine.match(base);
        out.push_back(
            {std::move(doc->ink), truth.toStdString(), m.hasMatch() ? m.captured(1) : QString()});
    }
    return out;
}

struct Paragraph
{
    imaging::Ink ink;
    std::vector<int> truthLine;  // per stroke
    std::vector<std::string> texts;
    std::vector<imaging::Ink> lines;  // each line alone, as placed
    float spacing = 0;                // baseline to baseline, x-heights
};

bool isLow(const imaging::Stroke& s, float xh)
{
    float y0 = 1e30f, y1 = -1e30f;
    for (const auto& p : s.points)
        y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    return y1 - y0 < 0.35f * xh;
}

Paragraph stack(const std::vector<const InkLineSample*>& picked, nn::Rng& rng, double late)
{
    const float xh = 20.f;
    Paragraph p;
    const float spacing = rng.uniform(2.4f, 3.6f);
    p.spacing = spacing;
    const float angle = rng.uniform(-3.f, 3.f);  // the paragraph's, degrees
    std::vector<std::vector<imaging::Stroke>> postponed(picked.size() + 1);
    std::vector<std::vector<int>> postponedLine(picked.size() + 1);
    float t0 = 0;
    for (std::size_t l = 0; l < picked.size(); ++l) {
        imaging::Ink ink = picked[l]->ink;
        const imaging::Band band = imaging::inkXHeight(ink);
        const cv::Rect2f box = ink.bounds();
        const float scale = xh / std::max(band.height(), 1e-6f) * rng.uniform(0.95f, 1.05f);
        const float baseline = float(l) * spacing * xh + rng.uniform(-0.15f, 0.15f) * xh;
        const float indent = rng.uniform(0.f, 3.f) * xh;
        const float slope = std::tan((angle + rng.uniform(-0.7f, 0.7f)) * float(CV_PI) / 180.f);
        float tEnd = t0;
        for (auto& s : ink.strokes)
            for (auto& pt : s.points) {
                const float x = (pt.x - box.x) * scale, y = (pt.y - band.bottom) * scale;
                pt.x = x + indent;
                pt.y = baseline + y + slope * x;
                pt.t += t0;
                tEnd = std::max(tEnd, pt.t);
            }
        t0 = tEnd + 0.5f;
        const bool postpone = rng.uniform(0.f, 1.f) < float(late);
        for (auto& s : ink.strokes) {
            if (postpone && isLow(s, xh)) {
                postponed[l + 1].push_back(s);  // after the next line
                postponedLine[l + 1].push_back(int(l));
                continue;
            }
            p.ink.strokes.push_back(s);
            p.truthLine.push_back(int(l));
        }
        for (std::size_t k = 0; k < postponed[l].size(); ++k) {  // the previous line's
            p.ink.strokes.push_back(postponed[l][k]);
            p.truthLine.push_back(postponedLine[l][k]);
        }
        p.texts.push_back(picked[l]->truth);
        p.lines.push_back(std::move(ink));
    }
    for (std::size_t k = 0; k < postponed.back().size(); ++k) {
        p.ink.strokes.push_back(postponed.back()[k]);
        p.truthLine.push_back(postponedLine.back()[k]);
    }
    return p;
}

// Strokes in the right line: each found line stands for the true line most of its strokes
// come from. Exact: as many lines as written, each with exactly its strokes.
struct SplitScore
{
    int strokes = 0, right = 0;
    bool exact = false, count = false;
};

SplitScore scoreSplit(const Paragraph& p, const std::vector<imaging::InkLine>& found)
{
    SplitScore score;
    const int truthLines = int(p.texts.size());
    score.count = int(found.size()) == truthLines;
    std::vector<int> foundLine(p.ink.strokes.size(), -1);
    for (std::size_t l = 0; l < found.size(); ++l) {
        std::vector<int> votes(std::size_t(truthLines), 0);
        for (int i : found[l].strokes)
            ++votes[std::size_t(p.truthLine[std::size_t(i)])];
        const int major = int(std::max_element(votes.begin(), votes.end()) - votes.begin());
        for (int i : found[l].strokes)
            foundLine[std::size_t(i)] = major;
    }
    score.strokes = int(p.ink.strokes.size());
    bool orderOk = score.count;
    for (std::size_t i = 0; i < foundLine.size(); ++i)
        score.right += foundLine[i] == p.truthLine[i];
    if (score.count)
        for (std::size_t l = 0; l < found.size(); ++l)
            for (int i : found[l].strokes)
                orderOk = orderOk && p.truthLine[std::size_t(i)] == int(l);
    score.exact = orderOk;
    return score;
}

std::string joined(const std::vector<std::string>& texts)
{
    std::string out;
    for (const auto& t : texts)
        out += (out.empty() ? "" : " ") + t;
    return out;
}

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ink paragraphs: line split accuracy and paragraph CER before/after."));
    parser.addHelpOption();
    const QCommandLineOption dataOpt(QStringLiteral("data"),
                                     QStringLiteral("Folder of InkML lines (repeatable)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption countOpt(QStringLiteral("paragraphs"),
                                      QStringLiteral("Paragraphs per folder (50)."),
                                      QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption lateOpt(
        QStringLiteral("late"),
        QStringLiteral("Share of lines whose dots come after the next line (0.3)."),
        QStringLiteral("P"), QStringLiteral("0.3"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed (1)."),
                                     QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption splitOnlyOpt(QStringLiteral("split-only"),
                                          QStringLiteral("Only the split, no reading."));
    const QCommandLineOption verboseOpt(QStringLiteral("verbose"),
                                        QStringLiteral("List the paragraphs split wrongly."));
    const QCommandLineOption modelOpt(QStringLiteral("model"),
                                      QStringLiteral("Model file (default: the bundled one)."),
                                      QStringLiteral("FILE"));
    parser.addOptions({dataOpt, countOpt, lateOpt, seedOpt, splitOnlyOpt, verboseOpt, modelOpt});
    parser.process(app);
    const bool read = !parser.isSet(splitOnlyOpt);
    const bool verbose = parser.isSet(verboseOpt);

    std::unique_ptr<reading::Reader> reader;
    if (read) {
        service::ModelRequest request;
        request.path = parser.value(modelOpt);
        const service::LoadedModel loaded = service::loadModel(request);
        if (!loaded.ok()) {
            std::fprintf(stderr, "inklens_paragraph_eval: %s\n", qPrintable(loaded.error));
            return 1;
        }
        std::printf("model: %s\n", qPrintable(loaded.path));
        reader = std::make_unique<reading::Reader>(loaded.model);
    }
    const reading::ReadOptions options;  // as the window reads
    nn::Rng rng(parser.value(seedOpt).toULongLong());
    const int perFolder = parser.value(countOpt).toInt();
    const double late = parser.value(lateOpt).toDouble();

    std::printf("%-24s %5s %6s %8s %8s %9s %9s %9s %8s\n", "folder", "paras", "exact", "count",
                "strokes", "CER one", "CER lines", "CER alone", "split ms");
    int allExact = 0, allParagraphs = 0;
    for (const QString& dir : parser.values(dataOpt)) {
        const std::vector<InkLineSample> samples = loadFolder(dir);
        if (samples.size() < 6) {
            std::fprintf(stderr, "inklens_paragraph_eval: too few lines in %s\n", qPrintable(dir));
            continue;
        }
        std::map<QString, std::vector<int>> pages;
        for (std::size_t i = 0; i < samples.size(); ++i)
            if (!samples[i].group.isEmpty())
                pages[samples[i].group].push_back(int(i));
        std::vector<std::vector<int>> usable;
        for (auto& [name, members] : pages)
            if (members.size() >= 3)
                usable.push_back(members);

        int exact = 0, count = 0, strokes = 0, right = 0;
        training::ErrorRates one, lines, alone;
        double splitMs = 0;
        for (int n = 0; n < perFolder; ++n) {
            const int k = 3 + int(rng.uniform(0.f, 4.f));  // 3..6 lines
            std::vector<const InkLineSample*> picked;
            if (!usable.empty()) {
                const auto& page =
                    usable[std::size_t(rng.uniform(0.f, float(usable.size()))) % usable.size()];
                const int take = std::min<int>(k, int(page.size()));
                const int first = int(rng.uniform(0.f, float(page.size() - std::size_t(take) + 1)))
                                  % int(page.size() - std::size_t(take) + 1);
                for (int i = 0; i < take; ++i)
                    picked.push_back(&samples[std::size_t(page[std::size_t(first + i)])]);
            } else {
                for (int i = 0; i < k; ++i)
                    picked.push_back(&samples[std::size_t(rng.uniform(0.f, float(samples.size())))
                                              % samples.size()]);
            }
            const Paragraph p = stack(picked, rng, late);
            QElapsedTimer timer;
            timer.start();
            const std::vector<imaging::InkLine> found = imaging::splitInkLines(p.ink);
            splitMs += double(timer.nsecsElapsed()) / 1e6;
            const SplitScore s = scoreSplit(p, found);
            exact += s.exact, count += s.count, strokes += s.strokes, right += s.right;
            if (verbose && !s.exact)
                std::printf("  paragraph %d: %d lines written, %zu found, spacing %.2f, %d of %d "
                            "strokes right\n",
                            n, int(p.texts.size()), found.size(), p.spacing, s.right, s.strokes);
            if (verbose && !s.exact)
                for (const auto& line : found) {
                    float length = 0;
                    for (int i : line.strokes)
                        for (std::size_t k = 1; k < p.ink.strokes[std::size_t(i)].points.size();
                             ++k)
                            length += float(cv::norm(
                                cv::Point2f(p.ink.strokes[std::size_t(i)].points[k].x
                                                - p.ink.strokes[std::size_t(i)].points[k - 1].x,
                                            p.ink.strokes[std::size_t(i)].points[k].y
                                                - p.ink.strokes[std::size_t(i)].points[k - 1].y)));
                    std::printf(
                        "    %zu strokes (truth line %d) x %.1f..%.1f y %.1f..%.1f length %.0f\n",
                        line.strokes.size(), p.truthLine[std::size_t(line.strokes[0])],
                        line.box.x / 20, (line.box.x + line.box.width) / 20, line.box.y / 20,
                        (line.box.y + line.box.height) / 20, length / 20);
                }
            if (!read)
                continue;
            const std::string truth = joined(p.texts);
            one.add(truth, reader->read(p.ink, options).recognition->text);
            const service::PageReading page = service::readInkPage(*reader, p.ink, options);
            lines.add(truth,
                      page.text().replace(QLatin1Char('\n'), QLatin1Char(' ')).toStdString());
            std::vector<std::string> texts;
            for (const reading::Reading& r : reader->readBatch(p.lines, options))
                texts.push_back(r.recognition->text);
            alone.add(truth, joined(texts));
        }
        allExact += exact, allParagraphs += perFolder;
        const QString name = QDir(dir).dirName();
        std::printf("%-24s %5d %5.1f%% %7.1f%% %7.1f%% %8.1f%% %8.1f%% %8.1f%% %8.2f\n",
                    qPrintable(name), perFolder, 100.0 * exact / perFolder,
                    100.0 * count / perFolder, 100.0 * right / std::max(1, strokes),
                    100 * one.cer(), 100 * lines.cer(), 100 * alone.cer(), splitMs / perFolder);
        std::fflush(stdout);
    }
    std::printf("exact splits: %d of %d paragraphs\n", allExact, allParagraphs);
    return 0;
}
