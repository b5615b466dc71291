// inklens recognize FILE...: reads each file with the one reading path and prints
// "FILE<TAB>text", or with --json one object per file, line or page.
//
// A picture (PNG, JPEG, TIFF, BMP, WebP; service::readPageImage) is a page or one line as
// the window decides (service::isPagePicture: shaped like a page, or two lines found on
// it); a TIFF's pages each. InkML ink is a page when it holds several lines
// (service::isInkPage), as the window's canvas reads it.
//
// One line (service::readFile: service::loadGrayImage or service::readInkMlFile ->
// reading::Reader), as before pages existed:
//
//   {"file", "text", "confidence",
//    "chars": [{"char", "confidence", "first_column", "last_column"}],   columns of FILE
//    "nbest": [{"text", "log_prob", "score"}],   best first by score: the network's
//             log-probability of the text plus the language model's and the word list's terms
//             (model::Alternative; score = log_prob without them)
//    "timing_ms": {"load", "normalize", "network", "decode"},
//    "image": {"width", "height"}, "input_width", "skew", "shear", ["warning"],
//    ["read_as": the language --lang auto chose for this line]}
//   {"file", "error"}                                                   when FILE failed
//
// A page (service::readPageImageLines / readInkPage; service::pageJson):
//
//   {"file", ["page": N of a multi-page file, from 1], "text": the lines joined by "\n" in
//    reading order, "width", "height",
//    "lines": [{"text", "polygon": [[x, y], ...], "baseline": [[x, y], ...], "confidence",
//               "block"}], "timing_ms": {"load", "read"}}
//   polygons in the original picture's pixels (ink: the ink's units)
//   {"file", ["page"], "error"}                                         when it failed
//
// Without --json, a page prints "FILE<TAB>text" for each of its lines ("FILE:N" for page N
// of a multi-page file).
//
// FILE.inkml (InkML ink) of one line is rasterized by imaging::inkToLine at the model's
// input height; its "image" is that line, its columns the line's, no "shear", plus "ink":
// {"strokes", "points"} and "truth" when the file has an <annotation type="truth">.
// A file without ink (a blank picture, ink without points) is read as the empty text, with
// "warning": "no ink found"; it counts as read.
//
// Exit code: 0 when every file was read, 1 when any failed (the others still run), 2 on
// a usage error.
#include "cli.h"
#include "cli_common.h"

#include "nn/tensor.h"
#include "reading/reader.h"
#include "service/documents.h"
#include "service/file_reading.h"
#include "service/inkml.h"
#include "service/line_loader.h"
#include "service/model_loading.h"
#include "service/page_formats.h"
#include "service/page_image.h"
#include "service/writing_language.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <utility>

namespace inklens::cli {

namespace {

// Probabilities and times with 4 decimals: 0.9 rather than 0.89999997615814209.
double rounded(double v)
{
    return std::round(v * 1e4) / 1e4;
}

QJsonArray nbestArray(const model::Recognition& rec)
{
    QJsonArray nbest;
    for (const model::Alternative& a : rec.nbest)
        nbest.append(QJsonObject{{QStringLiteral("text"), QString::fromStdString(a.text)},
                                 {QStringLiteral("log_prob"), rounded(a.logProb)},
                                 {QStringLiteral("score"), rounded(a.score)}});
    return nbest;
}

// The object 'inklens recognize --json' prints for FILE ({"file", "error"} when it failed).
QJsonObject readingObject(const QString& file, const service::FileReading& read)
{
    if (!read.ok())
        return {{QStringLiteral("file"), file}, {QStringLiteral("error"), read.error}};
    const reading::Reading& reading = read.reading;
    const model::Recognition& rec = *reading.recognition;
    const imaging::LineImage& line = reading.line;
    // FILE.inkml: there is no original picture, so "image" is the rasterized line and the
    // character columns are its columns.
    const bool isInk = read.isInk;

    QJsonArray chars;
    for (const model::RecognizedChar& c : rec.chars) {
        // A picture's own columns (back through the crop and scale); the line's for ink.
        const auto [first, last] = isInk ? std::pair(c.firstColumn, c.lastColumn)
                                         : reading.sourceColumns(c);
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
        {QStringLiteral("timing_ms"),
         QJsonObject{{QStringLiteral("load"), rounded(read.loadMs)},
                     {QStringLiteral("normalize"), rounded(reading.normalizeMs)},
                     {QStringLiteral("network"), rounded(reading.networkMs)},
                     {QStringLiteral("decode"), rounded(reading.decodeMs)}}},
        {QStringLiteral("image"), QJsonObject{{QStringLiteral("width"), read.size.width()},
                                              {QStringLiteral("height"), read.size.height()}}},
        {QStringLiteral("input_width"), line.width},
        {QStringLiteral("skew"), rounded(line.skew)},
    };
    if (!rec.language.empty())
        out[QStringLiteral("read_as")] = QString::fromStdString(rec.language);
    if (isInk) {
        out[QStringLiteral("ink")] = QJsonObject{{QStringLiteral("strokes"), read.strokes},
                                                 {QStringLiteral("points"), read.points}};
        if (!read.truth.isEmpty())
            out[QStringLiteral("truth")] = read.truth;
    } else {
        out[QStringLiteral("shear")] = rounded(line.shear);
    }
    if (reading.empty)
        out[QStringLiteral("warning")] = QStringLiteral("no ink found");
    return out;
}

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

QJsonObject errorObject(const QString& file, int pageNumber, const QString& error)
{
    QJsonObject out{{QStringLiteral("file"), file}};
    if (pageNumber > 0)
        out[QStringLiteral("page")] = pageNumber;
    out[QStringLiteral("error")] = error;
    return out;
}

QJsonObject pageObject(service::PageReading page, const QString& file, int pageNumber,
                       double loadMs, double readMs)
{
    if (!page.ok())
        return errorObject(file, pageNumber, page.error);
    page.file = file;
    QJsonObject out = service::pageJson(page, true, pageNumber);
    out[QStringLiteral("timing_ms")] = QJsonObject{{QStringLiteral("load"), rounded(loadMs)},
                                                   {QStringLiteral("read"), rounded(readMs)}};
    return out;
}

using Emit = std::function<void(QJsonObject)>;

// Every page or line of a picture file, an object each.
void recognizePicture(const reading::Reader& reader, const QString& file,
                      const reading::ReadOptions& options, const Emit& emitObject)
{
    QString error;
    const int count = service::pageImageCount(file, &error);
    if (count < 0)
        return emitObject(errorObject(file, 0, error));
    for (int p = 0; p < count; ++p) {
        const int pageNumber = count > 1 ? p + 1 : 0;
        const auto t0 = Clock::now();
        const std::optional<service::PageImage> image = service::readPageImage(file, p, &error);
        if (!image) {
            emitObject(errorObject(file, pageNumber, error));
            continue;
        }
        const double loadMs = msSince(t0);
        // The window's rule (service::isPagePicture): a page-shaped picture is a page
        // whatever is found; another one is when two rows of text are found on it.
        bool page = service::looksLikePage(image->originalSize);
        if (!page) {
            try {
                page = service::isPagePicture(
                    image->originalSize,
                    imaging::analyzePage(service::grayMat(image->gray)).rows());
            } catch (const std::exception&) {
                page = false;  // read as one line, which says what went wrong
            }
        }
        if (page) {
            const auto t1 = Clock::now();
            service::PageReading reading = service::readPageImageLines(reader, *image, options);
            emitObject(pageObject(std::move(reading), file, pageNumber, loadMs, msSince(t1)));
        } else if (count == 1) {
            emitObject(readingObject(file, service::readFile(reader, file, options)));
        } else {  // a line on a page of a multi-page file
            service::FileReading read;
            read.loadMs = loadMs;
            read.size = image->gray.size();
            try {
                read.reading = reader.read(service::grayMat(image->gray), options);
            } catch (const std::exception& e) {
                read.error = QString::fromUtf8(e.what());
            }
            QJsonObject object = readingObject(file, read);
            object[QStringLiteral("page")] = pageNumber;
            emitObject(object);
        }
    }
}

// InkML: several lines are a page (read line by line), one line is read as before.
void recognizeInk(const reading::Reader& reader, const QString& file,
                  const reading::ReadOptions& options, const Emit& emitObject)
{
    const auto t0 = Clock::now();
    QString error;
    const std::optional<service::InkDocument> doc = service::readInkMlFile(file, &error);
    if (doc && service::isInkPage(doc->ink)) {  // the window's rule
        const double loadMs = msSince(t0);
        const auto t1 = Clock::now();
        service::PageReading page = service::readInkPage(reader, doc->ink, options);
        return emitObject(pageObject(std::move(page), file, 0, loadMs, msSince(t1)));
    }
    emitObject(readingObject(file, service::readFile(reader, file, options)));
}

}  // namespace

void RecognizerOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({model, decoder, beamWidth, nbest, threads, lm, noLm, lmWeight, lmBonus,
                       lexicon, lang, noLexicon, oovPenalty, deslant, noDeskew});
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
    if (parser.isSet(lang) && !service::isWritingLanguageChoice(parser.value(lang))) {
        *error = QStringLiteral("unknown --lang '%1' (%2 or %3)")
                     .arg(parser.value(lang),
                          service::writingLanguages().join(QStringLiteral(", ")),
                          service::kAutomaticLanguage);
        return false;
    }
    if (parser.isSet(lexicon) && parser.isSet(noLexicon)) {
        *error = QStringLiteral("--lexicon and --no-lexicon exclude each other");
        return false;
    }
    options->languageModel = !parser.isSet(noLm);
    options->deslant = parser.isSet(deslant);
    options->deskew = !parser.isSet(noDeskew);
    nn::setNumThreads(threadCount);
    return true;
}

std::shared_ptr<const model::Model> RecognizerOptions::loadModel(const QCommandLineParser& parser,
                                                                 QString* path, QString* error,
                                                                 reading::ReadOptions* options,
                                                                 Choice* choice) const
{
    // An explicit --lm that does not load is an error; a default one beside the model
    // that does not load is a warning (the model still reads).
    service::ModelRequest request;
    request.path = parser.value(model);
    request.languageModel = parser.value(lm);
    request.noLanguageModel = parser.isSet(noLm);
    request.language = parser.value(lang);
    request.wordList = parser.value(lexicon);
    if (request.wordList.isEmpty() && service::isWritingLanguage(request.language)
        && !parser.isSet(noLexicon)) {
        request.wordList = service::wordListFileFor(request.language);
        if (request.wordList.isEmpty())
            std::fprintf(stderr,
                         "warning: no word list for --lang %s in /usr/share/dict; "
                         "reading without one\n",
                         qUtf8Printable(request.language));
    }
    service::LoadedModel loaded = service::loadModel(request);
    *path = loaded.path;
    if (!loaded.ok()) {
        *error = loaded.error;
        return nullptr;
    }
    if (!loaded.languageModelWarning.isEmpty())
        std::fprintf(stderr, "warning: %s; reading without it\n",
                     qUtf8Printable(loaded.languageModelWarning));
    if (service::isWritingLanguage(request.language) && !request.noLanguageModel
        && service::languageModelFileFor(loaded.path, request.language).isEmpty())
        std::fprintf(stderr, "inklens: no lang/%s.lm beside %s: the model's own language model\n",
                     qUtf8Printable(request.language), qUtf8Printable(loaded.path));
    options->lexicon = nullptr;
    options->languages.clear();
    service::DecodingInUse{loaded.wordList, std::move(loaded.languages)}.useIn(*options);
    if (parser.isSet(noLexicon))
        for (reading::DecodingLanguage& language : options->languages)
            language.lexicon = nullptr;
    if (choice)
        *choice = {request.language, loaded.languageModelPath,
                   options->lexicon ? request.wordList : QString()};
    return loaded.model;
}

void RecognizerOptions::describe(const Choice& choice, const reading::ReadOptions& options,
                                 QJsonObject* out) const
{
    const bool beam = options.decoder == reading::DecoderKind::Beam;
    (*out)[QStringLiteral("language")] = choice.language;
    (*out)[QStringLiteral("language_model")] = beam && options.languageModel ? choice.languageModel
                                                                             : QString();
    (*out)[QStringLiteral("word_list")] = beam ? choice.wordList : QString();
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
        QStringLiteral(
            "Read handwriting: each FILE (PNG, JPEG, TIFF, BMP, WebP, InkML) is a page or one\n"
            "text line: a picture shaped like a page (at least 400 px high and half as high as\n"
            "wide) or with two lines or more is a page, read line by line (each page of a\n"
            "TIFF); so is ink of several lines.\n"
            "Prints FILE<TAB>text for each line, or with --json one object per line picture\n"
            "or page: {file, [page], text, lines: [{text, polygon, baseline, confidence}]}\n"
            "with polygons in the original picture's pixels (ink: its units).\n"
            "Exit code: 0 all files read, 1 some failed, 2 usage error."));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral("One JSON object per line picture (text, confidence, characters with "
                       "their image columns, alternatives, timings) or page (text, lines "
                       "with polygon, baseline, confidence)."));
    parser.addOption(json);
    const RecognizerOptions recognizerOptions;
    recognizerOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Pictures of lines or pages, InkML ink."),
                                 QStringLiteral("FILE..."));

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
    RecognizerOptions::Choice choice;
    const auto model = recognizerOptions.loadModel(parser, &modelPath, &error, &options, &choice);
    if (!model) {
        std::fprintf(stderr, "inklens recognize: %s\n", qPrintable(error));
        return 1;
    }
    const reading::Reader reader(model);

    bool allRead = true;
    for (const QString& file : files) {
        const Emit print = [&](QJsonObject result) {
            recognizerOptions.describe(choice, options, &result);
            const bool failed = result.contains(QStringLiteral("error"));
            allRead = allRead && !failed;
            QString name = file;
            if (result.contains(QStringLiteral("page")))
                name += QStringLiteral(":%1").arg(result.value(QStringLiteral("page")).toInt());
            if (parser.isSet(json)) {
                printJsonLine(result);
            } else if (failed) {
                std::fprintf(stderr, "inklens recognize: %s: %s\n", qUtf8Printable(name),
                             qUtf8Printable(result.value(QStringLiteral("error")).toString()));
            } else if (result.contains(QStringLiteral("lines"))) {  // a page: each line
                for (const QJsonValue& line : result.value(QStringLiteral("lines")).toArray())
                    std::printf(
                        "%s\t%s\n", qUtf8Printable(name),
                        qUtf8Printable(line.toObject().value(QStringLiteral("text")).toString()));
                std::fflush(stdout);
            } else {
                std::printf("%s\t%s\n", qUtf8Printable(name),
                            qUtf8Printable(result.value(QStringLiteral("text")).toString()));
                std::fflush(stdout);
            }
        };
        if (service::isInkMlPath(file))
            recognizeInk(reader, file, options, print);
        else
            recognizePicture(reader, file, options, print);
    }
    return allRead ? 0 : 1;
}

}  // namespace inklens::cli
