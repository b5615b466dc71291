// inklens eval --data DIR...: recognizes every line of ground-truth folders (the same
// path as 'inklens recognize', several lines at once on the available cores) and prints
// the character and word error rates (training::ErrorRates), the time per line and the
// most frequent confusions. With --json: one object per line,
//   {"file", "reference", "hypothesis", "confidence", "char_errors", "chars", "word_errors", "words"}
//   ({"file", "reference", "error"} when the image could not be read), then a summary
//   {"summary": true, "cer", "wer", "lines", "char_errors", "chars", "word_errors", "words",
//    "failed", "skipped", "ms_per_line", "network_ms_per_line", "most_confused", ...}.
// Lines whose image cannot be read are left out of the rates and make the exit code 1.
#include "cli.h"
#include "cli_common.h"

#include "reading/reader.h"
#include "nn/tensor.h"
#include "training/dataset.h"
#include "training/metrics.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>

#include <unistd.h>

namespace inklens::cli {

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct EvalLine {
    QString file;
    QString reference;  // normalized, manifest markup removed
};

// The manifest's markup removed, as 'inklens train' does: '^' before superscripts,
// '>' '<' around crossed-out text.
QString fromU32(const std::u32string& s) { return QString::fromStdString(model::encodeUtf8(s)); }

// Progress on stderr: rewritten in place on a terminal, a line every 10 % otherwise.
class Progress {
public:
    explicit Progress(int total) : m_total(total), m_tty(isatty(fileno(stderr)) != 0) {}

    void lineDone()  // thread-safe
    {
        const int done = ++m_done;
        std::lock_guard lock(m_mutex);
        const bool step = m_tty ? secondsSince(m_lastPrint) > 0.25 : done * 10 / m_total > m_printed * 10 / m_total;
        if (done <= m_printed || (!step && done != m_total))
            return;  // (threads may arrive out of order)
        m_lastPrint = Clock::now();
        m_printed = done;
        std::fprintf(stderr, "%seval: %d/%d lines, %.1f s%s", m_tty ? "\r" : "", done, m_total,
                     secondsSince(m_start), m_tty && done < m_total ? "" : "\n");
    }

private:
    const int m_total;
    const bool m_tty;
    std::atomic_int m_done{0};
    std::mutex m_mutex;
    Clock::time_point m_start = Clock::now(), m_lastPrint = m_start;
    int m_printed = 0;
};

}  // namespace

int runEval(const QStringList& args)
{
    CommandLine command(
        "eval",
        QStringLiteral("Measure the character and word error rates (CER, WER) against ground-truth folders:\n"
                       "NAME.png (or .jpg, ...) + NAME.gt.txt pairs, or a manifest.tsv. Lines flagged vertical\n"
                       "and unreadable ('><') lines are skipped. Exit code: 0 every line read, 1 some could\n"
                       "not be read or no line to evaluate, 2 usage error."));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Ground-truth folder (repeatable)."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line, then a summary object."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("Evaluate N lines, spread evenly over the data (0 = all)."),
                                   QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption split(QStringLiteral("split"),
                                   QStringLiteral("Only the manifest rows of this split (e.g. val), where the "
                                                  "manifest has a split column."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption fitReference(
        QStringLiteral("fit-reference"),
        QStringLiteral("Compare against the reference as the model's charset writes it (fallbacks such as "
                       "ſ -> s applied, unknown characters dropped), as training validation does."));
    const QCommandLineOption holdout(QStringLiteral("holdout-writers"),
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
        error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst());
    else if (!limitOk || maxLines < 0)
        error = QStringLiteral("--limit needs a number >= 0");
    if (!error.isEmpty() || !recognizerOptions.read(parser, &options, &error)) {
        return command.usageError(error);
    }

    QString modelPath;
    const auto model = recognizerOptions.loadModel(parser, &modelPath, &error, &options);
    if (!model) {
        std::fprintf(stderr, "inklens eval: %s\n", qPrintable(error));
        return 1;
    }
    const reading::Reader reader(model);

    // The lines: folders listed, split filtered, unreadable markup skipped.
    std::vector<EvalLine> lines;
    int skipped = 0;
    for (const QString& dir : parser.values(data)) {
        std::vector<training::GroundTruthLine> listed;
        try {
            listed = training::listGroundTruth(dir.toStdString());
        } catch (const nn::EngineError& e) {
            return command.failure(QString::fromUtf8(e.what()));
        }
        const bool hasSplit = std::any_of(listed.begin(), listed.end(), [](const auto& l) { return !l.split.empty(); });
        // Folders without a val split: the writers `inklens train --holdout-writers N` held out.
        const bool hasVal = std::any_of(listed.begin(), listed.end(), [](const auto& l) { return l.split == "val"; });
        const std::vector<std::string> heldWriters = parser.isSet(holdout) && !hasVal
            ? training::heldOutWriters(listed, parser.value(holdout).toInt()) : std::vector<std::string>();
        if (parser.isSet(split) && !hasSplit)
            std::fprintf(stderr, "inklens eval: %s has no split column; --split ignored there\n", qPrintable(dir));
        for (const training::GroundTruthLine& l : listed) {
            if (parser.isSet(split) && hasSplit && QString::fromStdString(l.split) != parser.value(split))
                continue;
            if (!heldWriters.empty() && std::find(heldWriters.begin(), heldWriters.end(), l.writer) == heldWriters.end())
                continue;
            if (training::skipGroundTruth(l)) {
                ++skipped;
                continue;
            }
            QString reference = QString::fromStdString(training::cleanGroundTruth(l.text, l.flags));
            if (parser.isSet(fitReference))
                reference = QString::fromStdString(model->charset.decode(model->charset.encode(reference.toStdString())));
            reference = QString::fromStdString(model::normalizeText(reference.toStdString()));
            lines.push_back({QString::fromStdString(l.imagePath), reference});
        }
    }
    if (maxLines > 0 && int(lines.size()) > maxLines) {  // every k-th line: all writers, not the first few
        std::vector<EvalLine> spread;
        const double stride = double(lines.size()) / maxLines;
        for (int i = 0; i < maxLines; ++i)
            spread.push_back(lines[std::size_t(double(i) * stride)]);
        lines = std::move(spread);
    }
    if (lines.empty()) {
        std::fprintf(stderr, "inklens eval: no line to evaluate in %s\n",
                     qPrintable(parser.values(data).join(QStringLiteral(", "))));
        return 1;
    }

    // Recognition: one line per thread (the Reader is const and thread-safe; each call
    // has its own workspace, and the layers run single-threaded inside this loop).
    std::vector<QJsonObject> results(lines.size());
    Progress progress(int(lines.size()));
    const auto start = Clock::now();
#pragma omp parallel for schedule(dynamic, 1)
    for (int i = 0; i < int(lines.size()); ++i) {
        results[std::size_t(i)] = recognizeFile(reader, lines[std::size_t(i)].file, options);
        progress.lineDone();
    }
    const double seconds = secondsSince(start);

    // Rates, per line and in total.
    training::ErrorRates total;
    int failed = 0;
    double networkMs = 0, decodeMs = 0;
    std::vector<char32_t> outOfCharset;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const EvalLine& line = lines[i];
        const QJsonObject& result = results[i];
        model->charset.encode(line.reference.toStdString(), &outOfCharset);
        if (result.contains(QStringLiteral("error"))) {
            ++failed;
            const QString message = result.value(QStringLiteral("error")).toString();
            if (parser.isSet(json))
                printJsonLine({{QStringLiteral("file"), line.file},
                               {QStringLiteral("reference"), line.reference},
                               {QStringLiteral("error"), message}});
            else
                std::fprintf(stderr, "inklens eval: %s: %s\n", qUtf8Printable(line.file), qUtf8Printable(message));
            continue;
        }
        const QString hypothesis = result.value(QStringLiteral("text")).toString();
        const QJsonObject timing = result.value(QStringLiteral("timing_ms")).toObject();
        networkMs += timing.value(QStringLiteral("network")).toDouble();
        decodeMs += timing.value(QStringLiteral("decode")).toDouble();
        training::ErrorRates one;
        one.add(line.reference.toStdString(), hypothesis.toStdString());
        total.merge(one);
        if (parser.isSet(json))
            printJsonLine({{QStringLiteral("file"), line.file},
                           {QStringLiteral("reference"), line.reference},
                           {QStringLiteral("hypothesis"), hypothesis},
                           {QStringLiteral("confidence"), result.value(QStringLiteral("confidence"))},
                           {QStringLiteral("char_errors"), qint64(one.charErrors)},
                           {QStringLiteral("chars"), qint64(one.chars)},
                           {QStringLiteral("word_errors"), qint64(one.wordErrors)},
                           {QStringLiteral("words"), qint64(one.words)}});
    }

    // The most frequent confusions, in mostConfused()'s order, as (reference, hypothesis).
    std::vector<std::pair<std::pair<std::u32string, std::u32string>, int>> confused(total.confusions.begin(),
                                                                                     total.confusions.end());
    std::stable_sort(confused.begin(), confused.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    confused.resize(std::min<std::size_t>(confused.size(), 10));

    const long evaluated = total.lines;
    const double msPerLine = evaluated ? 1000.0 * seconds / double(evaluated) : 0.0;
    const double networkPerLine = evaluated ? networkMs / double(evaluated) : 0.0;
    const double decodePerLine = evaluated ? decodeMs / double(evaluated) : 0.0;
    const QString decoderName = options.decoder == reading::DecoderKind::Greedy ? QStringLiteral("greedy")
                                                                               : QStringLiteral("beam");
    QString unknown;
    for (char32_t c : outOfCharset)
        unknown += fromU32(std::u32string(1, c));

    if (parser.isSet(json)) {
        QJsonArray mostConfused;
        for (const auto& [pair, count] : confused)
            mostConfused.append(QJsonObject{{QStringLiteral("reference"), fromU32(pair.first)},
                                            {QStringLiteral("hypothesis"), fromU32(pair.second)},
                                            {QStringLiteral("count"), count}});
        printJsonLine({{QStringLiteral("summary"), true},
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
                       {QStringLiteral("threads"), nn::numThreads()}});
    } else {
        std::printf("model       %s (%s decoder)\n", qUtf8Printable(modelPath), qUtf8Printable(decoderName));
        std::printf("lines       %ld evaluated, %d unreadable, %d skipped (vertical or unreadable text)\n", evaluated,
                    failed, skipped);
        std::printf("CER         %6.2f %%  (%ld errors in %ld characters)\n", 100 * total.cer(), total.charErrors,
                    total.chars);
        std::printf("WER         %6.2f %%  (%ld errors in %ld words)\n", 100 * total.wer(), total.wordErrors,
                    total.words);
        std::printf("time        %.1f ms per line, threads: %d (network %.1f ms, decoder %.1f ms per line)\n",
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
