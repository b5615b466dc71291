// inklens recognize FILE...: reads each file as one text line with the one reading path
// (service::loadGrayImage or service::readInkMlFile -> reading::Reader) and prints
// "FILE<TAB>text", or with --json one object per file and line:
//
//   {"file", "text", "confidence",
//    "chars": [{"char", "confidence", "first_column", "last_column"}],   columns of FILE
//    "nbest": [{"text", "log_prob"}],
//    "timing_ms": {"load", "normalize", "network", "decode"},
//    "image": {"width", "height"}, "input_width", "skew", "shear", ["warning"]}
//   {"file", "error"}                                                   when FILE failed
//
// FILE.inkml (InkML ink) is rasterized by imaging::inkToLine at the model's input height;
// its "image" is that line, its columns the line's, no "shear", plus "ink": {"strokes", "points"} and
// "truth" when the file has an <annotation type="truth">.
// A file without ink (a blank picture, ink without points) is read as the empty text, with
// "warning": "no ink found"; it counts as read.
//
// Exit code: 0 when every file was read, 1 when any failed (the others still run), 2 on
// a usage error.
#include "cli.h"
#include "cli_common.h"

#include "imaging/ink.h"
#include "model/word_lexicon.h"
#include "nn/tensor.h"
#include "reading/reader.h"
#include "service/documents.h"
#include "service/inkml.h"
#include "service/line_loader.h"
#include "service/model_locator.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <opencv2/core.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

namespace inklens::cli {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Probabilities and times with 4 decimals: 0.9 rather than 0.89999997615814209.
double rounded(double v) { return std::round(v * 1e4) / 1e4; }

QJsonObject errorObject(const QString& file, QString message)
{
    // loadGrayImage's messages start with the path, which "file" already holds.
    if (message.startsWith(file + QStringLiteral(": ")))
        message = message.mid(file.size() + 2);
    return {{QStringLiteral("file"), file}, {QStringLiteral("error"), message}};
}

QJsonArray nbestArray(const model::Recognition& rec)
{
    QJsonArray nbest;
    for (const model::Alternative& a : rec.nbest)
        nbest.append(QJsonObject{{QStringLiteral("text"), QString::fromStdString(a.text)},
                                 {QStringLiteral("log_prob"), rounded(a.logProb)}});
    return nbest;
}

}  // namespace

void RecognizerOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({model, decoder, beamWidth, nbest, threads, lm, noLm, lmWeight, lmBonus, lexicon, oovPenalty, deslant, noDeskew});
}

bool RecognizerOptions::read(const QCommandLineParser& parser, reading::ReadOptions* options,
                             QString* error) const
{
    const QString name = parser.value(decoder);
    if (name == QLatin1String("greedy")) {
        options->decoder = reading::DecoderKind::Greedy;
    } else if (name == QLatin1String("beam")) {
        options->decoder = reading::DecoderKind::Beam;
    } else {
        *error = QStringLiteral("unknown decoder '%1' (greedy or beam)").arg(name);
        return false;
    }
    bool ok = false;
    options->beam.beamWidth = parser.value(beamWidth).toInt(&ok);
    if (!ok || options->beam.beamWidth < 1) {
        *error = QStringLiteral("--beam-width needs a positive integer");
        return false;
    }
    options->beam.nbest = parser.value(nbest).toInt(&ok);
    if (!ok || options->beam.nbest < 1) {
        *error = QStringLiteral("--nbest needs a positive integer");
        return false;
    }
    const int threadCount = parser.value(threads).toInt(&ok);
    if (!ok || threadCount < 0) {
        *error = QStringLiteral("--threads needs a number >= 0");
        return false;
    }
    if (parser.isSet(lmWeight)) {
        options->beam.lmWeight = parser.value(lmWeight).toFloat(&ok);
        if (!ok || !(options->beam.lmWeight >= 0)) {
            *error = QStringLiteral("--lm-weight needs a number >= 0");
            return false;
        }
    }
    if (parser.isSet(lmBonus)) {
        options->beam.lmBonus = parser.value(lmBonus).toFloat(&ok);
        if (!ok || !std::isfinite(options->beam.lmBonus)) {
            *error = QStringLiteral("--lm-bonus needs a number");
            return false;
        }
    }
    if (parser.isSet(oovPenalty)) {
        options->beam.oovPenalty = parser.value(oovPenalty).toFloat(&ok);
        if (!ok || !(options->beam.oovPenalty >= 0) || !std::isfinite(options->beam.oovPenalty)) {
            *error = QStringLiteral("--oov-penalty needs a number >= 0");
            return false;
        }
    }
    options->languageModel = !parser.isSet(noLm);
    options->deslant = parser.isSet(deslant);
    options->deskew = !parser.isSet(noDeskew);
    nn::setNumThreads(threadCount);
    return true;
}

std::shared_ptr<const model::Model> RecognizerOptions::loadModel(const QCommandLineParser& parser, QString* path,
                                                                 QString* error, reading::ReadOptions* options) const
{
    if (parser.isSet(model)) {
        *path = parser.value(model);
    } else {
        QString searched;
        *path = service::defaultModelPath(&searched);
        if (path->isEmpty()) {
            *error = service::noModelMessage(searched);
            return nullptr;
        }
    }
    try {
        // An explicit --lm that does not load is an error; a default one beside the model
        // that does not load is a warning (the model still reads).
        const std::string lmPath = parser.isSet(noLm) ? std::string("-")
                                   : parser.isSet(lm) ? QFile::encodeName(parser.value(lm)).toStdString()
                                                      : std::string();
        std::string lmProblem;
        auto m = std::make_shared<const model::Model>(
            model::loadModelWithLanguageModel(QFile::encodeName(*path).toStdString(), lmPath, &lmProblem));
        if (!lmProblem.empty()) {
            if (parser.isSet(lm)) {
                *error = QStringLiteral("cannot load language model: %1").arg(QString::fromUtf8(lmProblem.c_str()));
                return nullptr;
            }
            std::fprintf(stderr, "warning: %s; reading without it\n", lmProblem.c_str());
        }
        if (parser.isSet(lexicon)) {
            try {
                options->lexicon = std::make_shared<const ctc::Lexicon>(
                    model::loadLexicon(QFile::encodeName(parser.value(lexicon)).toStdString(), m->charset));
            } catch (const std::exception& e) {
                *error = QString::fromUtf8(e.what());
                return nullptr;
            }
        }
        return m;
    } catch (const std::exception& e) {
        *error = QStringLiteral("cannot load model %1: %2").arg(*path, QString::fromUtf8(e.what()));
        return nullptr;
    }
}

QJsonObject recognizeFile(const reading::Reader& reader, const QString& file, const reading::ReadOptions& options)
{
    // FILE.inkml: the strokes, read as the canvas' ink is. There is no original picture, so
    // "image" is the rasterized line and the character columns are its columns.
    const bool isInk = service::isInkMlPath(file);
    auto t0 = Clock::now();
    QString error;
    std::optional<service::InkDocument> doc;
    QImage image;
    if (isInk) {
        doc = service::readInkMlFile(file, &error);
        if (!doc)
            return errorObject(file, error);
    } else {
        image = service::loadGrayImage(file, &error);
        if (image.isNull())
            return errorObject(file, error.isEmpty() ? QStringLiteral("cannot read the image") : error);
    }
    const double loadMs = msSince(t0);

    reading::Reading reading;
    try {
        reading = isInk ? reader.read(doc->ink, options) : reader.read(service::grayMat(image), options);
    } catch (const std::exception& e) {
        return errorObject(file, QString::fromUtf8(e.what()));
    }
    const model::Recognition& rec = *reading.recognition;
    const imaging::LineImage& line = reading.line;

    QJsonArray chars;
    for (const model::RecognizedChar& c : rec.chars) {
        // A picture's own columns (back through the crop and scale); the line's for ink.
        const auto [first, last] = isInk ? std::pair(c.firstColumn, c.lastColumn) : reading.sourceColumns(c);
        chars.append(QJsonObject{{QStringLiteral("char"), QString::fromStdString(c.text)},
                                 {QStringLiteral("confidence"), rounded(c.confidence)},
                                 {QStringLiteral("first_column"), first},
                                 {QStringLiteral("last_column"), last}});
    }
    QJsonObject out{
        {QStringLiteral("file"), file},
        {QStringLiteral("text"), QString::fromStdString(rec.text)},
        {QStringLiteral("confidence"), rounded(rec.confidence)},
        {QStringLiteral("chars"), chars},
        {QStringLiteral("nbest"), nbestArray(rec)},
        {QStringLiteral("timing_ms"), QJsonObject{{QStringLiteral("load"), rounded(loadMs)},
                                                  {QStringLiteral("normalize"), rounded(reading.normalizeMs)},
                                                  {QStringLiteral("network"), rounded(reading.networkMs)},
                                                  {QStringLiteral("decode"), rounded(reading.decodeMs)}}},
        {QStringLiteral("image"), QJsonObject{{QStringLiteral("width"), isInk ? line.width : image.width()},
                                              {QStringLiteral("height"), isInk ? line.height : image.height()}}},
        {QStringLiteral("input_width"), line.width},
        {QStringLiteral("skew"), rounded(line.skew)},
    };
    if (isInk) {
        qint64 points = 0;
        for (const imaging::Stroke& s : doc->ink.strokes)
            points += qint64(s.points.size());
        out[QStringLiteral("ink")] = QJsonObject{{QStringLiteral("strokes"), qint64(doc->ink.strokes.size())},
                                                 {QStringLiteral("points"), points}};
        if (!doc->truth.isEmpty())
            out[QStringLiteral("truth")] = doc->truth;
    } else {
        out[QStringLiteral("shear")] = rounded(line.shear);
    }
    if (reading.empty)
        out[QStringLiteral("warning")] = QStringLiteral("no ink found");
    return out;
}

void printJsonLine(const QJsonObject& object)
{
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int runRecognize(const QStringList& args)
{
    CommandLine command(
        "recognize",
        QStringLiteral("Read handwriting: each FILE (PNG, JPEG, TIFF, BMP, WebP, InkML) is one text line.\n"
                       "Prints FILE<TAB>text, or with --json one object per file and line.\n"
                       "Exit code: 0 all files read, 1 some failed, 2 usage error."));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per file: text, confidence, characters with "
                                                 "their image columns, alternatives, timings."));
    parser.addOption(json);
    const RecognizerOptions recognizerOptions;
    recognizerOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Line images."), QStringLiteral("FILE..."));

    if (const auto exitCode = command.parse(args))
        return *exitCode;
    const QStringList files = parser.positionalArguments();
    reading::ReadOptions options;
    QString error;
    if (files.isEmpty())
        error = QStringLiteral("no FILE given");
    if (!error.isEmpty() || !recognizerOptions.read(parser, &options, &error)) {
        return command.usageError(error);
    }

    QString modelPath;
    const auto model = recognizerOptions.loadModel(parser, &modelPath, &error, &options);
    if (!model) {
        std::fprintf(stderr, "inklens recognize: %s\n", qPrintable(error));
        return 1;
    }
    const reading::Reader reader(model);

    bool allRead = true;
    for (const QString& file : files) {
        const QJsonObject result = recognizeFile(reader, file, options);
        const bool failed = result.contains(QStringLiteral("error"));
        allRead = allRead && !failed;
        if (parser.isSet(json)) {
            printJsonLine(result);
        } else if (failed) {
            std::fprintf(stderr, "inklens recognize: %s: %s\n", qUtf8Printable(file),
                         qUtf8Printable(result.value(QStringLiteral("error")).toString()));
        } else {
            std::printf("%s\t%s\n", qUtf8Printable(file),
                        qUtf8Printable(result.value(QStringLiteral("text")).toString()));
            std::fflush(stdout);
        }
    }
    return allRead ? 0 : 1;
}

}  // namespace inklens::cli
