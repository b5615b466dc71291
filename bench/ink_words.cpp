// Held-out ink lines cut into words (issue #13: the sets it is judged on outside are words
// written one at a time, the dev-side stand-ins are lines): a ground-truth folder of one
// word each (NAME_wNN.inkml + NAME_wNN.gt.txt) that `inklens eval --data OUT` reads.
//
//   inklens_ink_words --data DIR [--data DIR...] --out DIR [--min-ratio R]
//
// A line is cut at the gaps between its strokes where its truth's spaces are: strokes whose
// x-ranges overlap (a letter and its dot, bar or accent) form one cluster; the truth is
// aligned to the line's posteriors (ctc::ctcAlign, the bundled model or --model) and each
// space goes to the gap between clusters nearest its columns. A line is kept only when the
// cut is clear: every space finds its own gap within half an x-height (--tolerance) and the
// words come out in order. Forced alignment is no reading: a line the model misreads still
// aligns, but a line whose alignment is off is dropped, so the words kept lean to lines
// the model reads better than average (the note says by how much). A manifest.tsv lists the words
// (ink is listed only through a manifest, training/dataset.h) with their line's writer and
// split when the line folder's manifest gives them. What it cannot show: words
// written alone are written at their own size and position, not cut from a line; a word
// cut from a line keeps its neighbours' baseline.

#include "ctc/ctc.h"
#include "ctc/decode.h"
#include "imaging/ink.h"
#include "reading/reader.h"
#include "service/inkml.h"
#include "service/model_loading.h"
#include "training/metrics.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>

using namespace inklens;

namespace {

struct Cluster
{
    float x0 = 0, x1 = 0;
    std::vector<int> strokes;
};

// Strokes grouped by overlapping x-ranges, left to right.
std::vector<Cluster> clusters(const imaging::Ink& ink)
{
    std::vector<Cluster> spans;
    for (int i = 0; i < int(ink.strokes.size()); ++i) {
        const auto& pts = ink.strokes[std::size_t(i)].points;
        if (pts.empty())
            continue;
        Cluster c{pts[0].x, pts[0].x, {i}};
        for (const auto& p : pts)
            c.x0 = std::min(c.x0, p.x), c.x1 = std::max(c.x1, p.x);
        spans.push_back(c);
    }
    std::sort(spans.begin(), spans.end(),
              [](const Cluster& a, const Cluster& b) { return a.x0 < b.x0; });
    std::vector<Cluster> out;
    for (Cluster& c : spans) {
        if (!out.empty() && c.x0 <= out.back().x1) {
            out.back().x1 = std::max(out.back().x1, c.x1);
            out.back().strokes.insert(out.back().strokes.end(), c.strokes.begin(), c.strokes.end());
        } else {
            out.push_back(std::move(c));
        }
    }
    return out;
}

bool writeText(const QString& path, const QString& text)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8() + '\n') >= 0 && f.commit();
}

}  // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cut ink lines into a folder of words."));
    parser.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Ink line folder."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output folder."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption tolerance(QStringLiteral("tolerance"),
                                       QStringLiteral("Farthest a space may be from its gap, in x-heights."),
                                       QStringLiteral("X"), QStringLiteral("0.5"));
    const QCommandLineOption modelOpt(QStringLiteral("model"),
                                      QStringLiteral("Model that aligns (default: the bundled one)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption oracleOpt(
        QStringLiteral("oracle"),
        QStringLiteral("Also read each word at its measured size and at its line's x-height and "
                       "centre, print both CERs, and write each size's reading to OUT/sizes.tsv."));
    parser.addOptions({data, out, tolerance, modelOpt, oracleOpt});
    parser.process(app);
    if (!parser.isSet(data) || !parser.isSet(out)) {
        std::fprintf(stderr, "inklens_ink_words: --data DIR and --out DIR are required\n");
        return 2;
    }
    const float maxOff = parser.value(tolerance).toFloat();
    service::ModelRequest request;
    request.path = parser.value(modelOpt);
    const service::LoadedModel loaded = service::loadModel(request);
    if (!loaded.ok()) {
        std::fprintf(stderr, "inklens_ink_words: %s\n", qPrintable(loaded.error));
        return 1;
    }
    const reading::Reader reader(loaded.model);
    const model::Charset& charset = loaded.model->charset;
    const int spaceLabel = charset.labelOf(U' ');
    const QString outDir = parser.value(out);
    if (!QDir().mkpath(outDir)) {
        std::fprintf(stderr, "inklens_ink_words: cannot create %s\n", qPrintable(outDir));
        return 1;
    }

    int lines = 0, kept = 0, words = 0;
    std::vector<float> sizeRatios, centreShifts;  // word's x-height / line's; centre offset
    const bool oracle = parser.isSet(oracleOpt);
    training::ErrorRates asRead, atLineSize;
    const std::vector<float> scales = {0.6f, 0.7f, 0.85f, 1.f, 1.2f, 1.4f, 1.6f};
    QString dump = QStringLiteral("word\ttruth\tsize\ttext\tscore\tlogprob\tconfidence\n");
    const auto wordName = [](const QString& base, int k) {
        return QStringLiteral("%1_w%2").arg(base).arg(k, 2, 10, QLatin1Char('0'));
    };
    QString manifest = QStringLiteral("file\twriter\tsplit\ttext\n");
    for (const QString& dir : parser.values(data)) {
        const QDir folder(dir);
        // file -> "writer\tsplit" from the line folder's manifest, when it has one.
        QHash<QString, QString> writerSplit;
        QFile lineManifest(folder.filePath(QStringLiteral("manifest.tsv")));
        if (lineManifest.open(QIODevice::ReadOnly)) {
            const QStringList header = QString::fromUtf8(lineManifest.readLine()).trimmed().split('\t');
            const auto file = header.indexOf(QStringLiteral("file")),
                       writer = header.indexOf(QStringLiteral("writer")),
                       split = header.indexOf(QStringLiteral("split"));
            while (!lineManifest.atEnd()) {
                const QStringList row = QString::fromUtf8(lineManifest.readLine()).chopped(1).split('\t');
                if (file >= 0 && file < row.size())
                    writerSplit[row[file]] = (writer >= 0 && writer < row.size() ? row[writer] : QString())
                                             + QLatin1Char('\t')
                                             + (split >= 0 && split < row.size() ? row[split] : QString());
            }
        }
        for (const QString& name :
             folder.entryList({QStringLiteral("*.inkml")}, QDir::Files, QDir::Name)) {
            const QString base = name.chopped(6);
            auto doc = service::readInkMlFile(folder.filePath(name));
            if (!doc || doc->ink.empty())
                continue;
            QString truth = doc->truth;
            QFile gt(folder.filePath(base + QStringLiteral(".gt.txt")));
            if (gt.open(QIODevice::ReadOnly))
                truth = QString::fromUtf8(gt.readAll()).simplified();
            const QStringList texts = truth.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (texts.isEmpty())
                continue;
            ++lines;
            const std::vector<Cluster> cs = clusters(doc->ink);
            const int w = int(texts.size());
            if (int(cs.size()) < w)
                continue;
            // The truth's spaces in the network's columns, then in the ink's x: the raster
            // spans the ink's width linearly (inkToLine scales and pads, deskew shears y).
            std::vector<char32_t> unknown;
            const std::vector<int> labels = charset.encode(texts.join(QLatin1Char(' ')).toStdString(), &unknown);
            reading::ReadOptions options;
            options.decoder = reading::DecoderKind::Greedy;
            const reading::Reading reading = reader.read(doc->ink, options);
            const nn::Mat& logProbs = reading.recognition->logProbs;
            if (!unknown.empty() || spaceLabel < 0 || logProbs.rows() == 0
                || logProbs.rows() < ctc::ctcMinFrames(labels))
                continue;
            const std::vector<ctc::DecodedChar> aligned = ctc::ctcAlign(logProbs, labels);
            const cv::Rect2f box = doc->ink.bounds();
            int c0 = reading.line.width, c1 = -1;  // the raster's inked columns
            for (int x = 0; x < reading.line.width; ++x)
                for (int y = 0; y < reading.line.height; ++y)
                    if (reading.line.pixels[std::size_t(y) * reading.line.width + x] > 0.1f) {
                        c0 = std::min(c0, x), c1 = std::max(c1, x);
                        break;
                    }
            if (c1 <= c0 || box.width <= 0)
                continue;
            const float unitsPerColumn = box.width / float(c1 - c0);
            const float r = float(loaded.model->crnn.spec().widthReduction());
            const imaging::Band lineBand = imaging::inkXHeight(doc->ink);
            const float xHeight = lineBand.height();
            std::vector<int> cuts;  // the cluster before each space
            bool clear = true;
            for (const ctc::DecodedChar& ch : aligned) {
                if (ch.label != spaceLabel)
                    continue;
                const float column = (float(ch.firstFrame) + float(ch.lastFrame) + 1.f) * 0.5f * r;
                const float x = box.x + (column - float(c0)) * unitsPerColumn;
                int best = -1;
                float bestOff = 1e30f;
                for (std::size_t i = 0; i + 1 < cs.size(); ++i) {
                    const float off = x < cs[i].x1 ? cs[i].x1 - x : x > cs[i + 1].x0 ? x - cs[i + 1].x0 : 0.f;
                    if (off < bestOff)
                        bestOff = off, best = int(i);
                }
                if (best < 0 || bestOff > maxOff * xHeight || (!cuts.empty() && best <= cuts.back())) {
                    clear = false;
                    break;
                }
                cuts.push_back(best);
            }
            if (!clear || int(cuts.size()) != w - 1)
                continue;
            ++kept;
            std::size_t c = 0;
            for (int k = 0; k < w; ++k) {
                const std::size_t last = k < w - 1 ? std::size_t(cuts[std::size_t(k)]) : cs.size() - 1;
                std::vector<int> strokes;
                for (; c <= last; ++c)
                    strokes.insert(strokes.end(), cs[c].strokes.begin(), cs[c].strokes.end());
                std::sort(strokes.begin(), strokes.end());  // writing order
                imaging::Ink word;
                for (int s : strokes)
                    word.strokes.push_back(doc->ink.strokes[std::size_t(s)]);
                const imaging::Band wordBand = imaging::inkXHeight(word);
                sizeRatios.push_back(wordBand.height() / lineBand.height());
                centreShifts.push_back((wordBand.centre() - lineBand.centre()) / lineBand.height());
                if (oracle) {
                    reading::ReadOptions measured;  // as the window reads, one size
                    measured.sizeSearchWidth = 0;
                    asRead.add(texts[k].toStdString(), reader.read(word, measured).recognition->text);
                    // The word drawn as its line is: the line's x-height at 0.30 of the
                    // height, the line's band centre at 0.55.
                    imaging::RasterOptions raster;
                    raster.height = loaded.model->crnn.spec().inputHeight;
                    raster.deskew = true;
                    raster.xHeight *= sizeRatios.back();
                    raster.centre += centreShifts.back() * imaging::RasterOptions{}.xHeight;
                    atLineSize.add(texts[k].toStdString(),
                                   reader.read(imaging::inkToLine(word, raster), measured).recognition->text);
                    // Each size's reading, for choosing a rule offline (--oracle-dump).
                    for (float scale : scales) {
                        const auto rec = reader.read(reader.normalize(word, measured, scale), measured).recognition;
                        dump += QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\n")
                                    .arg(wordName(base, k), texts[k])
                                    .arg(scale)
                                    .arg(QString::fromStdString(rec->text))
                                    .arg(rec->nbest.empty() ? -1e30 : rec->nbest[0].score)
                                    .arg(rec->nbest.empty() ? -1e30 : rec->nbest[0].logProb)
                                    .arg(rec->confidence);
                    }
                }
                const QString stem = outDir + QLatin1Char('/') + wordName(base, k);
                manifest += wordName(base, k) + QStringLiteral(".inkml\t")
                            + writerSplit.value(name, QStringLiteral("\t")) + QLatin1Char('\t')
                            + texts[k] + QLatin1Char('\n');
                QString error;
                if (!service::writeInkMlFile(stem + QStringLiteral(".inkml"), word, &error)
                    || !writeText(stem + QStringLiteral(".gt.txt"), texts[k])) {
                    std::fprintf(stderr, "inklens_ink_words: %s: %s\n", qPrintable(stem),
                                 qPrintable(error));
                    return 1;
                }
                ++words;
            }
        }
    }
    QSaveFile list(outDir + QStringLiteral("/manifest.tsv"));
    if (!list.open(QIODevice::WriteOnly) || list.write(manifest.toUtf8()) < 0 || !list.commit()) {
        std::fprintf(stderr, "inklens_ink_words: cannot write %s\n", qPrintable(list.fileName()));
        return 1;
    }
    const auto quantiles = [](std::vector<float> v) {
        std::sort(v.begin(), v.end());
        const auto at = [&](double q) { return v.empty() ? 0.f : v[std::size_t(q * double(v.size() - 1))]; };
        std::printf("p10 %.2f  p25 %.2f  median %.2f  p75 %.2f  p90 %.2f\n", at(0.1), at(0.25), at(0.5),
                    at(0.75), at(0.9));
    };
    std::printf("word x-height / its line's: ");
    quantiles(sizeRatios);
    std::printf("word band centre - line's, in line x-heights: ");
    quantiles(centreShifts);
    if (oracle) {
        std::printf("words read at their measured size: CER %.2f %%; at their line's x-height: %.2f %%\n",
                    100 * asRead.cer(), 100 * atLineSize.cer());
        QSaveFile f(outDir + QStringLiteral("/sizes.tsv"));
        if (!f.open(QIODevice::WriteOnly) || f.write(dump.toUtf8()) < 0 || !f.commit())
            return 1;
    }
    std::printf("%d lines, %d cut clearly into %d words (%.0f %%)\n", lines, kept, words,
                lines ? 100.0 * kept / lines : 0.0);
    return 0;
}
