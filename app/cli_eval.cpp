// inklens eval --data DIR...: recognizes every line of ground-truth folders
// (training::selectEvaluationLines, then service::evaluate: the reading of 'inklens
// recognize', several lines at once on the available cores) and prints
// the character and word error rates (training::ErrorRates), the time per line and the
// most frequent confusions. With --json: one object per line,
//   {"file", "reference", "hypothesis", "confidence", "score" (the decoder's, nbest[0]), "char_errors",
//    "chars", "word_errors", "words"}
//   ({"file", "reference", "error"} when the image could not be read), then a summary
//   {"summary": true, "cer", "wer", "lines", "char_errors", "chars", "word_errors", "words",
//    "failed", "skipped", "ms_per_line", "network_ms_per_line", "most_confused", ...}.
// Lines whose image cannot be read are left out of the rates and make the exit code 1.
#include "cli.h"
#include "cli_common.h"

#include "nn/tensor.h"
#include "reading/reader.h"
#include "service/evaluation.h"
#include "training/dataset.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <chrono>
#include <cmath>
#include <cstdio>

#include <unistd.h>

namespace inklens::cli {

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

QString fromU32(const std::u32string& s)
{
    return QString::fromStdString(model::encodeUtf8(s));
}

// Progress on stderr: rewritten in place on a terminal, a line every 10 % otherwise.
class Progress
{
public:
    void lineDone(int done, int total)  // calls one at a time, done increasing
    {
        const bool step = m_tty ? secondsSince(m_lastPrint) > 0.25
                                : done * 10 / total > m_printed * 10 / total;
        if (!step && done != total)
            return;
        m_lastPrint = Clock::now();
        m_printed = done;
        std::fprintf(stderr, "%seval: %d/%d lines, %.1f s%s", m_tty ? "\r" : "", done, total,
                     secondsSince(m_start), m_tty && done < total ? "" : "\n");
    }

private:
    const bool m_tty = isatty(fileno(stderr)) != 0;
    Clock::time_point m_start = Clock::now(), m_lastPrint = m_start;
    int m_printed = 0;
};

}  // namespace

int runEval(const QStringList& args)
{
    CommandLine command(
        "eval",
        QStringLiteral(
            "Measure the character and word error rates (CER, WER) against ground-truth folders:\n"
            "NAME.png (or .jpg, ...) + NAME.gt.txt pairs, or a manifest.tsv. Lines flagged vertical\n"
            "and unreadable ('><') lines are skipped. Exit code: 0 every line read, 1 some could\n"
            "not be read or no line to evaluate, 2 usage error."));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Ground-truth folder (repeatable)."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("One JSON object per line, then a summary object."));
    const QCommandLineOption limit(
        QStringLiteral("limit"),
        QStringLiteral("Evaluate N lines, spread evenly over the data (0 = all)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption split(
        QStringLiteral("split"),
        QStringLiteral("Only the manifest rows of this split (e.g. val), where the "
                       "manifest has a split column."),
        QStringLiteral("NAME"));
    const QCommandLineOption fitReference(
        QStringLiteral("fit-reference"),
        QStringLiteral(
            "Compare against the reference as the model's charset writes it (fallbacks such as "
            "ſ -> s applied, unknown characters dropped), as training validation does."));
    const QCommandLineOption holdout(
        QStringLiteral("holdout-writers"),
        QStringLiteral("In folders without a val split, evaluate only the N writers that "
                       "'inklens train --holdout-writers N' held out."),
        QStringLiteral("N"));
    parser.addOptions({data, json, limit, split, fitReference, holdout});
    const RecognizerOptions recognizerOptions;
    recognizerOptions.addTo(parser);

    if (const auto exitCode = command.parse(args))
        return *exitCode;
    reading::ReadOptions options;
    QString error;
    bool limitOk = false;
    const int maxLines = parser.value(limit).toInt(&limitOk);
    if (!parser.isSet(data))
        error = QStringLiteral("--data DIR is required");
    else if (!parser.positionalArguments().isEmpty())
        error = QStringLiteral("unexpected argument '%1'")
                    .arg(parser.positionalArguments().constFirst());
    else if (!limitOk || maxLines < 0)
        error = QStringLiteral("--limit needs a number >= 0");
    if (!error.isEmpty() || !recognizerOptions.read(parser, &options, &error)) {
        return command.usageError(error);
    }

    QString modelPath;
    RecognizerOptions::Choice choice;
    const auto model = recognizerOptions.loadModel(parser, &modelPath, &error, &options, &choice);
    if (!model) {
        std::fprintf(stderr, "inklens eval: %s\n", qPrintable(error));
        return 1;
    }
    const reading::Reader reader(model);

    // The lines: folders listed, split filtered, unreadable markup skipped.
    training::EvaluationSelection selection;
    if (parser.isSet(split))
        selection.split = parser.value(split).toStdString();
    if (parser.isSet(holdout))
        selection.holdoutWriters = parser.value(holdout).toInt();
    if (parser.isSet(fitReference))
        selection.fitReference = &model->charset;
    std::vector<training::EvaluationLine> lines;
    int skipped = 0;
    for (const QString& dir : parser.values(data)) {
        training::EvaluationSet folder;
        try {
            folder = training::selectEvaluationLines(training::listGroundTruth(dir.toStdString()),
                                                     selection);
        } catch (const nn::EngineError& e) {
            return command.failure(QString::fromUtf8(e.what()));
        }
        if (folder.splitIgnored)
            std::fprintf(stderr, "inklens eval: %s has no split column; --split ignored there\n",
                         qPrintable(dir));
        skipped += folder.skipped;
        lines.insert(lines.end(), folder.lines.begin(), folder.lines.end());
    }
    lines = training::spreadEvenly(std::move(lines),
                                   maxLines);  // every k-th line: all writers, not the first few
    if (lines.empty()) {
        std::fprintf(stderr, "inklens eval: no line to evaluate in %s\n",
                     qPrintable(parser.values(data).join(QStringLiteral(", "))));
        return 1;
    }

    Progress progress;
    const service::Evaluation result = service::evaluate(
        reader, lines, options, [&](int done, int total) { progress.lineDone(done, total); });

    // Per line: failures on stderr (or as JSON objects), the rates with --json.
    const bool asJson = parser.isSet(json);
    for (const service::LineEvaluation& line : result.lines) {
        const QString file = QString::fromStdString(line.file);
        const QString reference = QString::fromStdString(line.reference);
        if (line.status != service::LineEvaluation::Status::Read) {
            if (asJson)
                printJsonLine({{QStringLiteral("file"), file},
                               {QStringLiteral("reference"), reference},
                               {QStringLiteral("error"), line.error}});
            else
                std::fprintf(stderr, "inklens eval: %s: %s\n", qUtf8Printable(file),
                             qUtf8Printable(line.error));
            continue;
        }
        if (asJson)
            printJsonLine({{QStringLiteral("file"), file},
                           {QStringLiteral("reference"), reference},
                           {QStringLiteral("hypothesis"), QString::fromStdString(line.hypothesis)},
                           {QStringLiteral("confidence"), std::round(line.confidence * 1e4) / 1e4},
                           {QStringLiteral("score"), std::round(line.score * 1e4) / 1e4},
                           {QStringLiteral("char_errors"), qint64(line.errors.charErrors)},
                           {QStringLiteral("chars"), qint64(line.errors.chars)},
                           {QStringLiteral("word_errors"), qint64(line.errors.wordErrors)},
                           {QStringLiteral("words"), qint64(line.errors.words)}});
    }

    const training::ErrorRates& total = result.total;
    const std::vector<service::Confusion> confused = result.mostConfused(10);
    const long evaluated = total.lines;
    const double seconds = result.seconds;
    const double msPerLine = result.msPerLine();
    const double networkPerLine = result.networkMsPerLine();
    const double decodePerLine = result.decodeMsPerLine();
    const int failed = result.failed;
    const QString decoderName = options.decoder == reading::DecoderKind::Greedy
                                    ? QStringLiteral("greedy")
                                    : QStringLiteral("beam");
    QString unknown;
    for (char32_t c : result.outOfCharset)
        unknown += fromU32(std::u32string(1, c));

    if (parser.isSet(json)) {
        QJsonArray mostConfused;
        for (const service::Confusion& c : confused)
            mostConfused.append(QJsonObject{{QStringLiteral("reference"), fromU32(c.reference)},
                                            {QStringLiteral("hypothesis"), fromU32(c.hypothesis)},
                                            {QStringLiteral("count"), c.count}});
        QJsonObject summary{{QStringLiteral("summary"), true},
                            {QStringLiteral("cer"), total.cer()},
                            {QStringLiteral("wer"), total.wer()},
                            {QStringLiteral("lines"), qint64(evaluated)},
                            {QStringLiteral("char_errors"), qint64(total.charErrors)},
                            {QStringLiteral("chars"), qint64(total.chars)},
                            {QStringLiteral("word_errors"), qint64(total.wordErrors)},
                            {QStringLiteral("words"), qint64(total.words)},
                            {QStringLiteral("failed"), failed},
                            {QStringLiteral("skipped"), skipped},
                            {QStringLiteral("seconds"), seconds},
                            {QStringLiteral("ms_per_line"), msPerLine},
                            {QStringLiteral("network_ms_per_line"), networkPerLine},
                            {QStringLiteral("decode_ms_per_line"), decodePerLine},
                            {QStringLiteral("most_confused"), mostConfused},
                            {QStringLiteral("out_of_charset"), unknown},
                            {QStringLiteral("model"), modelPath},
                            {QStringLiteral("decoder"), decoderName},
                            {QStringLiteral("threads"), nn::numThreads()}};
        recognizerOptions.describe(choice, options, &summary);
        printJsonLine(summary);
    } else {
        std::printf("model       %s (%s decoder)\n", qUtf8Printable(modelPath),
                    qUtf8Printable(decoderName));
        QJsonObject chosen;
        recognizerOptions.describe(choice, options, &chosen);
        auto orNone = [](const QString& s) { return s.isEmpty() ? QStringLiteral("none") : s; };
        std::printf(
            "language    %s (language model: %s; word list: %s)\n",
            qUtf8Printable(orNone(choice.language)),
            qUtf8Printable(orNone(chosen.value(QStringLiteral("language_model")).toString())),
            qUtf8Printable(orNone(chosen.value(QStringLiteral("word_list")).toString())));
        std::printf(
            "lines       %ld evaluated, %d unreadable, %d skipped (vertical or unreadable text)\n",
            evaluated, failed, skipped);
        std::printf("CER         %6.2f %%  (%ld errors in %ld characters)\n", 100 * total.cer(),
                    total.charErrors, total.chars);
        std::printf("WER         %6.2f %%  (%ld errors in %ld words)\n", 100 * total.wer(),
                    total.wordErrors, total.words);
        std::printf(
            "time        %.1f ms per line, threads: %d (network %.1f ms, decoder %.1f ms per line)\n",
            msPerLine, nn::numThreads(), networkPerLine, decodePerLine);
        if (!unknown.isEmpty())
            std::printf("not in the model's charset: %s\n", qUtf8Printable(unknown));
        if (!confused.empty()) {
            std::printf("most confused (reference -> recognized: count)\n");
            for (const auto& [text, count] : total.mostConfused(10))
                std::printf("  %s: %d\n", text.c_str(), count);
        }
    }
    return failed ? 1 : 0;
}

}  // namespace inklens::cli
